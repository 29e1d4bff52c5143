veil::generate!("unknown_format.yaml");

fn main() {}
