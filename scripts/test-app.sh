#!/usr/bin/env bash
# Tests the counsellor app end to end:
#   1. npm ci + strict TypeScript build of ui/ (esbuild → ui/dist)
#   2. Rust: MockRuntime IPC tests, bindings export (+ check that ui/src/bindings.ts is current)
#   3. UI flow + axe tests in headless Debian Chromium with mocked IPC (playwright-core)
#   4. the real app window under Xvfb via tauri-driver 2.1.0 + WebKitWebDriver (node --test)
# Exits non-zero on the first failure. Screenshots: tests/e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "test-app.sh: missing $1 — $2" >&2; exit 2; }
}
need node "install Node.js 20+"
need npm "install npm"
need xvfb-run "apt-get install xvfb xauth"
need WebKitWebDriver "apt-get install webkit2gtk-driver"
[ -x /usr/bin/import ] || { echo "test-app.sh: missing /usr/bin/import — apt-get install imagemagick" >&2; exit 2; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "test-app.sh: missing /usr/bin/chromium — apt-get install chromium" >&2; exit 2; }
if ! command -v tauri-driver >/dev/null 2>&1; then
  step "cargo install tauri-driver 2.1.0"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi

step "npm ci + UI build"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)

step "Rust app tests (MockRuntime IPC, bindings export)"
cargo test --locked -p kustannusarvio-app
if git rev-parse --git-dir >/dev/null 2>&1; then
  # ui/tests/fixtures/engine.json is regenerated too (real engine answers for the UI tests'
  # mocked IPC) but not diff-checked: engine wording changes should not fail CI.
  git diff --exit-code -- ui/src/bindings.ts \
    || { echo "test-app.sh: ui/src/bindings.ts is out of date — commit the regenerated file" >&2; exit 1; }
fi
# The bindings may have been regenerated: rebuild the UI from them.
(cd ui && npm run --silent build)

step "UI tests in headless Chromium (mocked IPC, axe)"
(cd ui && timeout 600 node --test tests/)

step "build the app (bundled tariffs + test tariff)"
cargo build --locked -p kustannusarvio-app --features fixture-tariff

step "real-window e2e under Xvfb (tauri-driver → WebKitWebDriver)"
# tauri-driver is stopped with SIGTERM by the test itself; `timeout` sends SIGTERM too.
timeout --signal=TERM 420 xvfb-run -a -s "-screen 0 1600x1300x24" \
  env TAURI_APP="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/kustannusarvio-app" node --test tests/e2e/

step "done"
echo "screenshots: tests/e2e/screenshots/"
