veil::generate!("invalid_pattern.yaml");

fn main() {}
