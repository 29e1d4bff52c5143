#!/usr/bin/env bash
# Validates the OpenAPI documents of every variant of spec/crapido.yaml with a published
# validator (openapi-spec-validator, from PyPI), installed into a virtualenv under target/:
# the generated code's `openapi(variant)` (3.1, through the demo), and the `veil openapi`
# command's 3.1 and 3.0 documents, in JSON and YAML.
# Run by .ci/run; runnable by hand: bash scripts/check-openapi.sh
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/openapi-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator>=0.7,<0.9"
fi
validate() { "$venv/bin/openapi-spec-validator" "$@"; }

out=target/openapi
mkdir -p "$out"
cargo build --quiet -p generated-demo -p veil-cli
demo=target/debug/generated-demo
veil=target/debug/veil
# The variant names, from the demo's own error message listing them.
variants=$( ("$demo" openapi --variant '?' 2>&1 || true) | sed -n 's/.*the spec has \(.*\)$/\1/p' | tr -d ',')
[ -n "$variants" ] || { echo "check-openapi: could not list the variants" >&2; exit 1; }
count=0
for variant in $variants; do
  "$demo" openapi --variant "$variant" > "$out/$variant.json"
  validate "$out/$variant.json"
  count=$((count + 1))
  for version in 3.1 3.0; do
    for format in json yaml; do
      file="$out/veil-$variant-$version.$format"
      "$veil" openapi spec/crapido.yaml --variant "$variant" --openapi "$version" --format "$format" > "$file"
      grep -q "\"\?openapi\"\?: \"\?$version\.[0-9]" "$file" || { echo "check-openapi: $file is not OpenAPI $version" >&2; exit 1; }
      validate "$file"
      count=$((count + 1))
    done
  done
  # The CLI's 3.1 document is the generated code's, byte for byte.
  cmp -s "$out/$variant.json" "$out/veil-$variant-3.1.json" || { echo "check-openapi: veil openapi differs from openapi($variant)" >&2; exit 1; }
done
echo "check-openapi: $count documents valid ($(echo $variants | wc -w) variants)"
