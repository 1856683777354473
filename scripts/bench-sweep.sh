#!/usr/bin/env bash
# Engine sweep for BENCHMARKS.md: cost per estimate for 1/10/100 lines and for 10³…10⁶ varied
# scenarios in one process, on one core (pinned with taskset when available). Not in CI.
#   scripts/bench-sweep.sh            # full sweep (10⁶ takes ~1 min per run)
#   scripts/bench-sweep.sh 100000     # only the 100 000-scenario budget (≤ 1 s)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release --locked --example bench_sweep
PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c "${CORE:-$(( $(nproc) - 1 ))}"); fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(git rev-parse --short HEAD) on $(nproc) cores, pinned: ${PIN[*]:-no}"
"${PIN[@]}" target/release/examples/bench_sweep "$@"
