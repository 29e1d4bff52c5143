veil::generate!("endpoints_not_a_list.yaml");

fn main() {}
