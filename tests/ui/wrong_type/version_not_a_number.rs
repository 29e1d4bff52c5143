veil::generate!("version_not_a_number.yaml");

fn main() {}
