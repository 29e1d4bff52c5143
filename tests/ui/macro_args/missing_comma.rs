veil::generate!("valid.yaml" models);

fn main() {}
