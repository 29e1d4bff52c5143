veil::generate!("two_real_names_one_method.yaml");

fn main() {}
