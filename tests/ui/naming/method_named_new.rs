veil::generate!("method_named_new.yaml");

fn main() {}
