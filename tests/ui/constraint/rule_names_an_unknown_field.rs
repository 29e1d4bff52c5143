veil::generate!("rule_names_an_unknown_field.yaml");

fn main() {}
