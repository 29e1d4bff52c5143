veil::generate!("enum_value.yaml");

fn main() {}
