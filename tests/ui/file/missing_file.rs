veil::generate!("no_such_spec.yaml");

fn main() {}
