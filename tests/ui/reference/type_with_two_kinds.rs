veil::generate!("type_with_two_kinds.yaml");

fn main() {}
