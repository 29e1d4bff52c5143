veil::generate!("success_code.yaml");

fn main() {}
