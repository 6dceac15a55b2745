"""Debounce and version ordering against the real server: fast typing never leaves an older
version's diagnostics on screen."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI

pytestmark = pytest.mark.slow  # starts real language servers


async def test_a_burst_of_edits_is_checked_once_after_the_pause(start):
    s = await start(configuration={"debounceMs": 1500})
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    before = len(s.publications(uri))
    end = len(QINGSHI)
    for i in range(5):  # five keystrokes, well inside the debounce
        version = s.replace(uri, end + i, end + i, "字")
    await s.diagnostics(uri, version)
    assert [p.version for p in s.publications(uri)[before:]] == [version]


async def test_versions_only_move_forward_without_debounce(start):
    s = await start(configuration={"debounceMs": 0})
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    at = QINGSHI.index("尊敬的")
    for i in range(12):  # insert and delete "尊敬的" as fast as the client can send it
        version = s.replace(uri, at, at + 3, "") if i % 2 == 0 else s.replace(uri, at, at, "尊敬的")
    final = await s.diagnostics(uri, version)
    assert any(d.code == "H201" for d in final)  # the last edit put it back
    versions = [p.version for p in s.publications(uri)]
    assert versions == sorted(versions) and versions[-1] == version
    for p in s.publications(uri):  # each publication matches the text of its version
        assert any(d.code == "H201" for d in p.diagnostics) == (p.version % 2 == 1)
