veil::generate!("field_type.yaml");

fn main() {}
