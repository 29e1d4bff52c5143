#!/usr/bin/env bash
# Validates the OpenAPI document of every variant of spec/crapido.yaml with a published
# validator (openapi-spec-validator, from PyPI), installed into a virtualenv under target/.
# Run by .ci/run; runnable by hand: bash scripts/check-openapi.sh
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/openapi-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator>=0.7,<0.9"
fi

out=target/openapi
mkdir -p "$out"
cargo build --quiet -p generated-demo
demo=target/debug/generated-demo
# The variant names, from the demo's own error message listing them.
variants=$( ("$demo" openapi --variant '?' 2>&1 || true) | sed -n 's/.*the spec has \(.*\)$/\1/p' | tr -d ',')
[ -n "$variants" ] || { echo "check-openapi: could not list the variants" >&2; exit 1; }
for variant in $variants; do
  "$demo" openapi --variant "$variant" > "$out/$variant.json"
  "$venv/bin/openapi-spec-validator" "$out/$variant.json"
done
echo "check-openapi: $(echo $variants | wc -w) documents valid"
