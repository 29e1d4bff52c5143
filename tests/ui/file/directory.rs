veil::generate!(".");

fn main() {}
