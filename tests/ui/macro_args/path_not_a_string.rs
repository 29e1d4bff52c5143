veil::generate!(42);

fn main() {}
