#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, made with the machine's own initdb/pg_ctl.
#   pg-cluster.sh start DIR PORT   # initdb DIR/data on first use, then start on 127.0.0.1:PORT
#   pg-cluster.sh stop  DIR [PORT] # stop it (no-op when not running)
# With PG_TLS=1, the first start also makes a throwaway CA (DIR/tls/ca.crt) and a server
# certificate it signs for the host name `localhost` only, serves TLS with it, and refuses
# connections without TLS; DIR/tls/other-ca.crt is a second CA that signed nothing.
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

# A CA, a server certificate it signs for `localhost` (no IP address: a client that asks for
# 127.0.0.1 with verify-full is refused), and another CA; made once.
make_certificates() {
  local tls=$1
  [ -f "$tls/server.crt" ] && return 0
  mkdir -p "$tls"
  (
    cd "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=FluxStudio test CA" \
      -keyout ca.key -out ca.crt
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Another test CA" \
      -keyout other-ca.key -out other-ca.crt
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr
    printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
      -extfile server.ext -out server.crt
  ) >"$tls/openssl.log" 2>&1 || { cat "$tls/openssl.log" >&2; exit 1; }
  chmod 600 "$tls/server.key"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$tls"
  chmod 644 "$tls/ca.crt" "$tls/other-ca.crt"
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "'$pg_bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --no-sync >'$dir/initdb.log' 2>&1" \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    tls=""
    if [ "${PG_TLS:-0}" = 1 ]; then
      make_certificates "$dir/tls"
      hba="$dir/data/pg_hba.conf"
      if ! grep -q '^hostnossl' "$hba"; then
        # Only TLS: a connection without it is refused, so one that works used it.
        as_owner "printf '%s\n' 'hostnossl all all all reject' 'hostssl all all all trust' > '$hba.tls' \
          && grep -v '^host' '$hba' >> '$hba.tls' && mv '$hba.tls' '$hba'"
      fi
      tls="-c ssl=on -c ssl_cert_file='$dir/tls/server.crt' -c ssl_key_file='$dir/tls/server.key'"
    fi
    # Tests need a real server, not a durable one: skipping fsync keeps the suite fast.
    # Benchmarks set PG_DURABLE=1 to compare with SQLite's synchronous commits fairly.
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && fast=""
    as_owner "'$pg_bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 $fast $tls -c max_connections=300\" start >/dev/null" \
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
