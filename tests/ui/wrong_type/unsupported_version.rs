veil::generate!("unsupported_version.yaml");

fn main() {}
