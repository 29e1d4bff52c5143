veil::generate!("file_in_json_request.yaml");

fn main() {}
