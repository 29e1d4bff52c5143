veil::generate!("optional_not_a_boolean.yaml");

fn main() {}
