veil::generate!("server_key_typo.yaml");

fn main() {}
