veil::generate!("recursive_through_another_type.yaml");

fn main() {}
