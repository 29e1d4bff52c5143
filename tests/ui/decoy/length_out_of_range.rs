veil::generate!("length_out_of_range.yaml");

fn main() {}
