#!/usr/bin/env bash
# Demonstrates the whole signed-tariff path on this machine: generate two throw-away signing
# keys, publish tariffs/paijat-hame into a temporary web root, serve it with
# `python3 -m http.server` on 127.0.0.1, run `kustannusarvio update` against it (installed,
# then up to date, then a tampered bundle that is rejected while the last good tariff stays),
# and print each status. Needs cargo and python3. Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
cargo build -q --bin kustannusarvio
BIN="$PWD/target/debug/kustannusarvio"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== 1. keys (throw-away; a real HVA keeps the .key files offline)"
"$BIN" tariffs keygen --out "$WORK/keys" --name author --label "demo author" | head -1
"$BIN" tariffs keygen --out "$WORK/keys" --name reviewer --label "demo reviewer" | head -1
mkdir -p "$WORK/trusted"
cp "$WORK/keys/author.pub" "$WORK/keys/reviewer.pub" "$WORK/trusted/"
echo "threshold 2" > "$WORK/trusted/threshold.pub"

echo "== 2. publish tariffs/paijat-hame (validate, build, sign by both)"
"$BIN" tariffs publish tariffs/paijat-hame --key "$WORK/keys/author.key" --key "$WORK/keys/reviewer.key" \
  --out "$WORK/www/paijat-hame/stable" --channel stable --expires 400
ls -l "$WORK/www/paijat-hame/stable"

echo "== 3. serve it on 127.0.0.1"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT/paijat-hame/stable/"
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('$URL/manifest.json', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.1
done

update() {
  set +e
  "$BIN" update --from "$URL" --state-dir "$WORK/state" --organisation paijat-hame --channel stable \
    --trusted-keys "$WORK/trusted" --retries 0 --timeout 10 >"$WORK/out.json"
  local rc=$?
  set -e
  python3 - "$WORK/out.json" "$rc" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r.get("active") or {}
print(f"   status: {r['status']['code']} — {r['message']} (exit {sys.argv[2]})")
print(f"   active: serial {a.get('serial')} from {a.get('source')}, tariff {a.get('tariff_version')}, "
      f"expires {a.get('expires_at')}, expired={a.get('expired')}, signed by {a.get('signed_by')}")
PY
}

echo "== 4. kustannusarvio update (first time: installs into slot a)"
update
echo "== 5. again (same serial: only 'checked')"
update
echo "== 6. a tampered bundle with a newer serial: rejected, the last good tariff stays"
"$BIN" tariffs publish tariffs/paijat-hame --key "$WORK/keys/author.key" --key "$WORK/keys/reviewer.key" \
  --out "$WORK/www/paijat-hame/stable" >/dev/null
sed -i 's/1290/9290/' "$WORK/www/paijat-hame/stable/bundle-2.json"
update
echo "== 7. the tariff in use still computes (state slot, home care 8 h, income 1200 € in 2026)"
SLOT="$(python3 -c "import json; print(json.load(open('$WORK/state/state.json'))['active'])")"
mkdir -p "$WORK/active"
python3 - "$WORK/state/slots/$SLOT/bundle.json" "$WORK/active" <<'PY'
import json, sys, os
b = json.load(open(sys.argv[1]))
for f in b["files"]:
    open(os.path.join(sys.argv[2], f["name"]), "w").write(f["text"])
PY
echo '{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1200"}},
 "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}' \
  | "$BIN" calc --tariffs "$WORK/active" \
  | python3 -c 'import json,sys; e=json.load(sys.stdin); print("   client fee/month:", e["total"]["client_fees_monthly"], "€")'
echo "== done"
