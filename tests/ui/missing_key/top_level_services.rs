veil::generate!("top_level_services.yaml");

fn main() {}
