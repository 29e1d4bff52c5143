veil::generate!("unknown_type.yaml");

fn main() {}
