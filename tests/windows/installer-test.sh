#!/usr/bin/env bash
# The Windows installer under Wine: a silent per-user install (/S, no administrator rights)
# puts the app, the CLI and the uninstaller under %LOCALAPPDATA%\Programs\Kustannusarvio, a
# Start-menu entry and an uninstall entry in HKCU; a silent uninstall removes them again.
# NSIS installers are 32-bit: needs wine32 (dpkg --add-architecture i386 && apt-get install
# wine32:i386). Usage: tests/windows/installer-test.sh dist/windows/Kustannusarvio-X-setup.exe
set -euo pipefail
SETUP="$1"
export WINEDEBUG=-all
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix"
fail() { echo "installer-test: FAILED: $*" >&2; exit 1; }
wineboot -i >/dev/null 2>&1 || true
user="$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -1)"
DIR="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/Kustannusarvio"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Kustannusarvio'
wine "$SETUP" /S || fail "the silent install exited $?"
for f in kustannusarvio-app.exe WebView2Loader.dll kustannusarvio.exe uninstall.exe; do
  [ -f "$DIR/$f" ] || fail "$f was not installed"
done
find "$WINEPREFIX/drive_c/users/$user" -name 'Kustannusarvio.lnk' | grep -q . || fail "no Start-menu entry"
wine reg query "$KEY" | grep -q 'QuietUninstallString' || fail "no uninstall entry"
echo "   installed per user: $(ls "$DIR" | tr '\n' ' ')"
wine "$DIR/uninstall.exe" /S || fail "the silent uninstall exited $?"
for _ in $(seq 1 50); do [ -e "$DIR/kustannusarvio-app.exe" ] || break; sleep 0.2; done
[ ! -e "$DIR/kustannusarvio-app.exe" ] || fail "the uninstaller left the app"
if wine reg query "$KEY" >/dev/null 2>&1; then fail "the uninstall entry is still there"; fi
echo "installer-test: ok"
