veil::generate!("empty_success_on_endpoint.yaml");

fn main() {}
