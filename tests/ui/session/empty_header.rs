veil::generate!("empty_header.yaml");

fn main() {}
