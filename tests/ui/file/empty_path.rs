veil::generate!("");

fn main() {}
