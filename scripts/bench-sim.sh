#!/usr/bin/env bash
# Population simulation sweep for BENCHMARKS.md (issue 14): wall clock and peak RSS of
# `kustannusarvio simulate` (baseline + 1 reform, 12 months, all outputs) for synthetic populations
# of about 10⁵ … 2·10⁶ client-months, median of RUNS runs each. Both cores (the simulation is
# parallel). Not in CI.
#   scripts/bench-sim.sh                       # the sweep
#   SIZES="15000" RUNS=5 scripts/bench-sim.sh  # the Päijät-Häme-size budget (≤ 3 s)
#   EXTRA="--no-reuse" scripts/bench-sim.sh    # every client-month computed
#   ENVS="MIMALLOC_PURGE_DELAY=0" scripts/bench-sim.sh   # memory freed at once (live memory)
set -euo pipefail
cd "$(dirname "$0")/.."
#   BIN=/tmp/kustannusarvio-old scripts/bench-sim.sh    # another build, same machine and load
if [ -z "${BIN:-}" ]; then cargo build -q --release --locked -p kustannusarvio-cli; fi
B=${BIN:-target/release/kustannusarvio}
SIZES=${SIZES:-"9960 24900 49800 99600 199200"}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/kustannusarvio-bench-sim}
mkdir -p "$WORK"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $B at $(git rev-parse --short HEAD) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| clients | client-months | time (median of $RUNS) | peak RSS (median) | ${EXTRA:-} ${ENVS:-} |"
echo "|---:|---:|---:|---:|---|"
for n in $SIZES; do
  pop="$WORK/pop$n"
  [ -f "$pop/service_use.csv" ] || "$B" population synth --clients "$n" --seed 1 --out "$pop" >/dev/null
  times=(); mems=(); months=""
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    # shellcheck disable=SC2086
    r=$(env ${ENVS:-} /usr/bin/time -f "%e %M" "$B" simulate --quiet --tariffs tariffs/paijat-hame \
      --population "$pop" --from 2026-01 --to 2026-12 \
      --reform docs/simulation/reforms/kotihoito-90.toml --out "$WORK/out" ${EXTRA:-} 2>&1 >/dev/null | tail -1)
    times+=("${r% *}"); mems+=("${r#* }")
    months=$(awk -F, 'NR == 2 { print $4 }' "$WORK/out/csv/yhteenveto.csv" 2>/dev/null || true)
  done
  t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  echo "| $n | ${months:-?} | $t s | $(( m / 1024 )) MB | |"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
