veil::generate!("unknown_option_list.yaml");

fn main() {}
