veil::generate!("file_as_response.yaml");

fn main() {}
