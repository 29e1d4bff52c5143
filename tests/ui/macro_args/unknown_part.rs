veil::generate!("valid.yaml", modles);

fn main() {}
