#!/usr/bin/env bash
# Measures the app's budgets (issues 5 and 11) and prints one table:
#   cold start under Xvfb to the first result shown · typing latency (p95 of 200 edits) · memory
#   after 20 estimates (and growth between estimate 10 and 20) — each against the stack's own
#   floor, a bare Tauri 2 window (examples/bare_window.rs: hello world, the same WebKitGTK
#   settings) launched alternately in the same run · release binary and .deb size · UI assets.
# Not part of CI (it builds the release app and the .deb: several minutes). Run by hand:
#   scripts/bench-app.sh                  # RUNS=5 launches, each with EDITS=200 edits
#   RUNS=9 SKIP_DEB=1 scripts/bench-app.sh
#   SKIP_BUILD=1 SKIP_DEB=1 scripts/bench-app.sh          # the existing release binary
#   SKIP_BUILD=1 SKIP_DEB=1 BENCH_APP_BIN=/usr/bin/kustannusarvio-app scripts/bench-app.sh
# Needs what scripts/install-deps.sh installs (Xvfb, WebKitWebDriver, tauri-driver, npm).
# Timings depend on the machine's load: the table gives the 1-minute load average with them.
#
# The real-window figures come from scripts/bench_app_ui.py (see its docstring for exactly
# what is measured). It reads the UI's performance marks through WebDriver:
#   performance.mark("edit")            in the input handler, when an input changes;
#   performance.mark("result-rendered") when new totals are in the DOM;
#   performance.mark("result-painted")  after the frame showing them has been rendered;
#   performance.mark("first-result")    the first time, likewise.
# The app starts with an empty package (no estimate), so the script builds the smallest real
# package (home care 8 h, 1200 €) through the UI's own events as soon as the page is ready;
# cold start = launch → 'first-result'. Each edit must give a new engine total. Any step
# that cannot run prints "n/a" and why: the script never fails because a measurement is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
EDITS=${EDITS:-200}
declare -a ROWS=()
row() { ROWS+=("$1|$2|$3|$4"); }   # what | budget | measured | note
log() { echo "bench-app: $*" >&2; }

if [ ! -f src-tauri/Cargo.toml ]; then
  echo "bench-app: the app is not present (no src-tauri/Cargo.toml): nothing to measure."
  exit 0
fi
OUT=$(mktemp -d /tmp/bench-app.XXXXXX)

toml_get() { # toml_get FILE SECTION KEY → first value of KEY in [SECTION]
  awk -v sec="[$2]" -v key="$3" '
    /^\[/ { insec = ($0 == sec) }
    insec && $1 == key { sub(/^[^=]*=[ \t]*/, ""); gsub(/"/, ""); print; exit }' "$1"
}
APP_CRATE=$(toml_get src-tauri/Cargo.toml package name)
BIN=$(toml_get src-tauri/Cargo.toml package default-run)
[ -n "$BIN" ] || BIN=$(toml_get src-tauri/Cargo.toml bin name)
[ -n "$BIN" ] || BIN=$APP_CRATE
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null || echo "$ROOT/target")
APP_BIN="${BENCH_APP_BIN:-$TARGET_DIR/release/$BIN}"   # BENCH_APP_BIN + SKIP_BUILD: measure another binary
log "app crate $APP_CRATE, binary $BIN"

# ---- UI assets
if [ -f ui/package.json ] && [ -z "${SKIP_BUILD:-}" ]; then
  ( cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; } && npm run -s build ) >"$OUT/ui-build.log" 2>&1 \
    || log "UI build failed (see $OUT/ui-build.log)"
fi
DIST=$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["build"]["frontendDist"])' 2>/dev/null || echo ../ui/dist)
DIST="src-tauri/$DIST"
if compgen -G "$DIST/*.js" >/dev/null || compgen -G "$DIST/*.css" >/dev/null; then
  gz=0
  for f in $(find "$DIST" -type f \( -name '*.js' -o -name '*.css' \)); do gz=$(( gz + $(gzip -9 -c "$f" | wc -c) )); done
  row "UI assets (JS + CSS, gzip -9)" "≤ 100 kB" "$(awk -v b=$gz 'BEGIN{printf "%.1f kB", b/1000}')" "$DIST"
else
  row "UI assets (JS + CSS, gzip -9)" "≤ 100 kB" "n/a" "no built assets in $DIST"
fi

# ---- release binary (the production build embeds the UI: feature custom-protocol, as `tauri build`)
FEATURES=""
grep -q '^custom-protocol' src-tauri/Cargo.toml && FEATURES="--features custom-protocol"
if [ -n "${SKIP_BUILD:-}" ]; then
  log "SKIP_BUILD set: measuring the existing $APP_BIN"
  build_ok() { [ -x "$APP_BIN" ]; }
else
  log "cargo build --release -p $APP_CRATE $FEATURES"
  build_ok() { cargo build --release -p "$APP_CRATE" $FEATURES >"$OUT/build.log" 2>&1 && [ -x "$APP_BIN" ]; }
