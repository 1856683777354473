#!/usr/bin/env bash
# Runs every check of the project: formatting and lints, the engine's wasm32 purity build, the
# tariffs, engine unit/property tests and the hand-worked cases (tests/cases), bundle and CLI
# tests, and (when the app is present) the app's IPC tests, UI tests in headless Chromium and
# real-window e2e.
# Needs the packages of scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
echo "== format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -q -- -D warnings
echo "== the engine builds for wasm32 (a standing check that it stays pure)"
cargo build -q --locked -p kustannusarvio-engine --no-default-features --target wasm32-unknown-unknown
echo "== the app for Android: cargo clippy (check + lints) for aarch64-linux-android without the updater (it needs the NDK's C compiler; docs/app.md)"
cargo clippy -q --locked -p kustannusarvio-app --no-default-features --target aarch64-linux-android -- -D warnings
echo "== tariffs validate"
for d in tariffs/national tariffs/paijat-hame tariffs/helsinki tests/fixtures/tariffs/esimerkki; do
  cargo run -q --locked --bin kustannusarvio -- tariffs validate "$d"
done
echo "== engine, bundle, CLI and app tests (incl. tests/cases)"
cargo test --workspace --locked
echo "== the Windows CLI: cross-built, the cases and a signed update under Wine, output identical to Linux"
CLI_ONLY=1 LINUX_BIN="${CARGO_TARGET_DIR:-target}/debug/kustannusarvio" scripts/build-windows.sh
if [ -x scripts/bench-quick.sh ]; then echo "== benchmarks (quick mode)"; scripts/bench-quick.sh; fi
if [ -x scripts/test-app.sh ]; then echo "== app"; scripts/test-app.sh; fi
