veil::generate!("format_on_an_integer.yaml");

fn main() {}
