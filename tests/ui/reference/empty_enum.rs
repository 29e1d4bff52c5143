veil::generate!("empty_enum.yaml");

fn main() {}
