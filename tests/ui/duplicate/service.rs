veil::generate!("service.yaml");

fn main() {}
