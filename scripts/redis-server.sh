#!/usr/bin/env bash
# A throwaway Redis for tests: Debian's redis-server on loopback, nothing saved to disk.
#   redis-server.sh start DIR PORT   # start on 127.0.0.1:PORT, its pid and log in DIR
#   redis-server.sh stop  DIR        # stop it and wait until it is gone (no-op when not running)
set -euo pipefail

action=${1:?usage: redis-server.sh start|stop DIR [PORT]}
dir=$(realpath -m "${2:?folder required}")

case "$action" in
  start)
    port=${3:?port required}
    mkdir -p "$dir"
    # No snapshots and no append-only file: a test's Redis holds only what is in flight.
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --daemonize yes
    for _ in $(seq 300); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        exit 0
      fi
      sleep 0.1
    done
    echo "redis-server.sh: Redis did not answer on port $port" >&2
    cat "$dir/redis.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid")
      kill "$pid" 2>/dev/null || true
      # Stopped means gone: its port is free to start on again.
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$dir/redis.pid"
    fi
    ;;
  *)
    echo "usage: redis-server.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
