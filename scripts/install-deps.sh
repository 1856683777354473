#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine (run as root): the WebKitGTK
# toolchain for Tauri, Chromium for UI tests, Xvfb + WebKitWebDriver for real-window e2e,
# tauri-driver, mingw-w64 + Wine + NSIS for the Windows build and its tests, and the npm
# packages of the UI. Safe to run again.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PKGS="libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev \
libayatana-appindicator3-dev libxdo-dev build-essential pkg-config libssl-dev file xvfb xauth \
webkit2gtk-driver chromium imagemagick mingw-w64 wine wine64 nsis"
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
fi
# The toolchain's lint, format and wasm32 parts (scripts/test.sh checks the engine builds for
# wasm32-unknown-unknown as a standing check of its purity).
rustup component add clippy rustfmt >/dev/null 2>&1 || true
rustup target add wasm32-unknown-unknown x86_64-pc-windows-gnu aarch64-linux-android >/dev/null
if [ -d src-tauri ]; then
  command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked --quiet
fi
if [ -f ui/package-lock.json ]; then
  (cd ui && npm ci --no-audit --no-fund --silent)
fi
