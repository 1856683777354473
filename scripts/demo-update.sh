#!/usr/bin/env bash
# The whole tariff-update path on The Update Framework, on this machine (docs/bundles.md):
# throw-away keys for every role, the key ceremony (root version 1), publishing tariffs/paijat-hame,
# serving the repository with `python3 -m http.server` on 127.0.0.1, `kustannusarvio update`
# (installed, then up to date), a key rotation (root version 2) and a publication with the new
# key, the revocation of a stolen timestamp key (root version 3) with its replay refused, a
# tampered tariff refused while the last good tariff stays and still computes.
# Needs cargo and python3. Leaves nothing running.
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
K="$WORK/keys"
REPO="$WORK/www/paijat-hame/stable"

echo "== 1. keys, one per role holder (throw-away; a real HVA keeps root keys offline)"
for n in root1 root2 targets1 targets2 snapshot timestamp; do
  printf '   %-9s ' "$n"; "$BIN" tariffs keygen --out "$K" --name "$n" | head -1
done

echo "== 2. key ceremony: root version 1 (root 2 of 2, targets 2 of 2), signed by both root keys"
"$BIN" tariffs root --repo "$REPO" --root-key "$K/root1.pub" --root-key "$K/root2.pub" \
  --targets-key "$K/targets1.pub" --targets-key "$K/targets2.pub" \
  --snapshot-key "$K/snapshot.pub" --timestamp-key "$K/timestamp.pub" \
  --key "$K/root1.key" --key "$K/root2.key" | sed 's/^/   /'
cp "$REPO/metadata/1.root.json" "$WORK/anchor.json" # the app ships this (tariffs/trust/)

ONLINE=(--key "$K/targets1.key" --key "$K/targets2.key" --key "$K/snapshot.key" --key "$K/timestamp.key")
echo "== 3. publish tariffs/paijat-hame (validate, build, run its cases, sign) and verify it as a device would"
"$BIN" tariffs publish tariffs/paijat-hame --repo "$REPO" "${ONLINE[@]}" | sed 's/^/   /'
"$BIN" tariffs verify "$REPO" --root "$WORK/anchor.json" | sed 's/^/   /'
(cd "$REPO" && find . -type f | sort | sed 's/^/   /')

echo "== 4. serve it on 127.0.0.1"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT/paijat-hame/stable/"
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('${URL}metadata/timestamp.json', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.1
done

update() {
  set +e
  "$BIN" update --from "$URL" --state-dir "$WORK/state" --organisation paijat-hame --root "$WORK/anchor.json" \
    --retries 0 --timeout 10 >"$WORK/out.json"
  local rc=$?
  set -e
  python3 - "$WORK/out.json" "$rc" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r.get("active") or {}
print(f"   status: {r['status']['code']} — {r['message']} (exit {sys.argv[2]})")
print(f"   active: no. {a.get('serial')} ({a.get('source')}), tariff {a.get('tariff_version')}, "
      f"published {a.get('created_at', '')[:10]} ({a.get('age_days')} days ago), expires {a.get('expires_at', '')[:10]}, "
      f"newer known: {(a.get('newer_known') or {}).get('serial')}")
PY
}

echo "== 5. kustannusarvio update (first time: installs)"
update
echo "== 6. again (nothing new: up to date)"
update

echo "== 7. rotation: targets2 leaves, targets3 joins (root version 2, signed offline by the root keys)"
"$BIN" tariffs keygen --out "$K" --name targets3 | head -1 | sed 's/^/   targets3 /'
"$BIN" tariffs root --repo "$REPO" --targets-key "$K/targets1.pub" --targets-key "$K/targets3.pub" \
  --key "$K/root1.key" --key "$K/root2.key" | head -1 | sed 's/^/   /'
echo "   the retired key can no longer publish:"
"$BIN" tariffs publish tariffs/paijat-hame --repo "$REPO" "${ONLINE[@]}" 2>&1 | grep -o '"message": "[^"]*"' | sed 's/^/   /' || true
mkdir -p "$WORK/src"
cp -r tariffs/national tariffs/paijat-hame "$WORK/src/"
sed -i 's/by_persons = \["699", "1290"/by_persons = ["699", "1291"/' "$WORK/src/national/home_care.toml"
"$BIN" tariffs publish "$WORK/src/paijat-hame" --repo "$REPO" --key "$K/targets1.key" --key "$K/targets3.key" \
  --key "$K/snapshot.key" --key "$K/timestamp.key" | head -2 | sed 's/^/   /'
update

echo "== 8. revocation: the timestamp key was stolen (root version 3 with a new one); its replay is refused"
cp "$REPO/metadata/timestamp.json" "$WORK/stolen-timestamp.json"
"$BIN" tariffs keygen --out "$K" --name timestamp2 | head -1 | sed 's/^/   timestamp2 /'
"$BIN" tariffs root --repo "$REPO" --timestamp-key "$K/timestamp2.pub" --key "$K/root1.key" --key "$K/root2.key" | head -1 | sed 's/^/   /'
"$BIN" tariffs refresh --repo "$REPO" --key "$K/timestamp2.key" | sed 's/^/   /'
update
cp "$WORK/stolen-timestamp.json" "$REPO/metadata/timestamp.json"
update
"$BIN" tariffs refresh --repo "$REPO" --key "$K/timestamp2.key" >/dev/null

echo "== 9. a tampered tariff (published, then changed on the server): refused, the last good tariff stays"
sed -i 's/by_persons = \["699", "1291"/by_persons = ["699", "1292"/' "$WORK/src/national/home_care.toml"
"$BIN" tariffs publish "$WORK/src/paijat-hame" --repo "$REPO" --key "$K/targets1.key" --key "$K/targets3.key" \
  --key "$K/snapshot.key" --key "$K/timestamp2.key" >/dev/null
NEWEST="$(ls -t "$REPO/targets/"*.tariff.json | head -1)"
sed -i 's/1292/9292/' "$NEWEST"
update

echo "== 10. the tariff in use still computes (home care 8 h, income 1200 € in March 2026: (1200 − 699) × 16 %)"
SLOT="$(ls -d "$WORK/state/slots/"* | sort | tail -1)"
mkdir -p "$WORK/active"
python3 - "$SLOT"/targets/*.tariff.json "$WORK/active" <<'PY'
import json, sys, os
b = json.load(open(sys.argv[1]))
for layer in b.get("base_layers", []):
    os.makedirs(os.path.join(sys.argv[2], layer["name"]), exist_ok=True)
    for f in layer["files"]:
        open(os.path.join(sys.argv[2], layer["name"], f["name"]), "w").write(f["text"])
os.makedirs(os.path.join(sys.argv[2], b["organisation"]), exist_ok=True)
for f in b["files"]:
    open(os.path.join(sys.argv[2], b["organisation"], f["name"]), "w").write(f["text"])
PY
echo '{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1200"}},
 "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}' \
  | "$BIN" calc --tariffs "$WORK/active/paijat-hame" \
  | python3 -c 'import json,sys; e=json.load(sys.stdin); print("   client fee/month:", e["total"]["client_fees_monthly"], "€")'
echo "== done"
