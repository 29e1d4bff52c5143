//! No spec makes the generator panic: `generate` answers every text with tokens or located
//! errors.
//!
//! The inputs start from the real specs (spec/crapido.yaml, tests/specs/*.yaml and the YAML
//! fixtures under tests/ui/), mutated the way hands and merges break YAML: lines deleted,
//! duplicated, swapped or re-indented, text truncated, stray bytes inserted (YAML indicators,
//! tabs, NUL, non-ASCII), scalars replaced with hostile ones or with other names of the spec.
//! Fully random text goes in too. For every input:
//! - `generate` returns, Ok or Err, without panicking;
//! - an Err holds at least one error, and each renders as `FILE:LINE:COL: message` (LINE within
//!   the text) or, for the file as a whole, `FILE: message`;
//! - an Ok is Rust that parses as a file of items.
//!
//! `cargo test` runs 256 cases per property. For a long run:
//! `PROPTEST_CASES=100000 cargo test -p veil-codegen --release --test no_panic`.
//! A failure prints the shrunk seed and edits, and the text they make.
//!
//! One known failure is kept as an ignored test: nesting deep enough overflows the checker's
//! stack (`deep_nesting_does_not_overflow_the_stack`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use veil_codegen::{Part, generate};

/// The file name errors are rendered with.
const FILE: &str = "spec.yaml";

/// A seed spec: where it comes from and its text.
struct Seed {
    path: PathBuf,
    text: String,
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ sits in the repository")
}

fn yaml_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// The seeds to mutate, the full specs (crapido and tests/specs) weighted well above the small
/// fixtures of tests/ui, which are many and each test one error.
fn weighted_seeds() -> &'static [&'static Seed] {
    static WEIGHTED: OnceLock<Vec<&'static Seed>> = OnceLock::new();
    WEIGHTED.get_or_init(|| {
        let mut weighted = Vec::new();
        for seed in seeds() {
            let fixture = seed.path.components().any(|c| c.as_os_str() == "ui");
            let weight = if fixture { 1 } else { 20 };
            weighted.extend(std::iter::repeat_n(seed, weight));
        }
        weighted
    })
}

/// Every seed, read once. The fixtures are found at run time, so new ones join by themselves.
fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = repo_root();
        let mut paths = vec![root.join("spec/crapido.yaml")];
        yaml_files_under(&root.join("tests/specs"), &mut paths);
        yaml_files_under(&root.join("tests/ui"), &mut paths);
        paths
            .into_iter()
            .filter_map(|path| {
                // A fixture that is not UTF-8 cannot be a `&str` input; the macro reports it.
                let text = std::fs::read_to_string(&path).ok()?;
                Some(Seed { path, text })
            })
            .collect()
    })
}

/// Runs the generator on `text` and checks the properties above.
fn check(text: &str) -> Result<(), TestCaseError> {
    let outcome = catch_unwind(AssertUnwindSafe(|| generate(text, Part::ALL)));
    let result = match outcome {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Err(TestCaseError::fail(format!(
                "generate panicked ({message}) on {text:?}"
            )));
        }
    };
    match result {
        Ok(tokens) => {
            if let Err(err) = syn::parse2::<syn::File>(tokens) {
                return Err(TestCaseError::fail(format!(
                    "generated code does not parse ({err}) for {text:?}"
                )));
            }
        }
        Err(diagnostics) => {
            prop_assert!(
                !diagnostics.errors.is_empty(),
                "an Err without errors for {text:?}"
            );
            // The place just after the end of the text is on the line after the last break.
            let last_line = yaml_line_breaks(text) + 1;
            for (diagnostic, rendered) in diagnostics.errors.iter().zip(diagnostics.render(FILE)) {
                let place = located(&rendered, last_line);
                prop_assert!(
                    place.is_some(),
                    "badly located error {rendered:?} for {text:?}"
                );
                prop_assert!(
                    !diagnostic.message.trim().is_empty(),
                    "an error without a message for {text:?}"
                );
                for (loc, _) in &diagnostic.notes {
                    prop_assert!(
                        loc.line <= last_line,
                        "a note after the end of the text: {rendered:?} for {text:?}"
                    );
                }
            }
        }
    }
    Ok(())
}

