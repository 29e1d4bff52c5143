veil::generate!("field_not_an_identifier.yaml");

fn main() {}
