veil::generate!("public_path.yaml");

fn main() {}
