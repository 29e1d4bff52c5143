veil::generate!("recursive_type.yaml");

fn main() {}
