veil::generate!("rust_name_wrong_case.yaml");

fn main() {}
