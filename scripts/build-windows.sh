#!/usr/bin/env bash
# Builds the Windows artifacts on Linux (x86_64-pc-windows-gnu with Debian's mingw-w64) and
# tests the Windows CLI under Wine:
#   dist/windows/Kustannusarvio-<version>-setup.exe     per-user installer (makensis, windows/installer.nsi)
#   dist/windows/Kustannusarvio-<version>-portable.zip  the same files to unpack anywhere
#   dist/windows/kustannusarvio.exe                     the command-line tool
# Needs (scripts/install-deps.sh installs them): mingw-w64, nsis, wine, python3, the UI's npm
# packages, and the rustup target x86_64-pc-windows-gnu.
#   CLI_ONLY=1 scripts/build-windows.sh   only the CLI and its Wine tests (what CI runs)
#   NO_WINE_TESTS=1                       skip the Wine tests
#   LINUX_BIN=path                        the Linux CLI the Windows one is compared with
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
TARGET=x86_64-pc-windows-gnu
TDIR="${CARGO_TARGET_DIR:-target}"
OUT=dist/windows
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
start=$(date +%s)
log() { echo "== $* ($(( $(date +%s) - start ))s)"; }

rustup target add "$TARGET" >/dev/null
mkdir -p "$OUT"

log "the CLI for Windows (release)"
cargo build -q --locked --release --target "$TARGET" -p kustannusarvio-cli
x86_64-w64-mingw32-strip -o "$OUT/kustannusarvio.exe" "$TDIR/$TARGET/release/kustannusarvio.exe"

if [ "${NO_WINE_TESTS:-0}" != 1 ]; then
  # the Linux build to compare with: LINUX_BIN (CI passes the debug binary `cargo test` built),
  # else a release build
  lin="${LINUX_BIN:-}"
  if [ -z "$lin" ]; then
    log "the Linux CLI to compare with"
    cargo build -q --locked --release -p kustannusarvio-cli
    lin="$TDIR/release/kustannusarvio"
  fi
  log "Windows CLI under Wine: cases, calc, compare, tariffs, signed update (tests/windows/wine-tests.sh)"
  tests/windows/wine-tests.sh "$lin" "$OUT/kustannusarvio.exe"
fi

if [ "${CLI_ONLY:-0}" = 1 ]; then
  log "done (CLI only): $OUT/kustannusarvio.exe $(du -h "$OUT/kustannusarvio.exe" | cut -f1)"
  exit 0
fi

log "the UI"
(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build)
log "the app for Windows (release, tariffs compiled in)"
cargo build -q --locked --release --target "$TARGET" -p kustannusarvio-app --features custom-protocol
STAGE="$OUT/Kustannusarvio"
rm -rf "$STAGE" && mkdir -p "$STAGE"
x86_64-w64-mingw32-strip -o "$STAGE/kustannusarvio-app.exe" "$TDIR/$TARGET/release/kustannusarvio-app.exe"
# WebView2Loader.dll, when the build links the loader dynamically (webview2-com-sys)
loader="$(find "$TDIR/$TARGET/release" -name WebView2Loader.dll -path '*x64*' 2>/dev/null | head -1)"
[ -z "$loader" ] && loader="$(find "$TDIR/$TARGET/release" -name WebView2Loader.dll 2>/dev/null | head -1)"
if [ -n "$loader" ]; then cp "$loader" "$STAGE/"; fi
cp "$OUT/kustannusarvio.exe" icons/icon.ico "$STAGE/"
cat >"$STAGE/LUEMINUT.txt" <<TXT
Kustannusarvio $VERSION for Windows (x86_64)

kustannusarvio-app.exe   the app (needs the Microsoft Edge WebView2 Runtime: preinstalled on
                         Windows 11 and current Windows 10; otherwise the Evergreen Bootstrapper
                         https://go.microsoft.com/fwlink/p/?LinkId=2124703)
kustannusarvio.exe       the command-line tool (kustannusarvio --help)

Settings and installed tariff bundles are kept per user under %APPDATA%\\fi.kustannusarvio.app.
No client data is ever stored.
TXT
sed -i 's/$/\r/' "$STAGE/LUEMINUT.txt" # a text for Notepad (CRLF); no data file is written so

log "the installer (makensis)"
makensis -V2 -DVERSION="$VERSION" -DSRC="$PWD/$STAGE" -DOUT="$PWD/$OUT/Kustannusarvio-$VERSION-setup.exe" windows/installer.nsi
log "the portable zip"
rm -f "$OUT/Kustannusarvio-$VERSION-portable.zip"
(cd "$OUT" && python3 -m zipfile -c "Kustannusarvio-$VERSION-portable.zip" Kustannusarvio)
if [ "${NO_WINE_TESTS:-0}" != 1 ] && [ -d /usr/lib/i386-linux-gnu/wine ]; then
  log "the installer under Wine: silent per-user install and uninstall"
  tests/windows/installer-test.sh "$OUT/Kustannusarvio-$VERSION-setup.exe"
else
  echo "   (installer not tested: needs wine32, see tests/windows/installer-test.sh)"
fi
log "done"
ls -l "$OUT" "$STAGE"
