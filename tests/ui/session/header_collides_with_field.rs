veil::generate!("header_collides_with_field.yaml");

fn main() {}
