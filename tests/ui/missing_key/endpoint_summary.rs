veil::generate!("endpoint_summary.yaml");

fn main() {}
