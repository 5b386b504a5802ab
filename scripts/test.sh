#!/usr/bin/env bash
# Runs every FluxStudio test from a fresh clone, on SQLite and on PostgreSQL.
#   1. installs what the machine lacks (Chromium, PostgreSQL server binaries, redis-server,
#      nginx (the several-instance tests run deploy/nginx.conf), python3-venv, npm packages; the fuzzer's pinned schemathesis and the S3 tests' pinned moto from PyPI)
#   2. checks formatting, lints, typechecks and builds the web app and the server, and runs the
#      web app's unit tests
#   3. starts a throwaway PostgreSQL cluster and a local S3-compatible server (moto) on free
#      ports (tests of several instances start their own Redis, scripts/redis-server.sh)
#   4. runs the Rust unit and integration tests, the schema fuzzer, then the browser tests,
#      each on both backends
#   5. stops what it started, also on failure
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
run_dir="$root/.test-run"

step() { printf '\n==> %s\n' "$*"; }

# --- 1. what a fresh machine lacks --------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "npm packages"
npm ci --prefix web --no-audit --no-fund --loglevel=error
npm ci --prefix tests --no-audit --no-fund --loglevel=error

# --- 2. static checks and builds ----------------------------------------------------
step "web app: generated API types up to date, typecheck and build"
npm --prefix web run api:check --silent
npm --prefix web run build --silent

step "web app: lint and unit tests"
npm --prefix web run lint --silent
npm --prefix web test --silent

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo build"
cargo build --workspace --tests --bins --quiet

# --- 3. a throwaway PostgreSQL and S3 server ----------------------------------------
rm -rf "$run_dir"
mkdir -p "$run_dir"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
cleanup() {
  bash "$root/scripts/pg-cluster.sh" stop "$run_dir/pg" "$pg_port" || true
  bash "$root/scripts/s3-server.sh" stop "$run_dir/s3" || true
}
trap cleanup EXIT
step "PostgreSQL on 127.0.0.1:$pg_port"
bash scripts/pg-cluster.sh start "$run_dir/pg" "$pg_port"
export FLUX_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
s3_port=$(free_port)
step "S3-compatible server (moto) on 127.0.0.1:$s3_port"
bash scripts/s3-server.sh start "$run_dir/s3" "$s3_port"
export FLUX_TEST_S3_ENDPOINT="http://127.0.0.1:$s3_port"

# --- 4. the tests ---------------------------------------------------------------------
step "Rust unit and integration tests (SQLite and PostgreSQL)"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast --failure-output final
else
  cargo test --workspace --no-fail-fast
fi

export FLUXSTUDIO_BIN="$root/target/debug/fluxstudio"
# The API against its own document, a few minutes per database (bench/run.sh --fuzz: an hour).
step "schema fuzzer on SQLite"
bash tests/fuzz/run.sh 150
step "schema fuzzer on PostgreSQL"
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE fuzz" >/dev/null
FUZZ_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/fuzz" bash tests/fuzz/run.sh 150

step "browser tests on SQLite"
(unset FLUX_TEST_DATABASE_URL; npm --prefix tests test --silent)

step "browser tests on PostgreSQL"
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE e2e_browser" >/dev/null
FLUX_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/e2e_browser" npm --prefix tests test --silent
