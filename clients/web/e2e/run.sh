#!/usr/bin/env bash
# End-to-end run of `wenfeng web` in Debian's Chromium driven by playwright-core (no browser
# download).  Installs what it needs (apt chromium + CJK fonts when missing; npm ci; the page
# build), starts the server on a free loopback port in its own process group, runs
# web_e2e.mjs, stops the server.  Ends with "N passed, N failed"; exit status non-zero on failure.
#   WENFENG_PYTHON=.venv/bin/python bash clients/web/e2e/run.sh [--screenshot docs/img/web.png]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
py="${WENFENG_PYTHON:-$root/.venv/bin/python}"
shot=""
if [ "${1:-}" = "--screenshot" ]; then shot="$(realpath -m "${2:?path}")"; fi

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
(cd "$here/.." && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

out="$(mktemp -d "${TMPDIR:-/tmp}/wenfeng-web-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM -- "-$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT

port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$py" - "$out/draft.docx" <<'PY'
import sys, docx
d = docx.Document()
for line in ["关于申请购置办公设备经费的请示", "市财政局：", "尊敬的领导，为保障工作正常开展，拟购置办公设备一批，所需经费五万元。我局高度重视。",
             "妥否，请批示。", "某某局", "2026年12月1日"]:
    d.add_paragraph(line)
d.save(sys.argv[1])
PY
export WENFENG_STATE_DIR="$out/state"  # the web server must not touch it; checked below
setsid "$py" -m wenfeng web --port "$port" >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  if "$py" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null; then break; fi
  sleep 0.1
done

status=0
(cd "$here/.." && node e2e/web_e2e.mjs "http://127.0.0.1:$port/" "$out" "$out/draft.docx" "$py" $shot) || status=$?
if [ -e "$out/state" ]; then
  echo "FAIL the web server wrote the editors' state folder"; echo "0 passed, 1 failed"; status=1
fi
if [ $status -ne 0 ]; then echo "--- server log"; tail -20 "$out/server.log"; fi
exit $status
