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
#   scripts/build-cost.sh --baseline 2c04449 --parts models,client --variant crapido
#                                            # the same crate (the macro, these parts) built
#                                            # with the generator at REV and with the working
#                                            # tree; ratio = working tree / REV
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
# It also prints the generated lines per endpoint (lines of the prettyplease-formatted
# expansion / endpoints).
#
# --baseline REV measures veil against itself: REV is checked out in a `git worktree` inside
# the temporary directory (removed afterwards), and two crates that call the same macro with
# the same arguments depend, one on veil at REV (`baseline`), one on this working tree
# (`current`). Everything else is as above (--cold-rounds 0 skips the cold measure, which then
# mostly times the dependencies); --baseline HEAD with a clean tree shows the method's noise.
# --parts (comma-separated, default the macro's default parts) and --variant pick the macro's
# arguments in either mode.
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
baseline=""
parts="models,server,client"
variant=""
while [ $# -gt 0 ]; do
  case "$1" in
    --spec) spec="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --endpoints) endpoints="$2"; shift 2 ;;
    --release) profile=(--release); profile_name="release"; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --cold-rounds) cold_rounds="$2"; shift 2 ;;
    --optimized-generator) optimized_generator=1; shift ;;
    --keep) keep=1; shift ;;
    --baseline) baseline="$2"; shift 2 ;;
    --parts) parts="$2"; shift 2 ;;
    --variant) variant="$2"; shift 2 ;;
    -h|--help) sed -n '2,38p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/veil-build-cost.XXXXXX")"
