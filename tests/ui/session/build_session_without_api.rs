veil::generate!("build_session_without_api.yaml");

fn main() {}
