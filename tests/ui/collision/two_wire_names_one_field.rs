veil::generate!("two_wire_names_one_field.yaml");

fn main() {}
