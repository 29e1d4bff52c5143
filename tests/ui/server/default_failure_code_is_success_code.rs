veil::generate!("default_failure_code_is_success_code.yaml");

fn main() {}
