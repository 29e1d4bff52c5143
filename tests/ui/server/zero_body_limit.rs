veil::generate!("zero_body_limit.yaml");

fn main() {}
