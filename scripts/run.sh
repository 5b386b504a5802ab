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

echo "==> FluxStudio on http://localhost:${PORT:-3001}"
exec target/release/fluxstudio serve "$@"
