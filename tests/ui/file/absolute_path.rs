veil::generate!("/etc/veil/spec.yaml");

fn main() {}
