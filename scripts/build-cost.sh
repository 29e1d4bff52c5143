#!/usr/bin/env bash
# What `veil::generate!` costs a build: one crate that calls the macro on a spec, against the
# same crate built from the pre-expanded code (`veil_codegen::generate_file`, the expansion as a
# formatted Rust file), each with its own target directory in a fresh temporary directory.
#
#   scripts/build-cost.sh                    # spec/crapido.yaml, dev profile
#   scripts/build-cost.sh --endpoints 1000   # a synthetic spec (codegen/benches/synth/mod.rs)
#   scripts/build-cost.sh --spec path.yaml --release --rounds 9 --cold-rounds 5
#   scripts/build-cost.sh --optimized-generator  # both crates with the profile README.md
#                                            # recommends: veil-codegen, serde-saphyr and
#                                            # granit-parser at opt-level 3
#   scripts/build-cost.sh --keep             # keep the temporary directory
#
# Three measures, each printed with the ratio macro / expanded:
#   cold     `cargo build` from an empty target directory: the dependencies (veil, axum,
#            reqwest, tokio, ... and veil-macros with veil-codegen, which veil depends on in
#            both cases) and the crate; median of --cold-rounds (3);
#   crate    the crate alone, its dependencies built (`cargo clean -p`, then `cargo build`),
#            median of --rounds (5);
#   touch    after touching the spec (the macro crate; the macro's include_bytes! makes cargo
#            rebuild it) or the expanded file (the expanded crate), median of --rounds.
# Rounds alternate the two crates, so that a busy moment of a shared machine falls on both.
# It also prints the generated lines per endpoint (lines of generate_file's output / endpoints).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
spec="$repo/spec/crapido.yaml"
endpoints=""
profile=()
profile_name="dev"
rounds=5
cold_rounds=3
optimized_generator=0
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --spec) spec="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --endpoints) endpoints="$2"; shift 2 ;;
    --release) profile=(--release); profile_name="release"; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --cold-rounds) cold_rounds="$2"; shift 2 ;;
    --optimized-generator) optimized_generator=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/veil-build-cost.XXXXXX")"
cleanup() {
  if [ "$keep" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export CARGO_TERM_COLOR=never

# ---- A small tool over veil-codegen: writes a synthetic spec, or an expansion ----
mkdir -p "$work/tool/src"
cat >"$work/tool/Cargo.toml" <<EOF
[package]
name = "veil-build-cost-tool"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
veil-codegen = { path = "$repo/codegen" }

[workspace]
EOF
cat >"$work/tool/src/main.rs" <<EOF
#[path = "$repo/codegen/benches/synth/mod.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match (args[1].as_str(), args.get(2)) {
        ("synth", Some(size)) => print!("{}", synth::spec(size.parse().expect("a size"))),
        ("expand", Some(path)) => {
            let text = std::fs::read_to_string(path).expect("the spec");
            match veil_codegen::generate_file(&text, veil_codegen::Part::DEFAULT) {
                Ok(code) => print!("{code}"),
                Err(errors) => {
                    eprintln!("{}", errors.render(path).join("\n"));
                    std::process::exit(1);
                }
            }
        }
        ("endpoints", Some(path)) => {
            let text = std::fs::read_to_string(path).expect("the spec");
            let api = veil_codegen::compile(&text).expect("a valid spec");
            let count: usize = api.services.iter().map(|service| service.endpoints.len()).sum();
            println!("{count}");
        }
        _ => panic!("usage: synth N | expand SPEC | endpoints SPEC"),
    }
}
EOF
cp "$repo/Cargo.lock" "$work/tool/Cargo.lock"
echo "building the tool (veil-codegen, not timed)..." >&2
CARGO_TARGET_DIR="$work/tool-target" cargo build -q --manifest-path "$work/tool/Cargo.toml"
tool="$work/tool-target/debug/veil-build-cost-tool"

if [ -n "$endpoints" ]; then
  "$tool" synth "$endpoints" >"$work/spec.yaml"
  spec_label="synthetic spec of $endpoints endpoints (codegen/benches/synth/mod.rs)"
else
  cp "$spec" "$work/spec.yaml"
  spec_label="${spec#"$repo"/}"
fi
endpoint_count="$("$tool" endpoints "$work/spec.yaml")"

# ---- The two crates ----
for name in macro expanded; do
  mkdir -p "$work/$name/src"
  cat >"$work/$name/Cargo.toml" <<EOF
[package]
name = "veil-build-cost-$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
veil = { path = "$repo" }

[workspace]
EOF
  if [ "$optimized_generator" = 1 ]; then
    # Cargo compiles a proc-macro and its dependencies without optimization in every profile
    # unless told otherwise, so the macro runs an unoptimized generator and YAML loader. These
    # are the lines README.md recommends; the expanded crate gets them too, since it depends on
    # veil and so builds the same packages.
    for package in veil-codegen serde-saphyr granit-parser; do
      printf '\n[profile.%s.package.%s]\nopt-level = 3\n' "$profile_name" "$package" >>"$work/$name/Cargo.toml"
    done
  fi
  cp "$repo/Cargo.lock" "$work/$name/Cargo.lock"
