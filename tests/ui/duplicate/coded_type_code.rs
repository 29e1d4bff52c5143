veil::generate!("coded_type_code.yaml");

fn main() {}
