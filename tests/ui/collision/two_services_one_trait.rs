veil::generate!("two_services_one_trait.yaml");

fn main() {}
