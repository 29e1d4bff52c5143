veil::generate!("list_in_form_request.yaml");

fn main() {}
