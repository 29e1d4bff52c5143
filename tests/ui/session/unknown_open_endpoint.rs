veil::generate!("unknown_open_endpoint.yaml");

fn main() {}
