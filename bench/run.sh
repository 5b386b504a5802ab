#!/usr/bin/env bash
# Benchmarks (BENCHMARKS.md): builds release binaries of fluxstudio and the bare-axum
# baseline, installs wrk when missing, and prints P1 (health throughput through the full
# middleware stack, as a ratio to bare axum, measured side by side) and P10 (cold start
# and idle RSS); with --accounts, login throughput by Argon2id cost and P3 (refresh p99);
# with --workspace, P2; with --realtime, P4-P6 beside a Node socket.io server; with --collab,
# P7-P9 beside the Node y-websocket server; with --cluster, P13 (two instances on PostgreSQL
# and Redis beside one); with --memory, whether memory stays behind
# after the security probe's traffic; with --files, P11 (uploads, downloads, refusals, a
# 6000 x 4000 JPEG's preview; Pillow goes into bench/.venv to make it); with --fuzz, the
# schema fuzzer for an hour. Not a test: run it on demand; results go to
# docs/PERFORMANCE.md (the fuzzer's to docs/SECURITY.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  sudo_cmd=(); [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk
fi
if [ ! -f web/dist/index.html ]; then
  npm ci --prefix web --no-audit --no-fund --loglevel=error
  npm --prefix web run build --silent
fi
cargo build --release --quiet --bin fluxstudio --bin bare-axum --bin socket-load
# `bench/run.sh --accounts [args]` runs the accounts benchmarks (login by Argon2 cost, P3).
if [ "${1:-}" = "--accounts" ]; then
  shift
  exec python3 bench/accounts.py "$@"
fi
# `bench/run.sh --workspace [args]`: P2 (projects list and a 2,000-task board, 110k rows).
if [ "${1:-}" = "--workspace" ]; then
  shift
  exec python3 bench/workspace.py "$@"
fi
# `bench/run.sh --realtime [args]`: P4-P6 beside a plain Node socket.io server.
if [ "${1:-}" = "--realtime" ]; then
  shift
  npm ci --prefix bench/node-peer --no-audit --no-fund --loglevel=error
  exec python3 bench/realtime.py "$@"
fi
# `bench/run.sh --cluster [args]`: P13, two instances on PostgreSQL + Redis beside one.
if [ "${1:-}" = "--cluster" ]; then
  shift
  npm ci --prefix bench/collab-load --no-audit --no-fund --loglevel=error
  exec python3 bench/cluster.py "$@"
fi
# `bench/run.sh --collab [args]`: P7-P9 beside the Node y-websocket server (@y/websocket-server).
if [ "${1:-}" = "--collab" ]; then
  shift
  npm ci --prefix bench/collab-load --no-audit --no-fund --loglevel=error
  exec python3 bench/collab.py "$@"
fi
# `bench/run.sh --memory [args]`: cycles of the security probe's mixed traffic; the heap the
# allocator holds and the RSS after each (does anything stay behind?).
if [ "${1:-}" = "--memory" ]; then
  shift
  npm ci --prefix bench/collab-load --no-audit --no-fund --loglevel=error
  exec python3 bench/memory.py "$@"
fi
# `bench/run.sh --files [args]`: P11: RSS while 4 uploads of 50 MiB run at once (form and
# tus), an oversized upload refused before its body, upload and download throughput beside a
# plain copy on the same disk, and the preview time of a 6000 x 4000 JPEG.
if [ "${1:-}" = "--files" ]; then
  shift
  exec python3 bench/files.py "$@"
fi
# `bench/run.sh --fuzz [SECONDS] [SEED]`: the schema fuzzer of the test command, long (an hour
# by default) with a random seed, against the release build; figures go to docs/SECURITY.md.
if [ "${1:-}" = "--fuzz" ]; then
  FLUXSTUDIO_BIN="$PWD/target/release/fluxstudio" exec bash tests/fuzz/run.sh "${2:-3600}" "${3:-$((RANDOM * 32768 + RANDOM))}"
fi
exec python3 bench/health_and_startup.py "$@"
