veil::generate!("two_values_one_variant.yaml");

fn main() {}