done
cat >"$work/macro/src/lib.rs" <<'EOF'
//! The API, generated by the macro at compile time.

/// Everything the spec describes.
pub mod api {
    veil::generate!("../../spec.yaml");
}
EOF
cat >"$work/expanded/src/lib.rs" <<'EOF'
//! The API, from the expansion written beforehand (api.rs).

/// Everything the spec describes.
pub mod api;
EOF
"$tool" expand "$work/spec.yaml" >"$work/expanded/src/api.rs"
lines="$(wc -l <"$work/expanded/src/api.rs")"

# Builds crate $1 (macro or expanded); prints "WALL CPU": the seconds it took and the CPU
# seconds (user + system) of cargo and the compilers it ran, which a busy shared machine
# disturbs less than wall time. Cargo's output goes to $work/$1.log; a failed build stops the
# script with the log's end.
build() {
  local real user sys
  TIMEFORMAT='%3R %3U %3S'
  if ! { time CARGO_TARGET_DIR="$work/target-$1" cargo build "${profile[@]}" \
    --manifest-path "$work/$1/Cargo.toml" >"$work/$1.log" 2>&1; } 2>"$work/$1.time"; then
    echo "the $1 crate did not build:" >&2
    tail -n 30 "$work/$1.log" >&2
    return 1
  fi
  if grep -q '^warning' "$work/$1.log"; then
    echo "note: the $1 crate built with warnings (see $work/$1.log with --keep)" >&2
  fi
  read -r real user sys <"$work/$1.time"
  awk -v r="$real" -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f %.3f\n", r, u + s }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "spec: $spec_label, $endpoint_count endpoints; profile: $profile_name$([ "$optimized_generator" = 1 ] && echo ", generator optimized (README.md)"); rounds: $cold_rounds cold, $rounds others"
echo "generated lines (generate_file): $lines, $(awk -v l="$lines" -v e="$endpoint_count" 'BEGIN { printf "%.1f", l / e }') per endpoint"
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 }') memory; $(rustc --version)"

# One measure, $1 (cold: an empty target directory before each build; crate: `cargo clean -p`;
# touch: the input touched), over $2 rounds.
measure() {
  local what="$1" count="$2" round order name wall cpu
  local -a wall_macro=() wall_expanded=() cpu_macro=() cpu_expanded=() wall_ratios=() cpu_ratios=()
  for round in $(seq 1 "$count"); do
    if [ $((round % 2)) = 1 ]; then order="macro expanded"; else order="expanded macro"; fi
    for name in $order; do
      case "$what" in
        cold) rm -rf "$work/target-$name" ;;
        crate) CARGO_TARGET_DIR="$work/target-$name" cargo clean -q "${profile[@]}" \
          -p "veil-build-cost-$name" --manifest-path "$work/$name/Cargo.toml" ;;
        touch) if [ "$name" = macro ]; then touch "$work/spec.yaml"; else touch "$work/expanded/src/api.rs"; fi ;;
      esac
      read -r wall cpu <<<"$(build "$name")" || exit 1
      [ -n "$wall" ] || exit 1
      if [ "$name" = macro ]; then wall_macro+=("$wall"); cpu_macro+=("$cpu")
      else wall_expanded+=("$wall"); cpu_expanded+=("$cpu"); fi
    done
    wall_ratios+=("$(ratio "${wall_macro[-1]}" "${wall_expanded[-1]}")")
    cpu_ratios+=("$(ratio "${cpu_macro[-1]}" "${cpu_expanded[-1]}")")
  done
  printf '%-6s %-5s %9.2f %9.2f %7.3f   %s\n' "$what" wall "$(median "${wall_macro[@]}")" \
    "$(median "${wall_expanded[@]}")" "$(median "${wall_ratios[@]}")" "${wall_ratios[*]}"
  printf '%-6s %-5s %9.2f %9.2f %7.3f   %s\n' "$what" CPU "$(median "${cpu_macro[@]}")" \
    "$(median "${cpu_expanded[@]}")" "$(median "${cpu_ratios[@]}")" "${cpu_ratios[*]}"
}

printf '\n%-6s %-5s %9s %9s %7s   %s\n' measure time "macro s" "expand s" ratio "per-round ratios"
measure cold "$cold_rounds"
# The crates are built now: the rounds of the other two measures start from there.
measure crate "$rounds"
measure touch "$rounds"
echo "(seconds are medians; ratio = median of the per-round ratios macro / expanded;"
echo " wall = elapsed, CPU = user + system of cargo and rustc)"
