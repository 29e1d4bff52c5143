veil::generate!("valid.yaml", models, variant = "nope");

fn main() {}
