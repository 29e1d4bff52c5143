veil::generate!("one_path_for_two_endpoints.yaml");

fn main() {}
