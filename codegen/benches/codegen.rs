//! What the generator costs per endpoint: the YAML parser's bare events (the floor under any
//! loader on it), load, load + check, and load + check + emit to source text (what the macro
//! runs: the default parts; and every part, OpenAPI included; and lexed to tokens), on spec/crapido.yaml (13
//! endpoints in two app builds) and on synthetic specs of 100, 1,000 and 5,000 endpoints
//! (`synth/mod.rs`).
//!
//! ```sh
//! cargo bench -p veil-codegen --bench codegen
//! ```
//!
//! Divan prints, per spec, the time of one run and, from the items counter, the endpoints per
//! second; the time per endpoint is the median time divided by the endpoint count (printed
//! before the benchmarks, with the sizes of the specs). docs/benchmarks.md has the figures.

use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::ItemsCount;
use veil_codegen::{Part, compile, generate, generate_source, load};

mod synth;

/// The specs measured: crapido's 13 endpoints, then synthetic ones.
const SPECS: &[&str] = &["crapido", "100", "1000", "5000"];

struct Input {
    text: String,
    endpoints: usize,
}

fn input(name: &str) -> &'static Input {
    static INPUTS: OnceLock<Vec<(&'static str, Input)>> = OnceLock::new();
    let inputs = INPUTS.get_or_init(|| {
        SPECS
            .iter()
            .map(|&name| {
                let input = if name == "crapido" {
                    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/crapido.yaml");
                    let text = std::fs::read_to_string(path).expect("spec/crapido.yaml");
                    Input {
                        text,
                        endpoints: 13,
                    }
                } else {
                    let endpoints = name.parse().expect("a size");
                    Input {
                        text: synth::spec(endpoints),
                        endpoints,
                    }
                };
                (name, input)
            })
            .collect()
    });
    &inputs
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a listed spec")
        .1
}

fn main() {
    // `CODEGEN_ONLY=step:endpoints` runs one step once on a synthetic spec and exits, for a
    // count of instructions (valgrind's callgrind; docs/benchmarks.md): `events`, `load`,
    // `compile`, `source` (what the macro runs) or `generate` (`source`, then lexed into a
    // proc-macro2 token stream). Building the spec text is counted too; subtract a run of `none`.
    if let Ok(only) = std::env::var("CODEGEN_ONLY") {
        run_once(&only);
        return;
    }
    // Every spec must be valid, or the benchmark would time error paths.
    for &name in SPECS {
        let input = input(name);
        if let Err(errors) = compile(&input.text) {
            panic!(
                "spec {name} does not check:\n{}",
                errors.render("synth.yaml").join("\n")
            );
        }
        let lines = input.text.lines().count();
        println!(
            "spec {name:>7}: {:>5} endpoints, {:>7} YAML lines, {:>9} bytes",
            input.endpoints,
            lines,
            input.text.len()
        );
    }
    divan::main();
}

/// One step, once, on a synthetic spec of the given size (`CODEGEN_ONLY`).
fn run_once(only: &str) {
    let (step, endpoints) = only
        .split_once(':')
        .and_then(|(step, n)| Some((step, n.parse::<usize>().ok()?)))
        .expect("CODEGEN_ONLY=step:endpoints");
    let text = synth::spec(endpoints);
    match step {
        "none" => {}
        "events" => {
            for event in granit_parser::Parser::new_from_str(&text) {
                event.expect("a valid spec parses");
            }
        }
        "load" => drop(divan::black_box(load::load(&text).expect("loads"))),
        "compile" => drop(divan::black_box(compile(&text).expect("checks"))),
        "source" => drop(divan::black_box(
            generate_source(&text, Part::DEFAULT).expect("generates"),
        )),
        "generate" => drop(divan::black_box(
            generate(&text, Part::DEFAULT).expect("generates"),
        )),
        other => panic!("unknown step {other}: none, events, load, compile, source or generate"),
    }
}

/// The floor under `load_only`: the YAML parser serde-saphyr reads (granit-parser, the same
/// version) turning the text into events with their places, and nothing built from them. No
/// loader on this parser costs less.
#[divan::bench(args = SPECS, max_time = 10)]
fn yaml_events(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher.counter(ItemsCount::new(input.endpoints)).bench(|| {
        let mut events = 0usize;
        for event in granit_parser::Parser::new_from_str(divan::black_box(&input.text)) {
            event.expect("a valid spec parses");
            events += 1;
        }
        events
    });
}

/// YAML to spec types (serde-saphyr, with places).
#[divan::bench(args = SPECS, max_time = 10)]
fn load_only(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher
        .counter(ItemsCount::new(input.endpoints))
        .bench(|| load::load(divan::black_box(&input.text)).expect("loads"));
}

/// Load, then every check, to the IR: `veil_codegen::compile`.
#[divan::bench(args = SPECS, max_time = 10)]
fn load_check(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher
        .counter(ItemsCount::new(input.endpoints))
        .bench(|| compile(divan::black_box(&input.text)).expect("checks"));
}

/// Load, check and emit the source text of the parts the macro generates when none is named
/// (models, server, client): `veil_codegen::generate_source`, what `veil::generate!` runs
/// before it hands the text to the compiler's lexer.
#[divan::bench(args = SPECS, max_time = 10)]
fn load_check_emit(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher.counter(ItemsCount::new(input.endpoints)).bench(|| {
        generate_source(divan::black_box(&input.text), Part::DEFAULT).expect("generates")
    });
}

/// The same, then lexed into a `proc_macro2::TokenStream` outside a compiler
/// (`veil_codegen::generate`): what a tool calling the library pays.
#[divan::bench(args = SPECS, max_time = 10)]
fn load_check_emit_tokens(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher
        .counter(ItemsCount::new(input.endpoints))
        .bench(|| generate(divan::black_box(&input.text), Part::DEFAULT).expect("generates"));
}

/// The same with every part, the OpenAPI documents too (`Part::ALL`).
#[divan::bench(args = SPECS, max_time = 10)]
fn load_check_emit_all_parts(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher
        .counter(ItemsCount::new(input.endpoints))
        .bench(|| generate_source(divan::black_box(&input.text), Part::ALL).expect("generates"));
}
