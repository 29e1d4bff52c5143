veil::generate!("top_level_key_typo.yaml");

fn main() {}
