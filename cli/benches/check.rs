//! `veil check` on the 1,000-endpoint synthetic spec, as a whole process (start, read, load,
//! check, exit), against the floor of starting the same binary (`veil --version`), in paired
//! rounds of one run. Prints the fastest and median of each and their ratio.
//!
//! `cargo bench -p veil-cli --bench check` (the bench profile is optimized, as an installed
//! `veil` is). docs/benchmarks.md has the figures.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../../codegen/benches/synth/mod.rs"]
mod synth;

const ENDPOINTS: usize = 1_000;
const ROUNDS: usize = 21;

fn main() {
    let spec = std::env::temp_dir().join(format!("veil-check-bench-{}.yaml", std::process::id()));
    if let Err(err) = std::fs::write(&spec, synth::spec(ENDPOINTS)) {
        eprintln!("cannot write {}: {err}", spec.display());
        std::process::exit(2);
    }
    let veil = Path::new(env!("CARGO_BIN_EXE_veil"));
    let mut floor = Vec::with_capacity(ROUNDS);
    let mut check = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        floor.push(time(Command::new(veil).arg("--version")));
        check.push(time(Command::new(veil).arg("check").arg(&spec)));
    }
    let _ = std::fs::remove_file(&spec);
    report("veil --version (process floor)", &mut floor);
    report(&format!("veil check, {ENDPOINTS} endpoints"), &mut check);
    println!(
        "ratio check / floor: {:.1} (median), target for check: under 250 ms",
        median(&check).as_secs_f64() / median(&floor).as_secs_f64()
    );
}

/// One run's wall time; a run that does not exit 0 ends the benchmark, since its time would
/// not be the time of a check that passed.
fn time(command: &mut Command) -> Duration {
    let started = Instant::now();
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status();
    let elapsed = started.elapsed();
    match status {
        Ok(status) if status.success() => elapsed,
        other => {
            eprintln!("{command:?} did not succeed: {other:?}");
            std::process::exit(1);
        }
    }
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "{what}: fastest {:.1} ms, median {:.1} ms ({} runs)",
        times[0].as_secs_f64() * 1e3,
        median(times).as_secs_f64() * 1e3,
        times.len()
    );
}
