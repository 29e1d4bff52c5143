veil::generate!("type_name.yaml");

fn main() {}