/// YAML's line breaks: `\r\n`, `\r` and `\n` (`str::lines` knows no lone `\r`).
fn yaml_line_breaks(text: &str) -> u64 {
    let breaks = text.replace("\r\n", "\n");
    breaks.matches(['\r', '\n']).count() as u64
}

/// The place of a rendered error when it is `FILE:LINE:COL: ...` with LINE in 1..=last_line and
/// COL >= 1, or `FILE: ...`; `None` otherwise.
fn located(rendered: &str, last_line: u64) -> Option<()> {
    let first = rendered.lines().next()?;
    let rest = first.strip_prefix(FILE)?;
    if rest.starts_with(": ") {
        return Some(());
    }
    let mut parts = rest.strip_prefix(':')?.splitn(3, ':');
    let line: u64 = parts.next()?.parse().ok()?;
    let column: u64 = parts.next()?.parse().ok()?;
    let message = parts.next()?;
    (line >= 1 && line <= last_line && column >= 1 && message.starts_with(' ')).then_some(())
}

/// One edit of a spec's text. Indexes are taken modulo what the text has, so every edit
/// applies to every text, and proptest shrinks them toward the start of the file.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// Cuts the text at a byte, moved back to a char boundary.
    Truncate(usize),
    /// Inserts text at a byte, moved back to a char boundary.
    Insert(usize, String),
    /// Replaces the n-th scalar-like token.
    ReplaceScalar(usize, String),
    /// Copies the n-th token over the m-th: a name where another is expected, a duplicate.
    CopyToken(usize, usize),
    /// Adds (positive) or removes (negative) spaces at the start of a line.
    Indent(usize, i8),
    /// Puts a tab at the start of a line.
    Tab(usize),
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte ranges of the scalar-like tokens that are neither mapping keys nor block indicators:
/// runs of characters that are neither spaces nor YAML flow indicators, not followed by `:`,
/// and not `-`, `|` or `>`. Replacing values rather than
/// keys keeps most edits valid YAML of the right shape, so that they reach the checker.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = !(c.is_whitespace() || ":,{}[]#".contains(c));
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out.retain(|&(start, end)| {
        let indicator = text[start..end].chars().all(|c| "-|>".contains(c));
        !indicator && !text[end..].trim_start_matches([' ', '\t']).starts_with(':')
    });
    out
}

fn apply(text: &str, mutation: &Mutation) -> String {
    // Lines with their terminators, so that joining gives the text back.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line_edit = |edit: &dyn Fn(&mut Vec<String>)| {
        let mut lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        if !lines.is_empty() {
            edit(&mut lines);
        }
        lines.concat()
    };
    let n = lines.len().max(1);
    match mutation {
        Mutation::DeleteLine(i) => line_edit(&|lines| {
            lines.remove(i % n);
        }),
        Mutation::DuplicateLine(i) => line_edit(&|lines| {
            let line = lines[i % n].clone();
            let line = if line.ends_with('\n') {
                line
            } else {
                format!("{line}\n")
            };
            lines.insert(i % n, line);
        }),
        Mutation::SwapLines(a, b) => line_edit(&|lines| {
            // The last line may lack its newline; give it one so a swap cannot join two lines.
            if let Some(last) = lines.last_mut()
                && !last.ends_with('\n')
            {
                last.push('\n');
            }
            lines.swap(a % n, b % n);
        }),
        Mutation::Truncate(at) => text[..floor_boundary(text, at % (text.len() + 1))].to_owned(),
        Mutation::Insert(at, inserted) => {
            let at = floor_boundary(text, at % (text.len() + 1));
            format!("{}{inserted}{}", &text[..at], &text[at..])
        }
        Mutation::ReplaceScalar(i, replacement) => {
            let tokens = tokens(text);
            if tokens.is_empty() {
                return format!("{text}{replacement}");
            }
            let (start, end) = tokens[i % tokens.len()];
            format!("{}{replacement}{}", &text[..start], &text[end..])
        }
        Mutation::CopyToken(from, to) => {
            let tokens = tokens(text);
            if tokens.is_empty() {
                return text.to_owned();
            }
            let (fs, fe) = tokens[from % tokens.len()];
            let (ts, te) = tokens[to % tokens.len()];
            format!("{}{}{}", &text[..ts], &text[fs..fe], &text[te..])
        }
        Mutation::Indent(i, delta) => line_edit(&|lines| {
            let line = &mut lines[i % n];
            if *delta >= 0 {
                line.insert_str(0, &" ".repeat(usize::from(delta.unsigned_abs())));
            } else {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                let cut = spaces.min(usize::from(delta.unsigned_abs()));
                line.replace_range(..cut, "");
            }
        }),
        Mutation::Tab(i) => line_edit(&|lines| lines[i % n].insert(0, '\t')),
    }
}

