veil::generate!("type_named_like_a_request.yaml");

fn main() {}