cleanup() {
  if [ "$keep" = 1 ]; then
    echo "kept $work"
    # The baseline's worktree stays with it, so that its crate still builds.
    [ -z "$baseline" ] || echo "when done: git -C $repo worktree remove --force $work/baseline-src"
    return
  fi
  if [ -n "$baseline" ] && [ -d "$work/baseline-src" ]; then
    git -C "$repo" worktree remove --force "$work/baseline-src" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
export CARGO_TERM_COLOR=never

# The two crates measured, and the veil each depends on.
if [ -n "$baseline" ]; then
  rev="$(git -C "$repo" rev-parse --short "$baseline")"
  git -C "$repo" worktree add --quiet --detach "$work/baseline-src" "$rev"
  sides=(current baseline)
  declare -A veil_of=([current]="$repo" [baseline]="$work/baseline-src")
else
  sides=(macro expanded)
  declare -A veil_of=([macro]="$repo" [expanded]="$repo")
fi

# The macro's arguments after the spec path, and the same parts as the tool reads them.
macro_args=""
IFS=',' read -r -a part_list <<<"$parts"
for part in "${part_list[@]}"; do macro_args+=", $part"; done
[ -z "$variant" ] || macro_args+=", variant = \"$variant\""

# ---- A small tool over veil-codegen: writes a synthetic spec, or an expansion. It uses only
# API that the baseline revisions have too (compile, only_variant, expand_file). ----
# Builds the tool against the veil-codegen of $2 into $work/tool-$1.
build_tool() {
  local name="$1" source="$2"
  mkdir -p "$work/tool-$name/src"
  cat >"$work/tool-$name/Cargo.toml" <<TOML
[package]
name = "veil-build-cost-tool"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
veil-codegen = { path = "$source/codegen" }

[workspace]
TOML
  cat >"$work/tool-$name/src/main.rs" <<RUST
#[path = "$repo/codegen/benches/synth/mod.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match (args[1].as_str(), args.get(2)) {
        ("synth", Some(size)) => print!("{}", synth::spec(size.parse().expect("a size"))),
        ("expand", Some(path)) => {
            // expand SPEC PARTS [VARIANT]
            let text = std::fs::read_to_string(path).expect("the spec");
            let parts: Vec<veil_codegen::Part> = args[3]
                .split(',')
                .map(|name| veil_codegen::Part::from_name(name).expect("a part"))
                .collect();
            let api = match veil_codegen::compile(&text) {
                Ok(api) => api,
                Err(errors) => {
                    eprintln!("{}", errors.render(path).join("\n"));
                    std::process::exit(1);
                }
            };
            let api = match args.get(4) {
                Some(variant) => api.only_variant(variant).expect("a variant of the spec"),
                None => api,
            };
            match veil_codegen::expand_file(&api, &parts) {
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
        _ => panic!("usage: synth N | expand SPEC PARTS [VARIANT] | endpoints SPEC"),
    }
}
RUST
  cp "$source/Cargo.lock" "$work/tool-$name/Cargo.lock"
  CARGO_TARGET_DIR="$work/tool-target-$name" cargo build -q --manifest-path "$work/tool-$name/Cargo.toml"
}
echo "building the tool (veil-codegen, not timed)..." >&2
declare -A tool_of
for name in "${sides[@]}"; do
  source="${veil_of[$name]}"
  key="$([ "$source" = "$repo" ] && echo current || echo baseline)"
  if [ ! -x "$work/tool-target-$key/debug/veil-build-cost-tool" ]; then build_tool "$key" "$source"; fi
  tool_of[$name]="$work/tool-target-$key/debug/veil-build-cost-tool"
done
tool="${tool_of[${sides[0]}]}"

if [ -n "$endpoints" ]; then
  "$tool" synth "$endpoints" >"$work/spec.yaml"
  spec_label="synthetic spec of $endpoints endpoints (codegen/benches/synth/mod.rs)"
else
  cp "$spec" "$work/spec.yaml"
  spec_label="${spec#"$repo"/}"
fi
endpoint_count="$("$tool" endpoints "$work/spec.yaml")"

# Writes the expansion of crate $1's generator (its parts, its variant) to $2.
expand() {
  if [ -n "$variant" ]; then "${tool_of[$1]}" expand "$work/spec.yaml" "$parts" "$variant" >"$2"
  else "${tool_of[$1]}" expand "$work/spec.yaml" "$parts" >"$2"; fi
}

# ---- The two crates ----
for name in "${sides[@]}"; do
  mkdir -p "$work/$name/src"
  cat >"$work/$name/Cargo.toml" <<TOML
[package]
name = "veil-build-cost-$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
veil = { path = "${veil_of[$name]}" }

[workspace]
TOML
  if [ "$optimized_generator" = 1 ]; then
    # Cargo compiles a proc-macro and its dependencies without optimization in every profile
    # unless told otherwise, so the macro runs an unoptimized generator and YAML loader. These
    # are the lines README.md recommends; the expanded crate gets them too, since it depends on
    # veil and so builds the same packages.
    for package in veil-codegen serde-saphyr granit-parser; do
      printf '\n[profile.%s.package.%s]\nopt-level = 3\n' "$profile_name" "$package" >>"$work/$name/Cargo.toml"
    done
  fi
  cp "${veil_of[$name]}/Cargo.lock" "$work/$name/Cargo.lock"
  if [ "$name" = expanded ]; then
    cat >"$work/$name/src/lib.rs" <<'RUST'
//! The API, from the expansion written beforehand (api.rs).

/// Everything the spec describes.
pub mod api;
RUST
    expand "$name" "$work/expanded/src/api.rs"
  else
    cat >"$work/$name/src/lib.rs" <<RUST
//! The API, generated by the macro at compile time.

/// Everything the spec describes.
pub mod api {
    veil::generate!("../../spec.yaml"$macro_args);
}
RUST
  fi
  expand "$name" "$work/$name.expansion.rs"
done

# Builds crate $1; prints "WALL CPU": the seconds it took and the CPU seconds (user + system)
# of cargo and the compilers it ran, which a busy shared machine disturbs less than wall time.
# Cargo's output goes to $work/$1.log; a failed build stops the script with the log's end.
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

first="${sides[0]}"
second="${sides[1]}"
echo "spec: $spec_label, $endpoint_count endpoints; profile: $profile_name$([ "$optimized_generator" = 1 ] && echo ", generator optimized (README.md)"); rounds: $cold_rounds cold, $rounds others"
echo "macro arguments: \"spec.yaml\"$macro_args"
[ -z "$baseline" ] || echo "baseline: veil at $rev ($(git -C "$repo" log -1 --format=%s "$rev" | cut -c1-60)...); current: $repo, $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' with uncommitted changes')"
for name in "${sides[@]}"; do
  lines="$(wc -l <"$work/$name.expansion.rs")"
  echo "expansion lines (prettyplease), $name: $lines, $(awk -v l="$lines" -v e="$endpoint_count" 'BEGIN { printf "%.1f", l / e }') per endpoint"
done
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 }') memory; $(rustc --version)"

