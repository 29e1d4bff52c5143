veil::generate!("type_named_envelope.yaml");

fn main() {}
