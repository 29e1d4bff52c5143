veil::generate!("unknown_encoding.yaml");

fn main() {}
