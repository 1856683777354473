#!/usr/bin/env bash
# Runs every test of the project: engine unit/property/acceptance tests, CLI tests, and (when
# the app is present) the app's IPC tests, UI tests in headless Chromium and real-window e2e.
# Needs the packages of scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
echo "== tariffs validate"
cargo run -q --bin kustannusarvio -- tariffs validate tariffs/paijat-hame
if [ -d tariffs/helsinki ]; then cargo run -q --bin kustannusarvio -- tariffs validate tariffs/helsinki; fi
echo "== engine and CLI tests"
cargo test --workspace --locked
if [ -x scripts/bench-quick.sh ]; then echo "== benchmarks (quick mode)"; scripts/bench-quick.sh; fi
if [ -x scripts/test-app.sh ]; then echo "== app"; scripts/test-app.sh; fi
