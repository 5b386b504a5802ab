#!/usr/bin/env bash
# A throwaway S3-compatible server for tests: moto in server mode (pinned in
# tests/s3/requirements.txt, installed into target/s3-venv on first use).
#   s3-server.sh start DIR PORT   # start on 127.0.0.1:PORT, its pid and log in DIR
#   s3-server.sh stop  DIR        # stop it (no-op when not running)
set -euo pipefail

action=${1:?usage: s3-server.sh start|stop DIR [PORT]}
dir=$(realpath -m "${2:?folder required}")
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/target/s3-venv"
requirements="$root/tests/s3/requirements.txt"

case "$action" in
  start)
    port=${3:?port required}
    if ! "$venv/bin/python" -c 'import moto.server' 2>/dev/null ||
      ! cmp -s "$requirements" "$venv/requirements.txt"; then
      python3 -m venv "$venv"
      "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
      cp "$requirements" "$venv/requirements.txt"
    fi
    mkdir -p "$dir"
    "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 &
    echo $! >"$dir/moto.pid"
    # Ready when it answers a request (at most a minute; it starts in about a second).
    for _ in $(seq 600); do
      if "$venv/bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/reset', data=b'')" 2>/dev/null; then
        exit 0
      fi
      kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null || { cat "$dir/moto.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "s3-server.sh: moto did not answer on port $port" >&2
    cat "$dir/moto.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/moto.pid" ]; then
      kill "$(cat "$dir/moto.pid")" 2>/dev/null || true
      rm -f "$dir/moto.pid"
    fi
    ;;
  *)
    echo "usage: s3-server.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
