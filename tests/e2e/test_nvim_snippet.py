"""The Neovim 0.7 snippet of docs/editors.md, run as written in headless Neovim.

Without `wenfeng` on PATH it must warn once and raise no Lua error; with it, diagnostics arrive
and `K` on the title line opens the server's hover (0.7 does not map `K` to LSP hover itself).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "editors.md"
DRAFT = "关于申请专项经费的请示\n市政府：\n尊敬的各位领导，我们认真落实。\n妥否，请批示。\n"

#: Loaded before the snippet: records notifications; after it: waits, presses K, writes JSON.
PROBE_BEFORE = """
local out = os.getenv("SNIPPET_OUT")
local seen = { notes = {} }
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(seen.notes, msg)
  return notify(msg, level, opts)
end
"""
PROBE_AFTER = """
local function finish()
  seen.errmsg = vim.v.errmsg
  local f = assert(io.open(out, "w"))
  f:write(vim.fn.json_encode(seen))
  f:close()
  vim.cmd("qa!")
end
vim.api.nvim_create_autocmd("VimEnter", { callback = function() vim.schedule(function()
  local ok, err = pcall(function()
    local buf = vim.api.nvim_get_current_buf()
    if vim.fn.executable("wenfeng") == 1 then
      seen.diagnostics = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
      vim.api.nvim_win_set_cursor(0, { 1, 3 })
      vim.api.nvim_feedkeys("K", "x", false)  -- as typed, so the buffer mapping applies
      seen.hover = vim.wait(15000, function()
        for _, w in ipairs(vim.api.nvim_list_wins()) do
          if vim.api.nvim_win_get_config(w).relative ~= "" then
            local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false)
            seen.float = table.concat(lines, "\\n")
            return true
          end
        end
        return false
      end, 20)
    end
    vim.cmd("edit second.md")  -- a second checked file: still one warning at most
  end)
  if not ok then seen.error = tostring(err) end
  finish()
end) end })
"""


def snippet() -> str:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Neovim 0.7"):]
    return re.search(r"```lua\n(.*?)```", section, re.S).group(1)


def run_nvim(tmp_path: Path, path_env: str) -> tuple[dict, str]:
    (tmp_path / "init.lua").write_text(PROBE_BEFORE + snippet() + PROBE_AFTER, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "second.md").write_text("# 通知\n", encoding="utf-8")
    xdg = {f"XDG_{k}_HOME": str(tmp_path / "xdg" / k.lower())
           for k in ("CONFIG", "DATA", "STATE", "CACHE")}
    env = {**os.environ, **xdg, "PATH": path_env, "SNIPPET_OUT": str(tmp_path / "out.json"),
           "WENFENG_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run([shutil.which("nvim"), "--headless", "-n", "-i", "NONE", "-u",
                           "init.lua", "draft.txt"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    return json.loads((tmp_path / "out.json").read_text(encoding="utf-8")), done.stdout + done.stderr


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim is not installed")
def test_without_wenfeng_on_path_a_warning_not_a_traceback(tmp_path):
    nvim_dir = str(Path(shutil.which("nvim")).parent)
    seen, output = run_nvim(tmp_path, f"{nvim_dir}:/usr/bin:/bin")
    assert "error" not in seen and seen["errmsg"] == "", seen
    assert "traceback" not in output and "Error" not in output, output
    assert len(seen["notes"]) == 1 and "找不到命令 wenfeng" in seen["notes"][0]


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim is not installed")
def test_with_wenfeng_on_path_k_shows_the_hover(tmp_path):
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "wenfeng").exists(), "the test venv has the wenfeng command"
    seen, output = run_nvim(tmp_path, f"{bin_dir}:{os.environ['PATH']}")
    assert "error" not in seen, seen
    assert seen["diagnostics"] is True and seen["hover"] is True, (seen, output)
    assert "请示" in seen["float"] and "1,500" in seen["float"], seen["float"]