/// Stray text: YAML indicators, tabs, NUL, line breaks, non-ASCII, anything printable.
fn stray() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\x00\\t\\r\\n {}\\[\\]:,&*!|>'\"#%@`?~<=-]{1,4}",
        any::<char>().prop_map(String::from),
        "\\PC{1,3}",
        prop::sample::select(vec![
            ": ",
            "- ",
            "-",
            "&a ",
            "*a",
            "&a [x]\n",
            "<<: *a\n",
            "!!binary ",
            "!!str ",
            "! ",
            "!<tag:x> ",
            "? ",
            "|\n",
            ">-\n",
            "\n---\n",
            "\n...\n",
            "%YAML 1.2\n---\n",
            "%TAG ! tag:x,\n",
            "\u{feff}",
            "\r",
            "\u{85}",
            "\u{2028}",
            "ñandú",
            "请求",
            "\u{0}",
            "'",
            "\"",
            "\"\\",
            "\\u{d800}",
            "{",
            "}",
            "[",
            "]",
            "#",
            "\t",
            "    ",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A hostile scalar: special YAML values, out-of-range numbers, type syntax, routes, names.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "~",
            "null",
            "Null",
            "\"\"",
            "''",
            "\" \"",
            "-1",
            "0",
            "010",
            "0x10",
            "0o7",
            "1.5",
            "1e400",
            "-.inf",
            ".nan",
            "-9223372036854775809",
            "-9223372036854775808",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551616",
            "true",
            "yes",
            "no",
            "list<",
            "list<>",
            "list< >",
            "list<list<string>>",
            "list<file>",
            "list<list<",
            ">",
            "list<Option>",
            "file",
            "string",
            "integer",
            "number",
            "boolean",
            "Envelope",
            "router",
            "self",
            "Self",
            "super",
            "crate",
            "_",
            "type",
            "r#type",
            "9lives",
            "a-b",
            "ñandú",
            "$$",
            "__S",
            "[]",
            "{}",
            "[",
            "{",
            "&a x",
            "*a",
            "*b",
            "!!str",
            "!!int x",
            "!!binary aGk=",
            "!!map {}",
            "|",
            ">-",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "/",
            "//",
            "/a/",
            "/{x}",
            "/a/..",
            "/*",
            "json",
            "form",
            "multipart",
            "verify",
            "ignore",
            "mapped",
            "always_ok",
            "alphanumeric",
            "digits",
            "hex",
            "integer\t",
            "0\u{0}",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9_]{0,8}",
        "\\PC{0,6}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<usize>();
    // Weighted toward the edits that keep the YAML readable, so that most inputs get past
    // the loader to the checker and the emitters.
    prop_oneof![
        2 => index.prop_map(Mutation::DeleteLine),
        2 => index.prop_map(Mutation::DuplicateLine),
        1 => (index, index).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => index.prop_map(Mutation::Truncate),
        2 => (index, stray()).prop_map(|(at, s)| Mutation::Insert(at, s)),
        5 => (index, scalar()).prop_map(|(i, s)| Mutation::ReplaceScalar(i, s)),
        5 => (index, index).prop_map(|(a, b)| Mutation::CopyToken(a, b)),
        1 => (index, -8i8..=8).prop_map(|(i, d)| Mutation::Indent(i, d)),
        1 => index.prop_map(Mutation::Tab),
    ]
}

fn config() -> ProptestConfig {
    // The default reads PROPTEST_CASES; no regression files are written into the repository.
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_specs_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let seeds = weighted_seeds();
        let seed = seeds[seed.index(seeds.len())];
        let mut text = seed.text.clone();
        for mutation in &mutations {
            text = apply(&text, mutation);
        }
        check(&text)?;
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        check(&text)?;
    }

    #[test]
    fn random_bytes_never_panic(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn random_yaml_shapes_never_panic(
        text in "([ \\t\\n:,\\-\\[\\]{}&*!|>'\"#?~]|veil|api|name|type|services|envelope|success|endpoints|real|path|summary|request|fields|types|1|x|list<){0,80}"
    ) {
        check(&text)?;
    }
}

