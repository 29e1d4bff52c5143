veil::generate!("value_and_generate.yaml");

fn main() {}
