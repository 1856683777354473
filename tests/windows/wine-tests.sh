#!/usr/bin/env bash
# The Windows CLI, tested on Linux under Wine against the Linux build of the same commit:
#   1. every hand-worked case (tests/cases) computes under Windows with output identical byte
#      for byte to Linux (`kustannusarvio cases --dump`), and the cases pass;
#   2. calc, compare, tariffs validate/schema and an error give identical output; the population
#      simulation: the same synthetic population, and simulate's tables and per-person rows
#      identical to Linux;
#   3. a TUF update cycle against a loopback web server (the Linux CLI publishes with the test
#      keys, the Windows CLI updates from the test anchor): install, up to date, a newer
#      tariff, a tampered bundle refused while the last good tariff stays; the state directory
#      is a Windows path with backslashes and a space, and no file written has CRLF line ends;
#      an update while every file of the state directory is held open without FILE_SHARE_DELETE
#      (as a virus scanner or another reader may) installs all the same: the store never renames
#      over a file, and removes what it could not remove then on the next check.
# Usage: tests/windows/wine-tests.sh LINUX_BIN WINDOWS_EXE   (run from the repository root)
# Needs wine, mingw-w64 (for the test-only ProcessPrng stand-in) and python3.
set -euo pipefail
LIN="$1"
WIN_EXE="$2"
export WINEDEBUG=-all
WORK="$(mktemp -d)"
export WINEPREFIX="${WINEPREFIX:-$WORK/wineprefix}"
SERVER_PID=""
HOLD_PID=""
cleanup() {
  if [ -n "$HOLD_PID" ]; then touch "$WORK/stop"; wait "$HOLD_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "wine-tests: FAILED: $*" >&2; exit 1; }

# Test-only: Debian 12's Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard
# library imports; a stand-in next to the .exe forwards it to BCryptGenRandom. Never shipped.
mkdir -p "$WORK/bin"
cp "$WIN_EXE" "$WORK/bin/kustannusarvio.exe"
x86_64-w64-mingw32-gcc -O2 -shared -o "$WORK/bin/bcryptprimitives.dll" \
  tests/windows/processprng.c tests/windows/processprng.def -lbcrypt
x86_64-w64-mingw32-gcc -O2 -o "$WORK/bin/holdopen.exe" tests/windows/holdopen.c
WIN() { wine "$WORK/bin/kustannusarvio.exe" "$@"; }
wineboot -i >/dev/null 2>&1 || true

same() { # name, then the arguments for both binaries
  local name="$1"; shift
  set +e
  "$LIN" "$@" >"$WORK/l.out" 2>"$WORK/l.err"; local lrc=$?
  WIN "$@" >"$WORK/w.out" 2>"$WORK/w.err"; local wrc=$?
  set -e
  [ "$lrc" = "$wrc" ] || fail "$name: exit $lrc on Linux, $wrc on Windows"
  cmp -s "$WORK/l.out" "$WORK/w.out" || { diff "$WORK/l.out" "$WORK/w.out" | head -5; fail "$name: stdout differs"; }
  cmp -s "$WORK/l.err" "$WORK/w.err" || { diff "$WORK/l.err" "$WORK/w.err" | head -5; fail "$name: stderr differs"; }
  echo "   $name: identical ($(wc -c <"$WORK/l.out") bytes, exit $lrc)"
}

echo "== 1. the cases"
same "cases --dump" cases --dump
[ "$(wc -l <"$WORK/l.out")" -ge 150 ] || fail "fewer than 150 cases"
same "cases (report)" cases
echo "== 2. calc, compare, tariffs, an error"
cat >"$WORK/a.json" <<'JSON'
{"date": "2026-03-01",
 "household": {"persons": 2, "client": {"gross_income": "1650.00", "net_income": "1380.00"},
               "spouse": {"gross_income": "1100.00", "net_income": "950.00"}},
 "services": [{"service": "home_care", "production": "own", "visits_per_week": "7", "minutes_per_visit": "45"},
              {"service": "round_the_clock_housing", "production": "own"},
              {"service": "short_term_care", "production": "own", "days_per_month": "5"}]}
JSON
sed 's/"visits_per_week": "7"/"visits_per_week": "14"/' "$WORK/a.json" >"$WORK/b.json"
cp "$WORK/a.json" a.tmp.json && cp "$WORK/b.json" b.tmp.json
trap 'rm -f a.tmp.json b.tmp.json; cleanup' EXIT
same "calc" calc --tariffs tariffs/paijat-hame --scenario a.tmp.json
same "calc helsinki" calc --tariffs tariffs/helsinki --scenario a.tmp.json
same "compare" compare --tariffs tariffs/paijat-hame a.tmp.json b.tmp.json
same "tariffs validate" tariffs validate tariffs/helsinki
same "tariffs schema" tariffs schema
echo '{"date": "2026-03-01", "household": {"persons": 0, "client": {}}}' >a.tmp.json
same "an input error" calc --tariffs tariffs/paijat-hame --scenario a.tmp.json
# the population simulation (docs/simulation.md): files compared, not stdout (paths differ)
rm -rf sim.tmp && mkdir sim.tmp
trap 'rm -rf a.tmp.json b.tmp.json sim.tmp; cleanup' EXIT
"$LIN" population synth --clients 300 --seed 4 --out sim.tmp/pop-lin >/dev/null
WIN population synth --clients 300 --seed 4 --out sim.tmp/pop-win >/dev/null
for f in households persons incomes service_use; do
  cmp -s "sim.tmp/pop-lin/$f.csv" "sim.tmp/pop-win/$f.csv" || fail "population synth: $f.csv differs"
done
for who in lin win; do
  run="$LIN"; [ "$who" = win ] && run=WIN
  $run simulate --quiet --tariffs tariffs/paijat-hame --population sim.tmp/pop-lin --from 2026-01 --to 2026-12 \
    --reform docs/simulation/reforms/kotihoito-90.toml --per-person csv --out "sim.tmp/out-$who" >/dev/null
done
for f in yhteenveto tulodesiilit palvelut segmentit keskittyminen lorenz; do
  cmp -s "sim.tmp/out-lin/csv/$f.csv" "sim.tmp/out-win/csv/$f.csv" || fail "simulate: csv/$f.csv differs"
done
cmp -s sim.tmp/out-lin/henkilot.csv sim.tmp/out-win/henkilot.csv || fail "simulate: henkilot.csv differs"
[ -s sim.tmp/out-win/tulokset.xlsx ] && [ -s sim.tmp/out-win/raportti.html ] || fail "simulate: no workbook or report"
echo "   population synth, simulate: identical population, tables and per-person rows ($(wc -l <sim.tmp/out-lin/henkilot.csv) rows)"
# more than one block of households, the per-client figures over 1 MB: spilled to an unnamed
# temporary file in the output directory and merge-sorted on disk (Windows: delete-on-close)
"$LIN" population synth --clients 12000 --seed 4 --out sim.tmp/big >/dev/null
for who in lin win; do
  run="$LIN"; [ "$who" = win ] && run=WIN
  $run simulate --quiet --tariffs tariffs/paijat-hame --population sim.tmp/big --from 2026-01 --to 2026-12 \
    --reform docs/simulation/reforms/kotihoito-90.toml --out "sim.tmp/big-$who" >/dev/null
  [ "$(ls -A "sim.tmp/big-$who" | sort | tr '\n' ' ')" = "csv raportti.html tulokset.xlsx " ] \
    || fail "simulate ($who): temporary files left in the output directory: $(ls -A "sim.tmp/big-$who")"
done
for f in yhteenveto tulodesiilit palvelut segmentit keskittyminen lorenz; do
  cmp -s "sim.tmp/big-lin/csv/$f.csv" "sim.tmp/big-win/csv/$f.csv" || fail "simulate (12 000): csv/$f.csv differs"
done
echo "   simulate over 3 blocks with spilled per-client figures: identical tables, nothing left behind"

echo "== 3. a signed-update cycle on loopback (TUF: the Linux CLI publishes, the Windows CLI updates)"
KEYS=tests/fixtures/bundle/keys
mkdir -p "$WORK/www/metadata" "$WORK/src"
cp tests/fixtures/bundle/tuf/paijat-hame.root.json "$WORK/www/metadata/1.root.json"
cp tests/fixtures/bundle/tuf/paijat-hame.root.json "$WORK/anchor.json"
# two more tariffs: the two-person income limit edited (another bundle, the same one-person fee)
for v in 1291 1292; do
  mkdir -p "$WORK/src/$v"
  cp -r tariffs/national tariffs/paijat-hame "$WORK/src/$v/"
  sed -i "s/by_persons = \[\"699\", \"1290\"/by_persons = [\"699\", \"$v\"/" "$WORK/src/$v/national/home_care.toml"
  grep -q "\"$v\"" "$WORK/src/$v/national/home_care.toml" || fail "could not edit the test tariff"
done
publish() {
  "$LIN" tariffs publish "$1" --repo "$WORK/www" --key "$KEYS/test-targets1.key" --key "$KEYS/test-targets2.key" \
    --key "$KEYS/test-snapshot.key" --key "$KEYS/test-timestamp.key" >/dev/null
}
publish tariffs/paijat-hame
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/metadata/timestamp.json', timeout=1)" 2>/dev/null && break
  sleep 0.1
done
# a per-user app data path with backslashes and a space, as on a Windows desktop
STATE='C:\users\Public\AppData\Roaming\Kustannusarvio tests\state'
ANCHOR="Z:$(echo "$WORK/anchor.json" | tr / '\\')"
update() { # expected status, expected active serial, expected exit code
  set +e
  WIN update --from "http://127.0.0.1:$PORT/" --state-dir "$STATE" --organisation paijat-hame \
    --root "$ANCHOR" --retries 0 --timeout 20 >"$WORK/u.json"
  local rc=$?
  set -e
  python3 - "$WORK/u.json" "$1" "$2" "$rc" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
code, serial = r["status"]["code"], (r.get("active") or {}).get("serial")
print(f"   status {code}, active serial {serial}, exit {sys.argv[4]}")
assert code == sys.argv[2], f"expected {sys.argv[2]}: {r['status']}"
assert str(serial) == sys.argv[3], f"expected serial {sys.argv[3]}"
assert sys.argv[4] == sys.argv[5], f"expected exit {sys.argv[5]}"
PY
}
update updated 1 0
update up_to_date 1 0
STATE_UNIX="$WINEPREFIX/drive_c/users/Public/AppData/Roaming/Kustannusarvio tests/state"
winpath() { echo "Z:$(echo "$1" | tr / '\\')"; }
# every file of the state directory held open by another Windows process, sharing read only
wine "$WORK/bin/holdopen.exe" "$STATE" "$(winpath "$WORK/held")" "$(winpath "$WORK/stop")" &
HOLD_PID=$!
for _ in $(seq 1 300); do [ -s "$WORK/held" ] && break; sleep 0.1; done
[ "$(cat "$WORK/held" 2>/dev/null || echo 0)" -ge 5 ] || fail "holdopen did not hold the state files"
echo "   $(cat "$WORK/held") files of the state directory held open without FILE_SHARE_DELETE"
publish "$WORK/src/1291/paijat-hame"
update updated 2 0
touch "$WORK/stop"
wait "$HOLD_PID"
HOLD_PID=""
# released: the next check removes the superseded copies it could not remove while they were open
update up_to_date 2 0
for f in timestamp.json snapshot.json targets.json; do
  n="$(find "$STATE_UNIX/trusted" -name "*$f" | wc -l)"
  [ "$n" = 1 ] || fail "trusted/ keeps $n copies of $f"
done
[ "$(find "$STATE_UNIX" -maxdepth 1 -name '*state.json' | wc -l)" = 1 ] || fail "more than one state file"
# a third tariff whose bundle is tampered with after signing: refused, serial 2 stays in force
publish "$WORK/src/1292/paijat-hame"
NEWEST="$(ls -t "$WORK/www/targets/"*.tariff.json | head -1)"
python3 - "$NEWEST" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 1; open(p, "wb").write(b)
PY
update rejected_hash_mismatch 2 3
[ -n "$(find "$STATE_UNIX" -maxdepth 1 -name '*@state.json')" ] || fail "no state file under the Windows path"
if grep -rlq $'\r' "$STATE_UNIX"; then fail "CRLF written into the state directory"; fi
echo "wine-tests: ok"
