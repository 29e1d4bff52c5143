veil::generate!("no_disguise_for_an_endpoint.yaml");

fn main() {}
