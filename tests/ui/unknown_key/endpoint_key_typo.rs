veil::generate!("endpoint_key_typo.yaml");

fn main() {}