fi
if build_ok; then
  sz=$(stat -c %s "$APP_BIN")
  row "release binary" "≤ 15 MB" "$(awk -v b=$sz 'BEGIN{printf "%.2f MB", b/1e6}')" "$APP_BIN"
else
  row "release binary" "≤ 15 MB" "n/a" "build failed: $OUT/build.log"
  APP_BIN=""
fi
# the bare window, built like the app (release, embedded assets)
BARE_BIN="${BENCH_BARE_BIN:-$TARGET_DIR/release/examples/bare_window}"
if [ -z "${SKIP_BUILD:-}" ]; then
  log "cargo build --release -p $APP_CRATE --example bare_window $FEATURES"
  cargo build --release -p "$APP_CRATE" --example bare_window $FEATURES >"$OUT/build-bare.log" 2>&1 || log "bare window build failed: $OUT/build-bare.log"
fi
[ -x "$BARE_BIN" ] || { log "no bare window at $BARE_BIN: the relative budgets cannot be measured"; BARE_BIN=""; }

# ---- .deb
if [ -n "${SKIP_DEB:-}" ]; then
  row ".deb" "≤ 6 MB" "n/a" "SKIP_DEB set"
else
  log "npx @tauri-apps/cli@2 build --bundles deb"
  if timeout 1800 npx --yes @tauri-apps/cli@2 build --bundles deb --ci >"$OUT/deb.log" 2>&1; then
    DEB=$(ls -t "$TARGET_DIR"/release/bundle/deb/*.deb 2>/dev/null | head -1)
    if [ -n "$DEB" ]; then
      row ".deb" "≤ 6 MB" "$(awk -v b=$(stat -c %s "$DEB") 'BEGIN{printf "%.2f MB", b/1e6}')" "$(basename "$DEB")"
    else
      row ".deb" "≤ 6 MB" "n/a" "no .deb found under $TARGET_DIR/release/bundle/deb"
    fi
  else
    row ".deb" "≤ 6 MB" "n/a" "tauri build failed: $OUT/deb.log"
  fi
fi

# ---- start-up, typing latency, memory: the real window under Xvfb (scripts/bench_app_ui.py)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; }
trap cleanup EXIT
if [ -n "$APP_BIN" ] && command -v Xvfb >/dev/null && command -v tauri-driver >/dev/null && command -v WebKitWebDriver >/dev/null; then
  DISP=":$(( 90 + RANDOM % 9 ))"
  Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
  PIDS+=($!)
  sleep 1
  # The app runs as a new user would start it: a fresh HOME (no settings, no WebKit caches),
  # no WEBKIT_* workarounds in the environment.
  APP_HOME=$(mktemp -d /tmp/bench-app-home.XXXXXX)
  PORT=$(( 4500 + RANDOM % 400 ))
  # own native port too: another session's WebKitWebDriver may hold the default 4445
  env -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME HOME="$APP_HOME" DISPLAY="$DISP" \
    tauri-driver --port "$PORT" --native-port "$(( PORT + 1000 ))" >"$OUT/tauri-driver.log" 2>&1 &
  DRIVER_PID=$!
  PIDS=("$DRIVER_PID" "${PIDS[@]}")   # stopped first (SIGTERM: it stops WebKitWebDriver too)
  for _ in $(seq 50); do curl -s "http://127.0.0.1:$PORT/status" >/dev/null 2>&1 && break; sleep 0.1; done
  log "driving the app under Xvfb: $RUNS launches × $EDITS edits, each after a bare window launch (details: $OUT/ui.log)"
  APP_BIN="$APP_BIN" BARE_BIN="$BARE_BIN" PORT="$PORT" NATIVE_PORT="$(( PORT + 1000 ))" DRIVER_PID="$DRIVER_PID" RUNS="$RUNS" EDITS="$EDITS" \
    timeout 1200 python3 scripts/bench_app_ui.py >"$OUT/ui.tsv" 2>"$OUT/ui.log"
  while IFS=$'\t' read -r what budget value note; do row "$what" "$budget" "$value" "$note"; done <"$OUT/ui.tsv"
  [ -s "$OUT/ui.tsv" ] || row "start-up / latency / memory" "" "n/a" "UI measurement failed: $OUT/ui.log"
  rm -rf "$APP_HOME"
else
  row "start-up / latency / memory" "" "n/a" "needs the release binary, Xvfb, tauri-driver and WebKitWebDriver (scripts/install-deps.sh)"
fi

echo
echo "Kustannusarvio app benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null)"
echo
echo "| what | budget | measured | note |"
echo "|---|---|---|---|"
for r in "${ROWS[@]}"; do IFS='|' read -r a b c d <<<"$r"; echo "| $a | $b | $c | $d |"; done
echo
echo "(logs in $OUT)"
exit 0
