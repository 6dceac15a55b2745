"""An inline ``wenfeng-disable`` comment in a .md draft hides the finding in the editor as it does
on the command line, and deleting the comment brings it back at once."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # starts a real language server

DRAFT = ("# 关于申请专项经费的请示\n\n市政府：\n\n"
         "<!-- wenfeng-disable-next-line H201 -->\n为加强管理，尊敬的各位领导，我们认真落实。\n\n"
         "尊敬的同志们，请予支持。\n\n妥否，请批示。\n")


async def test_the_comment_hides_the_finding_while_it_is_there(start):
    s = await start()
    uri = s.open("请示.md", DRAFT, "markdown")
    diagnostics = await s.diagnostics(uri, 1)
    assert [d.range.start.line for d in diagnostics if d.code == "H201"] == [7]
    count = (await s.stats(uri))["counts"]

    version = s.set_text(uri, DRAFT.replace("<!-- wenfeng-disable-next-line H201 -->\n", ""))
    diagnostics = await s.diagnostics(uri, version)
    assert [d.range.start.line for d in diagnostics if d.code == "H201"] == [4, 6]
    assert (await s.stats(uri, lambda st: st["version"] == version))["counts"] == count