# Makes crate $1 need a rebuild of itself only: the spec for a crate that calls the macro
# (its include_bytes! of the spec makes cargo rebuild it), the expanded file otherwise.
touch_input() {
  if [ "$1" = expanded ]; then touch "$work/expanded/src/api.rs"; else touch "$work/spec.yaml"; fi
}

# One measure, $1 (cold: an empty target directory before each build; crate: `cargo clean -p`;
# touch: the input touched), over $2 rounds.
measure() {
  local what="$1" count="$2" round order name wall cpu
  local -a wall_first=() wall_second=() cpu_first=() cpu_second=() wall_ratios=() cpu_ratios=()
  [ "$count" -gt 0 ] || return 0
  for round in $(seq 1 "$count"); do
    if [ $((round % 2)) = 1 ]; then order="$first $second"; else order="$second $first"; fi
    for name in $order; do
      case "$what" in
        cold) rm -rf "$work/target-$name" ;;
        crate) CARGO_TARGET_DIR="$work/target-$name" cargo clean -q "${profile[@]}" \
          -p "veil-build-cost-$name" --manifest-path "$work/$name/Cargo.toml" ;;
        touch) touch_input "$name" ;;
      esac
      read -r wall cpu <<<"$(build "$name")" || exit 1
      [ -n "$wall" ] || exit 1
      if [ "$name" = "$first" ]; then wall_first+=("$wall"); cpu_first+=("$cpu")
      else wall_second+=("$wall"); cpu_second+=("$cpu"); fi
    done
    wall_ratios+=("$(ratio "${wall_first[-1]}" "${wall_second[-1]}")")
    cpu_ratios+=("$(ratio "${cpu_first[-1]}" "${cpu_second[-1]}")")
  done
  printf '%-6s %-5s %9.2f %9.2f %7.3f   %s\n' "$what" wall "$(median "${wall_first[@]}")" \
    "$(median "${wall_second[@]}")" "$(median "${wall_ratios[@]}")" "${wall_ratios[*]}"
  printf '%-6s %-5s %9.2f %9.2f %7.3f   %s\n' "$what" CPU "$(median "${cpu_first[@]}")" \
    "$(median "${cpu_second[@]}")" "$(median "${cpu_ratios[@]}")" "${cpu_ratios[*]}"
}

printf '\n%-6s %-5s %9s %9s %7s   %s\n' measure time "$first s" "$second s" ratio "per-round ratios"
measure cold "$cold_rounds"
if [ "$cold_rounds" = 0 ]; then
  # The crates have not been built yet: build them once, untimed, so that the rounds of the
  # other two measures start from built dependencies.
  for name in "${sides[@]}"; do build "$name" >/dev/null || exit 1; done
fi
# The crates are built now: the rounds of the other two measures start from there.
measure crate "$rounds"
measure touch "$rounds"
echo "(seconds are medians; ratio = median of the per-round ratios $first / $second;"
echo " wall = elapsed, CPU = user + system of cargo and rustc)"
