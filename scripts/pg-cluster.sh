#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, made with the machine's own initdb/pg_ctl.
#   pg-cluster.sh start DIR PORT   # initdb DIR/data on first use, then start on 127.0.0.1:PORT
#   pg-cluster.sh stop  DIR [PORT] # stop it (no-op when not running)
# initdb refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail

action=${1:?usage: pg-cluster.sh start|stop DIR [PORT]}
dir=$(realpath -m "${2:?cluster folder required}")
port=${3:-5432}

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "pg-cluster.sh: no PostgreSQL server binaries (initdb) found; install postgresql or set PG_BIN" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$1"
  else
    bash -c "$1"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "'$pg_bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --no-sync >'$dir/initdb.log' 2>&1" \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # Tests need a real server, not a durable one: skipping fsync keeps the suite fast.
    # Benchmarks set PG_DURABLE=1 to compare with SQLite's synchronous commits fairly.
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && fast=""
    as_owner "'$pg_bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 $fast -c max_connections=300\" start >/dev/null" \
      || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "'$pg_bin/pg_ctl' -D '$dir/data' -m fast -w -t 60 stop >/dev/null"
    fi
    ;;
  *)
    echo "usage: pg-cluster.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
