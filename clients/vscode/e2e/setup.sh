#!/usr/bin/env bash
# Idempotent installer for the VS Code end-to-end test (Debian 12, Node 20).
#
# apt: chromium + CJK fonts (fonts-hanazono renders CJK Ext-B such as 𠀀), ripgrep and the headers
# code-server's native modules need.  npm: code-server 4.100.3 (newest release for Node 20) and
# playwright-core, installed into a cache directory OUTSIDE the clone and reused when present.
set -euo pipefail
CACHE=${WENFENG_E2E_CACHE:-$HOME/.cache/wenfeng-e2e}
CS_VERSION=4.100.3       # engines.node 20; 4.103+ needs Node 22
RG_NPM_VERSION=1.15.11   # @vscode/ripgrep pinned by code-server 4.100.3
PW_VERSION=1.65.1
mkdir -p "$CACHE"
export DEBIAN_FRONTEND=noninteractive
# code-server writes config/logs under XDG dirs (default: $HOME); keep them in the cache.
export XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" XDG_CACHE_HOME="$CACHE/xdg/cache"
t0=$(date +%s)

# 1. Debian packages (only when something is missing).
APT_PKGS=(chromium fonts-noto-cjk fonts-hanazono ripgrep build-essential pkg-config curl
          libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" > "$CACHE/apt.log" 2>&1 || { tail -30 "$CACHE/apt.log"; exit 1; }
fi

# 2. code-server from npm, with the workarounds this offline-ish machine needs:
#    - @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg;
#    - node-pty's postinstall runs `npx node-gyp` and npm may be configured with yes=false;
#    - as root, the postinstall insists on --unsafe-perm.
CS_BIN="$CACHE/cs/node_modules/.bin/code-server"
if [ ! -x "$CS_BIN" ] || [ "$("$CS_BIN" --version 2>/dev/null | head -1 | cut -d' ' -f1)" != "$CS_VERSION" ]; then
  echo "npm: installing code-server@$CS_VERSION into $CACHE/cs (about a minute)"
  mkdir -p "$CACHE/tmp/vscode-ripgrep-cache-$RG_NPM_VERSION" "$CACHE/tmp/rgpack" "$CACHE/cs"
  cp "$(command -v rg)" "$CACHE/tmp/rgpack/rg"
  tar czf "$CACHE/tmp/vscode-ripgrep-cache-$RG_NPM_VERSION/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" \
      -C "$CACHE/tmp/rgpack" rg
  [ -f "$CACHE/cs/package.json" ] || echo '{"name":"wenfeng-e2e-cs","private":true}' > "$CACHE/cs/package.json"
  (cd "$CACHE/cs" && env TMPDIR="$CACHE/tmp" npm_config_yes=true \
      npm install --unsafe-perm --foreground-scripts --no-audit --no-fund "code-server@$CS_VERSION" \
      > "$CACHE/code-server-install.log" 2>&1) || { tail -40 "$CACHE/code-server-install.log"; exit 1; }
fi
"$CS_BIN" --version | head -1

# 3. Browser driver: playwright-core only (never downloads a browser; we use /usr/bin/chromium).
if [ ! -f "$CACHE/driver/node_modules/playwright-core/package.json" ] || \
   ! grep -q "\"version\": \"$PW_VERSION\"" "$CACHE/driver/node_modules/playwright-core/package.json"; then
  mkdir -p "$CACHE/driver"
  [ -f "$CACHE/driver/package.json" ] || echo '{"name":"wenfeng-e2e-driver","private":true}' > "$CACHE/driver/package.json"
  (cd "$CACHE/driver" && npm install --no-audit --no-fund "playwright-core@$PW_VERSION" > "$CACHE/driver-install.log" 2>&1) \
      || { tail -20 "$CACHE/driver-install.log"; exit 1; }
fi
echo "e2e setup ready in $CACHE ($(( $(date +%s) - t0 ))s)"
