"""One memory across tools: the 文种 chosen and the findings ignored in an editor are what
``wenfeng check`` uses for the same file (both read the state file the server writes)."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI

pytestmark = pytest.mark.slow  # starts a real language server

TEXT = QINGSHI.replace("我们认真落实", "尊敬的各位同志，我们认真落实")


def h201_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if " H201 " in line]


async def test_editor_choices_reach_the_command_line(start, run_cli):
    s = await start()
    uri = s.open("draft.txt", TEXT)
    first, second = [d for d in await s.diagnostics(uri, 1) if d.code == "H201"]
    assert await s.command("wenfeng.server.ignore", uri, first.data) == {"ignored": 1}
    await s.command("wenfeng.server.setDoctype", uri, "函")
    path = str(s.folder / "draft.txt")

    code, out, err = run_cli("check", path, "-v")
    [left] = h201_lines(out)
    assert left.startswith(f"{path}:{second.range.start.line + 1}:{second.range.start.character + 1}:")
    assert out.splitlines()[0].startswith(f"{path}: 函")
    assert "沿用编辑器中的选择：文种“函”，忽略的问题 1 处" in err and "--no-editor-state" in err

    code, out, err = run_cli("check", path, "-v", "--no-editor-state")
    assert len(h201_lines(out)) == 2 and out.splitlines()[0].startswith(f"{path}: 请示")
    assert "沿用编辑器" not in err

    code, out, err = run_cli("check", path, "--type", "请示", "-v")  # --type still wins
    assert len(h201_lines(out)) == 1 and out.splitlines()[0].startswith(f"{path}: 请示")
    assert "忽略的问题 1 处" in err and "文种“函”" not in err
