veil::generate!("empty_spec.yaml");

fn main() {}
