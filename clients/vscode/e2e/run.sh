#!/usr/bin/env bash
# End-to-end test of the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven
# through Debian's chromium with playwright-core.  Run e2e/setup.sh once first.
#
# Builds the .vsix (with the server bundled: scripts/bundle_python.py), then, in a fresh profile,
# installs it into code-server whose only Python is a bare venv (no pip packages, no wenfeng;
# `wenfeng.interpreter` points at it), opens a 请示 draft
# and checks squiggles, Problems columns, the status items, the palette, the 文种 picker, the
# Ctrl+. menu, a quick fix, the extension page's screenshot and the LSP trace.
# Last line: "N passed, M failed".
#
# --offline (or WENFENG_E2E_OFFLINE=1): code-server, the extension host, the server and chromium
# run in a new network namespace (`unshare -n`, loopback only); the run first proves that PyPI,
# npm and Debian cannot be reached from there.
# Output (logs, screenshots) goes to $WENFENG_E2E_OUT (default <repo>/.e2e/vscode, git-ignored).
# WENFENG_E2E_REUSE_VSIX=1 skips the build when the .vsix exists (repeated runs).
# WENFENG_E2E_UPDATE_SCREENSHOT=1 copies the editor screenshot to media/screenshot.png.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
EXT=$(cd "$HERE/.." && pwd)
REPO=$(cd "$EXT/../.." && pwd)
CACHE=${WENFENG_E2E_CACHE:-$HOME/.cache/wenfeng-e2e}
BASE_PY=${WENFENG_E2E_BASE_PYTHON:-python3}   # only builds the bundle and the bare venv
OUT=${WENFENG_E2E_OUT:-$REPO/.e2e/vscode}
CS="$CACHE/cs/node_modules/.bin/code-server"
t0=$(date +%s)
mkdir -p "$(dirname "$OUT")"

fail() { echo "e2e：$*" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -x "$CS" ] && [ -d "$CACHE/driver/node_modules/playwright-core" ] || fail "缺少 code-server 或 playwright-core，请先运行 bash clients/vscode/e2e/setup.sh"
OFFLINE=${WENFENG_E2E_OFFLINE:-0}
[ "${1:-}" = "--offline" ] && OFFLINE=1

# 1. Build the .vsix (npm ci only when the lock file changed since the last install); packaging
#    runs scripts/bundle_python.py, which needs PyPI or a warm pip cache (this step is online).
cd "$EXT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund > /dev/null
fi
VERSION=$(node -p 'require("./package.json").version')
VSIX="$EXT/wenfeng-$VERSION.vsix"
if [ "${WENFENG_E2E_REUSE_VSIX:-0}" = "1" ] && [ -f "$VSIX" ]; then
  echo "reusing $(basename "$VSIX") (WENFENG_E2E_REUSE_VSIX=1)"
else
  PATH="$(dirname "$(command -v "$BASE_PY")"):$PATH" npm run --silent package > "$OUT.package.log" 2>&1 \
    || { cat "$OUT.package.log"; fail "vsce package 失败"; }
fi
echo "built $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB) in $(( $(date +%s) - t0 ))s"

# 2. Fresh profile, extensions dir and workspace for every run, and a Python with nothing installed.
rm -rf "$OUT" && mkdir -p "$OUT/data/User" "$OUT/exts" "$OUT/ws"
"$BASE_PY" -m venv --without-pip "$OUT/python"
"$OUT/python/bin/python3" -c "import wenfeng" 2> /dev/null && fail "the bare venv must not see wenfeng"
cp "$HERE/fixtures/qingshi.txt" "$OUT/ws/请示稿.txt"
cat > "$OUT/data/User/settings.json" <<JSON
{
  "wenfeng.interpreter": "$OUT/python/bin/python3",
  "wenfeng.trace.server": "${WENFENG_E2E_TRACE:-messages}",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "editor.fontFamily": "'Noto Sans Mono CJK SC', 'HanaMinB', monospace",
  "editor.wordWrap": "on"
}
JSON
# code-server otherwise writes ~/.config/code-server and ~/.local/share/code-server
# and the server keeps per-document choices (文种, ignores) under $XDG_STATE_HOME/wenfeng
export XDG_CONFIG_HOME="$OUT/xdg/config" XDG_DATA_HOME="$OUT/xdg/data" XDG_CACHE_HOME="$OUT/xdg/cache" \
  XDG_STATE_HOME="$OUT/xdg/state"
export PYTHONNOUSERSITE=1
export HERE OUT CS VSIX CACHE
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
export PORT

# 3. Install the .vsix, start code-server (own process group: extension host, python server and
#    file watchers die with it) and drive it — in a network namespace with --offline.
drive() {
  set -euo pipefail
  if [ "${WENFENG_E2E_NETNS:-0}" = "1" ]; then
    ip link set lo up
    for url in https://pypi.org/simple/jieba/ https://files.pythonhosted.org/ https://registry.npmjs.org/code-server \
               http://deb.debian.org/debian/ http://151.101.0.223/; do
      if curl -sS -m 5 -o /dev/null "$url" 2> /dev/null; then echo "e2e：离线步骤仍能访问 $url" >&2; return 1; fi
    done
    echo "network: blocked (PyPI, npm, Debian and a bare IP are unreachable; loopback only)"
  fi
  "$CS" --user-data-dir "$OUT/data" --extensions-dir "$OUT/exts" --install-extension "$VSIX" > "$OUT/install.log" 2>&1 \
    || { cat "$OUT/install.log"; echo "e2e：安装 vsix 失败" >&2; return 1; }
  setsid "$CS" --config "$OUT/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust ${WENFENG_E2E_CS_ARGS:-} \
    --user-data-dir "$OUT/data" --extensions-dir "$OUT/exts" "$OUT/ws" > "$OUT/code-server.log" 2>&1 &
  CS_PID=$!
  trap 'kill -TERM -- "-$CS_PID" 2> /dev/null || true; wait "$CS_PID" 2> /dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.5; done
  CS_URL="http://127.0.0.1:$PORT" WS_DIR="$OUT/ws" FILE="请示稿.txt" OUT="$OUT" \
    NODE_PATH="$CACHE/driver/node_modules" timeout 300 node "$HERE/driver.js"
}
export -f drive

set +e
if [ "$OFFLINE" = "1" ]; then
  WENFENG_E2E_NETNS=1 unshare -n bash -c drive 2>&1 | tee "$OUT/driver.log"
else
  bash -c drive 2>&1 | tee "$OUT/driver.log"
fi
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -eq 0 ] && [ "${WENFENG_E2E_UPDATE_SCREENSHOT:-0}" = "1" ]; then
  cp "$OUT/screenshot.png" "$EXT/media/screenshot.png"
fi
echo "e2e took $(( $(date +%s) - t0 ))s (out: $OUT)" >&2
if [ "$rc" -ne 0 ]; then
  echo "--- extension log (文风 output channel), last lines:" >&2
  find "$OUT/data/logs" -name '文风.log' -exec tail -n 25 {} \; >&2 2> /dev/null || true
fi
if [ "$rc" -ne 0 ] && ! tail -1 "$OUT/driver.log" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'; then
  echo "0 passed, 1 failed"
fi
exit "$rc"
