veil::generate!();

fn main() {}
