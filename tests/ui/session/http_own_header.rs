veil::generate!("http_own_header.yaml");

fn main() {}
