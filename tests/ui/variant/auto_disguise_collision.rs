veil::generate!("auto_disguise_collision.yaml");

fn main() {}
