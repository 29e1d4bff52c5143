veil::generate!("no_value.yaml");

fn main() {}
