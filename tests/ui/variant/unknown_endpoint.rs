veil::generate!("unknown_endpoint.yaml");

fn main() {}
