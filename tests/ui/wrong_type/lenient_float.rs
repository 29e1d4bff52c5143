veil::generate!("lenient_float.yaml");

fn main() {}
