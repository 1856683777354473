#!/usr/bin/env bash
# Checks that the benchmarks (crates/engine/benches/engine.rs, crates/bundle/benches/bundle.rs,
# crates/engine/examples/bench_sweep.rs) still build and
# run — not their timings. Called from scripts/test.sh in CI. Builds in the test profile (the
# dependencies are already built by `cargo test`), each benchmark runs once on small inputs.
# Full measurements: see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
start=$(date +%s)
# criterion runs every benchmark once when the binary is started without --bench (cargo test)
{ BENCH_QUICK=1 cargo test --locked -p kustannusarvio-engine --bench engine -q 2>&1; BENCH_QUICK=1 cargo test --locked -p kustannusarvio-bundle --bench bundle -q 2>&1; } | tee /tmp/bench-quick.$$.log | grep -E "^(Testing|Success)" | paste -sd' ' | cut -c1-400 || true
n_ok=$(grep -c '^Success' /tmp/bench-quick.$$.log || true)
if grep -qE "panicked|error(\[|:)|FAILED" /tmp/bench-quick.$$.log || [ "$n_ok" -lt 13 ]; then
  cat /tmp/bench-quick.$$.log; rm -f /tmp/bench-quick.$$.log
  echo "bench-quick: FAILED ($n_ok benchmarks ran)" >&2; exit 1
fi
rm -f /tmp/bench-quick.$$.log
# the sweep example builds and its dump mode computes (tiny input)
cargo run --locked -q -p kustannusarvio-engine --example bench_sweep -- dump 5 >/dev/null
# the population simulation's benchmark commands (BENCHMARKS.md) on a small synthetic population
simdir=$(mktemp -d)
cargo run --locked -q --bin kustannusarvio -- population synth --clients 1000 --seed 1 --out "$simdir/pop" >/dev/null
cargo run --locked -q --bin kustannusarvio -- simulate --quiet --tariffs tariffs/paijat-hame --population "$simdir/pop" \
  --from 2026-01 --to 2026-12 --reform docs/simulation/reforms/kotihoito-90.toml --per-person parquet --out "$simdir/out" >/dev/null
rm -rf "$simdir"
echo "bench-quick: ok ($n_ok benchmarks ran once, $(( $(date +%s) - start )) s)"
