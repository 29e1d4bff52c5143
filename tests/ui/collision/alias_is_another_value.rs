veil::generate!("alias_is_another_value.yaml");

fn main() {}
