veil::generate!("range_on_text.yaml");

fn main() {}
