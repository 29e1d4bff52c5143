veil::generate!("empty_list_element.yaml");

fn main() {}
