#!/usr/bin/env bash
# End-to-end test of the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven
# through Debian's chromium with playwright-core.  Run e2e/setup.sh once first.
#
# Builds and installs the .vsix into a fresh profile, points wenfeng.interpreter at $WENFENG_PYTHON
# (default: the repo's .venv/bin/python), opens a 请示 draft and checks squiggles, Problems
# columns, the status item, the 文种 picker and a quick fix.  Last line: "N passed, M failed".
# Output (logs, screenshots) goes to $WENFENG_E2E_OUT (default <repo>/.e2e/vscode, git-ignored).
# WENFENG_E2E_UPDATE_SCREENSHOT=1 copies the editor screenshot to media/screenshot.png;
# WENFENG_E2E_CS_ARGS="--log trace" also puts the LSP message trace into the extension log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
EXT=$(cd "$HERE/.." && pwd)
REPO=$(cd "$EXT/../.." && pwd)
CACHE=${WENFENG_E2E_CACHE:-$HOME/.cache/wenfeng-e2e}
PY=${WENFENG_PYTHON:-$REPO/.venv/bin/python}
OUT=${WENFENG_E2E_OUT:-$REPO/.e2e/vscode}
CS="$CACHE/cs/node_modules/.bin/code-server"
t0=$(date +%s)
mkdir -p "$(dirname "$OUT")"

fail() { echo "e2e：$*" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -x "$CS" ] && [ -d "$CACHE/driver/node_modules/playwright-core" ] || fail "缺少 code-server 或 playwright-core，请先运行 bash clients/vscode/e2e/setup.sh"
command -v "$PY" > /dev/null || [ -x "$PY" ] || fail "找不到 Python 解释器 $PY（用 WENFENG_PYTHON 指定）"
PY=$(command -v "$PY" || echo "$PY")
"$PY" -c "import wenfeng" 2> /dev/null || fail "$PY 中无法 import wenfeng（先在仓库根目录运行 $PY -m pip install -e .）"

# 1. Build the .vsix (npm ci only when the lock file changed since the last install).
cd "$EXT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund > /dev/null
fi
npm run --silent build > /dev/null 2>&1
npm run --silent package > "$OUT.package.log" 2>&1 || { mkdir -p "$(dirname "$OUT")"; cat "$OUT.package.log"; fail "vsce package 失败"; }
VERSION=$(node -p 'require("./package.json").version')
VSIX="$EXT/wenfeng-$VERSION.vsix"
echo "built $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB) in $(( $(date +%s) - t0 ))s"

# 2. Fresh profile, extensions dir and workspace for every run.
rm -rf "$OUT" && mkdir -p "$OUT/data/User" "$OUT/exts" "$OUT/ws"
cp "$HERE/fixtures/qingshi.txt" "$OUT/ws/请示稿.txt"
cat > "$OUT/data/User/settings.json" <<JSON
{
  "wenfeng.interpreter": "$PY",
  "wenfeng.trace.server": "messages",
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
"$CS" --user-data-dir "$OUT/data" --extensions-dir "$OUT/exts" --install-extension "$VSIX" > "$OUT/install.log" 2>&1 \
  || { cat "$OUT/install.log"; fail "安装 vsix 失败"; }

# 3. code-server in its own process group (extension host, python server and file watchers die with it).
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
setsid "$CS" --config "$OUT/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust ${WENFENG_E2E_CS_ARGS:-} \
  --user-data-dir "$OUT/data" --extensions-dir "$OUT/exts" "$OUT/ws" > "$OUT/code-server.log" 2>&1 &
CS_PID=$!
cleanup() { kill -TERM -- "-$CS_PID" 2> /dev/null || true; wait "$CS_PID" 2> /dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.5; done

# 4. Drive it.
set +e
CS_URL="http://127.0.0.1:$PORT" WS_DIR="$OUT/ws" FILE="请示稿.txt" OUT="$OUT" \
  NODE_PATH="$CACHE/driver/node_modules" timeout 300 node "$HERE/driver.js" 2>&1 | tee "$OUT/driver.log"
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
