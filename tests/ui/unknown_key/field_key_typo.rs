veil::generate!("field_key_typo.yaml");

fn main() {}
