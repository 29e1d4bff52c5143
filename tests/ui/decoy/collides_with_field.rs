veil::generate!("collides_with_field.yaml");

fn main() {}
