veil::generate!("path_with_a_brace.yaml");

fn main() {}
