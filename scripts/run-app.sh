#!/usr/bin/env bash
# Builds the UI and the Tauri app with the tariffs under tariffs/<org>/ compiled in, and runs it.
#   scripts/run-app.sh            debug build (fast to rebuild)
#   RELEASE=1 scripts/run-app.sh  optimised build
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build)
features=()
if ! ls tariffs/*/*.toml >/dev/null 2>&1; then
  echo "run-app.sh: no tariffs under tariffs/<org>/ — using the TEST tariff 'testi' (not a real tariff)" >&2
  features=(--features fixture-tariff)
fi
if [ "${RELEASE:-0}" = 1 ]; then
  cargo build --locked --release -p kustannusarvio-app --features custom-protocol "${features[@]}"
  bin=${CARGO_TARGET_DIR:-target}/release/kustannusarvio-app
else
  cargo build --locked -p kustannusarvio-app "${features[@]}"
  bin=${CARGO_TARGET_DIR:-target}/debug/kustannusarvio-app
fi
exec "$bin" "$@"
