veil::generate!("real_name.yaml");

fn main() {}
