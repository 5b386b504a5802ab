#!/usr/bin/env bash
# Builds the web app and the server, then runs FluxStudio on http://localhost:3001 with
# its embedded SQLite database under ./data. Extra arguments go to `fluxstudio serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> web app"
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  npm ci --prefix web --no-audit --no-fund --loglevel=error
fi
npm --prefix web run build --silent

echo "==> server (release build; the first one takes a few minutes)"
cargo build --release --bin fluxstudio

# A first run on the embedded database starts with a demo studio to look around in
# (FLUX_DEMO=0 skips it; the credentials are printed, and kept in data/demo-accounts.txt).
if [ -z "${DATABASE_URL:-}" ] && [ ! -f data/fluxstudio.db ] && [ "${FLUX_DEMO:-1}" != 0 ]; then
  echo "==> demo studio"
  mkdir -p data
  target/release/fluxstudio admin seed-demo | tee data/demo-accounts.txt
fi

echo "==> FluxStudio on http://localhost:${PORT:-3001}"
exec target/release/fluxstudio serve "$@"
