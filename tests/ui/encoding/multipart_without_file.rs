veil::generate!("multipart_without_file.yaml");

fn main() {}
