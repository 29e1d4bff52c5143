veil::generate!("valid.yaml", models, client, models);

fn main() {}
