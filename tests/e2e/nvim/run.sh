#!/usr/bin/env bash
# Headless Neovim (Debian's 0.7.2 is enough) against the real wenfeng language server.
# Checks a diagnostic's column after 𠀀 and applies a quick fix obtained through Neovim's own
# code-action path (which echoes byte columns back to the server).
# Needs: nvim on PATH; WENFENG_PYTHON (default: the repo's .venv/bin/python) with wenfeng installed.
# Prints one line per check and "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
export WENFENG_PYTHON=${WENFENG_PYTHON:-$ROOT/.venv/bin/python}
command -v nvim >/dev/null || { echo "nvim not found"; echo "0 passed, 1 failed"; exit 1; }
[ -x "$WENFENG_PYTHON" ] || { echo "no python at $WENFENG_PYTHON"; echo "0 passed, 1 failed"; exit 1; }

RUN=$(mktemp -d "${TMPDIR:-/tmp}/wenfeng-nvim-XXXXXX")
trap 'rm -rf "$RUN"' EXIT
cp "$HERE/sample.txt" "$RUN/"
# keep Neovim's and the server's files out of $HOME
export XDG_CACHE_HOME="$RUN/xdg/cache" XDG_DATA_HOME="$RUN/xdg/data" \
       XDG_STATE_HOME="$RUN/xdg/state" XDG_CONFIG_HOME="$RUN/xdg/config" \
       WENFENG_STATE_DIR="$RUN/state" WENFENG_NVIM_OUT="$RUN/result.json"
cd "$RUN"
status=0
timeout 120 nvim --headless -n -i NONE -u "$HERE/client.lua" sample.txt || status=$?
[ -s "$RUN/result.json" ] || { echo "nvim exited ($status) without a result"; echo "0 passed, 1 failed"; exit 1; }

"$WENFENG_PYTHON" - "$RUN/result.json" "$RUN/sample.txt" <<'PY'
import json, sys

r = json.load(open(sys.argv[1], encoding="utf-8"))
line = "𠀀𠀀 尊敬的各位领导，我们认真落实年度目标任务。"
byte_col = len(line[:line.index("尊敬的")].encode("utf-8"))            # 9
utf16_col = len(line[:line.index("尊敬的")].encode("utf-16-le")) // 2   # 5
h = r.get("h201") or {}
sent = [d for req in r.get("requests", []) for d in req.get("context", {}).get("diagnostics", [])
        if d.get("code") == "H201"]
if "error" in r:
    print("Lua error:", r["error"])
checks = {
    "no error in the Lua client": "error" not in r,
    "diagnostics arrived (filetype text, utf-16)": r.get("diagnostics_arrived") is True
        and r.get("filetype") == "text" and r.get("offset_encoding") == "utf-16",
    f"H201 after 𠀀𠀀 at byte column {byte_col} = UTF-16 column {utf16_col}":
        (h.get("line"), h.get("col_byte"), h.get("col_utf16"), h.get("text")) == (2, byte_col, utf16_col, "尊敬的"),
    "Neovim echoed the diagnostic with byte columns":
        bool(sent) and sent[0]["range"]["start"]["character"] == byte_col,
    "quick fix chosen from Neovim's code-action menu": r.get("chosen", [None])[0] == "删除“尊敬的”（减少 3 字）",
    "quick fix applied at the right place": r.get("fixed") is True and r.get("line_after_fix") == line.replace("尊敬的", ""),
    "re-checked: the finding is gone": r.get("rediagnosed") is True,
    "文种 chosen through the same menu": r.get("doctype_set") is True,
    "the file on disk is untouched": open(sys.argv[2], encoding="utf-8").read().splitlines()[2] == line,
}
for name, ok in checks.items():
    print(("PASS " if ok else "FAIL ") + name)
bad = sum(not ok for ok in checks.values())
print(f"{len(checks) - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
