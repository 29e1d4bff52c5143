veil::generate!("path_without_leading_slash.yaml");

fn main() {}
