veil::generate!("duplicate_yaml_key.yaml");

fn main() {}
