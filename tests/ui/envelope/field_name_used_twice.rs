veil::generate!("field_name_used_twice.yaml");

fn main() {}
