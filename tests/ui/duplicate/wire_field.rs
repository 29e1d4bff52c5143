veil::generate!("wire_field.yaml");

fn main() {}
