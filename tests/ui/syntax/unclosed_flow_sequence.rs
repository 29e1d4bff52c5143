veil::generate!("unclosed_flow_sequence.yaml");

fn main() {}
