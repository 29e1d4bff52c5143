veil::generate!("no_success_code.yaml");

fn main() {}
