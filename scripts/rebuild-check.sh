#!/usr/bin/env bash
# Shows that editing a spec is enough to rebuild a crate that uses `veil::generate!`, and that the
# rebuilt crate has the new API, with no build script and no touch of any Rust file.
#
# It builds a throwaway crate, outside the repository, that depends on this veil by path:
#   0. spec v1, code that uses a field the spec does not have yet: the build fails (control);
#   1. spec v1, code that only decodes a message: the build succeeds, the field is not there;
#   2. nothing changed: cargo rebuilds nothing (control);
#   3. the spec gains an optional field, no Rust file changes: cargo recompiles the crate, and
#      the same program now decodes the field;
#   4. the code from step 0 now compiles and reads the new field;
#   5. nothing changed: cargo rebuilds nothing.
# Every step checks cargo's own account of what it compiled, and the program's output.
#
# Usage: scripts/rebuild-check.sh
#   REBUILD_CHECK_TARGET_DIR  the cargo target directory (default: <repo>/target/rebuild-check,
#                             kept between runs so that only the first run builds the deps)
#   KEEP=1                    keep the temporary crate and print its path
# Prints `PASS: ...` and exits 0, or prints `FAIL: ...` and exits 1.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${REBUILD_CHECK_TARGET_DIR:-$repo/target/rebuild-check}"
# The output this script checks must not depend on the caller's terminal or settings.
export CARGO_TERM_COLOR=never CARGO_TERM_PROGRESS_WHEN=never CARGO_TERM_VERBOSE=false
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

work="$(mktemp -d "${TMPDIR:-/tmp}/veil-rebuild-check.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi
crate="$work/app"
mkdir -p "$crate/src"
log="$work/cargo.log"

fail() {
  echo "FAIL: $*" >&2
  if [[ -f "$log" ]]; then
    echo "--- last cargo output ---" >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}

cat >"$crate/Cargo.toml" <<EOF
[package]
name = "veil-rebuild-check"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
# Only the models are generated below, so the server and client runtimes are left out.
veil = { path = '$repo', default-features = false }
serde_json = "1"

# Not part of any workspace above the temporary directory.
[workspace]
EOF
# The repository's lock file pins the same dependency versions, so cargo needs no registry
# update and the run does not depend on what was published since.
cp "$repo/Cargo.lock" "$crate/Cargo.lock"

spec_v1='veil: 1
api: { name: rebuild }
envelope: { success: ["0"] }
types:
  - name: Greeting
    fields:
      - { name: text, type: string }
services:
  - name: hello
    endpoints:
      - real: /v1/hello/say
        path: /x/q7
        summary: Says hello.
        request:
          - { name: who, type: string }
        response: Greeting
'
# v2 adds one optional field to Greeting; nothing else changes.
spec_v2="${spec_v1/"      - { name: text, type: string }"/"      - { name: text, type: string }
      - { name: sentAt, type: integer, optional: true }"}"
[[ "$spec_v2" != "$spec_v1" ]] || fail "the script could not make spec v2"

# Decodes a message that carries sentAt; prints what the generated type kept of it.
main_decode='mod api {
    veil::generate!("../api.yaml", models);
}

fn main() {
    let greeting: api::Greeting =
        serde_json::from_str(r#"{"text": "hi", "sentAt": 42}"#).expect("a greeting");
    println!("{greeting:?}");
}
'
# Reads the field by name: compiles only when the spec has it.
main_field='mod api {
    veil::generate!("../api.yaml", models);
}

fn main() {
    let greeting: api::Greeting =
        serde_json::from_str(r#"{"text": "hi", "sentAt": 42}"#).expect("a greeting");
    let sent_at: Option<i64> = greeting.sent_at;
    println!("sent_at = {sent_at:?}");
}
'

write() { printf '%s' "$2" >"$1"; }

# Builds; sets `compiled` to yes when cargo compiled the temporary crate, and `built` to the
# exit code.
build() {
  local start end
  start=$(date +%s.%N)
  set +e
  (cd "$crate" && cargo build) >"$log" 2>&1
  built=$?
  set -e
  end=$(date +%s.%N)
  seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
  if grep -q '^ *Compiling veil-rebuild-check ' "$log"; then compiled=yes; else compiled=no; fi
}

run() { "$CARGO_TARGET_DIR/debug/veil-rebuild-check"; }

# Edits land at least a second after the last build, whatever the file system's timestamp
# granularity, so that cargo's mtime comparison cannot miss them.
settle() { sleep 1; }

echo "veil at $repo"
echo "temporary crate at $crate, target dir $CARGO_TARGET_DIR"

# 0. Control: the field does not exist yet.
write "$crate/api.yaml" "$spec_v1"
write "$crate/src/main.rs" "$main_field"
build
[[ $built != 0 ]] || fail "step 0: code reading sent_at compiled against spec v1"
grep -q 'sent_at' "$log" || fail "step 0: the build failed, but not on sent_at"
echo "step 0 (${seconds}s): spec v1, code reading sent_at: fails to compile, as it must"

# 1. Spec v1: builds; the field is not decoded.
settle
write "$crate/src/main.rs" "$main_decode"
build
[[ $built == 0 ]] || fail "step 1: spec v1 does not build"
out=$(run)
[[ "$out" == 'Greeting { text: "hi" }' ]] || fail "step 1: unexpected output: $out"
echo "step 1 (${seconds}s): spec v1 builds; the program prints: $out"

# 2. Control: no change, no rebuild.
build
[[ $built == 0 && $compiled == no ]] || fail "step 2: an unchanged crate was rebuilt"
echo "step 2 (${seconds}s): nothing changed, nothing recompiled"

# 3. Only the spec changes.
settle
write "$crate/api.yaml" "$spec_v2"
build
[[ $built == 0 ]] || fail "step 3: spec v2 does not build"
[[ $compiled == yes ]] || fail "step 3: editing the spec did not recompile the crate"
out=$(run)
[[ "$out" == 'Greeting { text: "hi", sent_at: Some(42) }' ]] ||
  fail "step 3: the rebuilt program does not decode the new field: $out"
echo "step 3 (${seconds}s): spec edited, no Rust file touched: recompiled; the same program prints: $out"

# 4. Code using the new field compiles.
settle
write "$crate/src/main.rs" "$main_field"
build
[[ $built == 0 ]] || fail "step 4: code reading sent_at does not compile against spec v2"
out=$(run)
[[ "$out" == 'sent_at = Some(42)' ]] || fail "step 4: unexpected output: $out"
echo "step 4 (${seconds}s): the code of step 0 now compiles; it prints: $out"

# 5. Control: no change, no rebuild.
build
[[ $built == 0 && $compiled == no ]] || fail "step 5: an unchanged crate was rebuilt"
echo "step 5 (${seconds}s): nothing changed, nothing recompiled"

echo "PASS: editing the spec alone recompiles the crate and changes the generated API"