#[test]
fn every_seed_is_found_and_passes_the_checks() {
    let seeds = seeds();
    let names: Vec<String> = seeds.iter().map(|s| s.path.display().to_string()).collect();
    assert!(
        names.iter().any(|n| n.ends_with("spec/crapido.yaml")),
        "{names:?}"
    );
    for seed in seeds {
        if let Err(err) = check(&seed.text) {
            panic!("{}: {err}", seed.path.display());
        }
    }
    // The specs the runtime tests build on expand without errors.
    for seed in seeds
        .iter()
        .filter(|s| !s.path.components().any(|c| c.as_os_str() == "ui"))
    {
        if let Err(diagnostics) = generate(&seed.text, Part::ALL) {
            panic!(
                "{}:\n{}",
                seed.path.display(),
                diagnostics.render(FILE).join("\n")
            );
        }
    }
}

/// Inputs made to hit limits rather than found by chance.
#[test]
fn pathological_inputs_never_panic() {
    let deep_flow = "[".repeat(10_000);
    let deep_block = (0..200)
        .map(|i| format!("{}- \n", " ".repeat(i)))
        .collect::<String>();
    let many_anchors = format!(
        "a: &a [x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: &d [*c, *c, *c, *c]\n{}",
        "e: [*d, *d, *d, *d, *d, *d, *d, *d]\n"
    );
    let long_scalar = format!("veil: {}", "9".repeat(100_000));
    // Deep, but within what the recursion of syn's parser (in `check`) takes on a test
    // thread's 2 MiB stack.
    let deep_list = deep_list_type(16);
    let type_chain = type_chain(1_000);
    for text in [
        "",
        "\u{0}",
        "\u{feff}",
        "---",
        "---\n---\n",
        "~",
        "[]",
        "{}",
        "veil",
        "veil: 1",
        "veil: 1\napi: {name: x}\nenvelope: {success: ['0']}\nservices: []\n",
        "veil: 1\napi: {name: x}\nenvelope: {success: ['0']}\nservices: []\ntypes: [{name: A, fields: [{name: a, type: 'list<list<list<A>>>'}]}]\n",
        deep_flow.as_str(),
        deep_block.as_str(),
        many_anchors.as_str(),
        long_scalar.as_str(),
        deep_list.as_str(),
        type_chain.as_str(),
    ] {
        if let Err(err) = check(text) {
            panic!("{err}");
        }
    }
    // Lists nest at most 16 deep: deeper is a located error, not a deep recursion.
    let deep = generate(&deep_list_type(256), Part::ALL).unwrap_err();
    assert!(
        deep.render("spec.yaml")[0].contains("lists nest more than 16 deep"),
        "{deep:?}"
    );
}

/// A spec whose one field has the type `list<list<...<string>...>>`, `depth` lists deep.
fn deep_list_type(depth: usize) -> String {
    format!(
        "veil: 1\napi: {{name: x}}\nenvelope: {{success: ['0']}}\nservices: []\n\
         types: [{{name: A, fields: [{{name: a, type: '{}string{}'}}]}}]\n",
        "list<".repeat(depth),
        ">".repeat(depth)
    )
}

/// A spec of `length` struct types, each holding the next.
fn type_chain(length: usize) -> String {
    let types: String = (0..length)
        .map(|i| {
            format!(
                "- {{name: T{i}, fields: [{{name: a, type: T{}}}]}}\n",
                i + 1
            )
        })
        .collect();
    format!(
        "veil: 1\napi: {{name: x}}\nenvelope: {{success: ['0']}}\nservices: []\ntypes:\n{types}\
         - {{name: T{length}, fields: []}}\n"
    )
}

/// Deep input is an error or a result, never a stack overflow: lists nest at most 16 deep
/// (deeper is a located error, found before any recursion over them), and the walks over chains
/// of struct types (the recursion check, the emitters' "has anything to check") iterate instead
/// of recursing.
#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    for text in [deep_list_type(100_000), type_chain(20_000)] {
        // Ok or Err: either is fine, as long as it returns.
        let _ = generate(&text, Part::ALL);
    }
}
