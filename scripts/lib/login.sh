# Sourced by the scripts that drive `generated-demo serve`: logs in as the app does, through the
# demo's stand-in for the SMS one-time-code login (README.md, "Sessions"), and prints the session
# token. Every one of the 13 endpoints needs it: `token: <token>` for crapido's paths,
# `Authorization: Bearer <token>` for LanaYa's.
#
#   token=$(demo_login http://127.0.0.1:PORT SERVE_LOG [MOBILE])
#
# SERVE_LOG is the file the server's standard output goes to: the stand-in prints each code
# there ("login code for ******5678 is 123456"), as an SMS gateway would deliver it.
demo_login() {
  local base="$1" log="$2" mobile="${3:-5512345678}" code="" token=""
  curl -sf -H 'Content-Type: application/json' -d "{\"mobile\":\"$mobile\"}" \
    "$base/session/code" >/dev/null || { echo "demo_login: no code was issued" >&2; return 1; }
  for _ in $(seq 50); do
    code=$(sed -n "s/.*login code for [*]*${mobile: -4} is \([0-9]\{6\}\).*/\1/p" "$log" | tail -1)
    [ -n "$code" ] && break
    sleep 0.1
  done
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"mobile\":\"$mobile\",\"code\":\"$code\"}" "$base/session" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["token"])') || true
  [ -n "$token" ] || { echo "demo_login: the login failed" >&2; return 1; }
  printf '%s\n' "$token"
}
