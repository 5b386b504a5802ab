#!/usr/bin/env bash
# Fuzzes the API against its own document (/api/openapi.json) with schemathesis: every
# check (schemathesis.toml), every phase (examples, coverage, fuzzing, stateful), a fixed
# seed unless told otherwise. Pass means zero failures. One worker: two run the generator on two threads, where
# CPython 3.11's `ast` has been seen to fail (SystemError) inside schemathesis.
#
#   tests/fuzz/run.sh SECONDS [SEED]
#
# Starts `fluxstudio serve` (FLUXSTUDIO_BIN, default target/debug/fluxstudio) on SQLite in
# a temporary directory, or on FUZZ_DATABASE_URL when set, and stops it afterwards. The
# pinned schemathesis is installed into target/fuzz-venv the first time.
set -euo pipefail
seconds=${1:?how many seconds to fuzz}
seed=${2:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${FLUXSTUDIO_BIN:-$root/target/debug/fluxstudio}
venv="$root/target/fuzz-venv"

if ! "$venv/bin/python" -c 'import schemathesis' 2>/dev/null ||
  ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fluxstudio-fuzz-XXXXXX")
server_pid=
stop() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap stop EXIT

# The limits are the product's, raised so the fuzzer's thousands of sign-ins and requests
# reach the handlers; 429 stays documented on every operation. Behind one trusted proxy, so
# the hooks sign in from addresses of their own (hooks.py).
(
  cd "$work"
  unset DATABASE_URL
  [ -n "${FUZZ_DATABASE_URL:-}" ] && export DATABASE_URL="$FUZZ_DATABASE_URL"
  AUTH_RATE_LIMIT_MAX=10000000 RATE_LIMIT_MAX_REQUESTS=10000000 TRUST_PROXY=1 \
    exec "$bin" serve --host 127.0.0.1 --port 0 --addr-file "$work/addr" >"$work/server.log" 2>&1
) &
server_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
base="http://$(cat "$work/addr")"

echo "fuzzing $base for ${seconds}s, seed $seed"
status=0
FUZZ_BASE_URL="$base" SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$here" \
  "$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/api/openapi.json" \
  --max-time "$seconds" --seed "$seed" --workers 1 \
  --generation-database none --no-color --output-truncate true \
  --report ndjson --report-ndjson-path "$work/report.ndjson" >"$work/schemathesis.txt" 2>&1 || status=$?

sed -n '/^=* SUMMARY/,$p' "$work/schemathesis.txt"
python3 "$here/summary.py" "$work/report.ndjson" -v || status=${status:-1}
if [ "$status" -ne 0 ]; then
  echo "schemathesis found failures (exit $status); its full output:" >&2
  cat "$work/schemathesis.txt" >&2
  echo "the server's log, last lines:" >&2
  tail -n 40 "$work/server.log" >&2
  exit "$status"
fi
