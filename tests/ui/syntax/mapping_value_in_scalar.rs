veil::generate!("mapping_value_in_scalar.yaml");

fn main() {}
