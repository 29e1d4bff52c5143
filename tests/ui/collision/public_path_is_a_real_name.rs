veil::generate!("public_path_is_a_real_name.yaml");

fn main() {}
