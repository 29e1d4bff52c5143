veil::generate!("declared_twice.yaml");

fn main() {}
