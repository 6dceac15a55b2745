"""Positions in UTF-8, UTF-16 and UTF-32 with 𠀀 (U+20000, outside the BMP) before, inside and
after findings — in diagnostics and in the client's incremental edits."""

from __future__ import annotations

import pytest
from lsp_session import FILLER, position
from lsprotocol import types

pytestmark = pytest.mark.slow  # starts real language servers

LINE = "𠀀为加强管理，尊敬的𠀀各位领导，尊敬的同志们。"
TEXT = ("关于申请专项经费的请示\n市政府：\n" + LINE + "\n"
        + "\n".join("𠀀" + FILLER * 4 for _ in range(12)) + "\n𠀀妥否，请批示。\n")
# hand-counted: "𠀀为加强管理，" before the first 尊敬的; "𠀀妥否，请批示。" ends the 正文
FIRST_START = {"utf-8": 4 + 6 * 3, "utf-16": 2 + 6, "utf-32": 7}
BODY_END = {"utf-8": 4 + 7 * 3, "utf-16": 2 + 7, "utf-32": 8}

CLIENTS = [  # (bundled profile, positionEncodings to advertise, encoding expected)
    ("visual-studio-code", None, "utf-16"),
    ("neovim", None, "utf-8"),
    ("visual-studio-code", ["utf-8"], "utf-8"),
    ("visual-studio-code", ["utf-16"], "utf-16"),
    ("visual-studio-code", ["utf-32"], "utf-32"),
]


@pytest.mark.parametrize(("profile", "encodings", "encoding"), CLIENTS)
async def test_positions_around_non_bmp_characters(start, profile, encodings, encoding):
    s = await start(profile, encodings=encodings)
    assert s.encoding == encoding
    uri = s.open("draft.txt", TEXT)
    diagnostics = await s.diagnostics(uri, 1)
    for d in diagnostics:  # every range agrees with the code-point span in data
        assert d.range == types.Range(position(TEXT, d.data["start"], encoding),
                                      position(TEXT, d.data["end"], encoding)), d.code

    first, second = sorted((d for d in diagnostics if d.code == "H201"),
                           key=lambda d: d.data["start"])
    assert first.range.start == types.Position(2, FIRST_START[encoding])  # 𠀀 before
    assert TEXT[first.data["start"]:first.data["end"]] == "尊敬的"          # 𠀀 right after
    [length] = [d for d in diagnostics if d.code == "L101"]
    assert "𠀀" in TEXT[length.data["start"]:length.data["end"]]            # 𠀀 inside
    assert length.range.end == types.Position(TEXT.count("\n") - 1, BODY_END[encoding])

    # the client deletes the first 尊敬的 by an incremental edit in its own units
    at = first.data["start"]
    version = s.replace(uri, at, at + 3, "")
    after = [d for d in await s.diagnostics(uri, version) if d.code == "H201"]
    new_text = s.texts[uri]
    assert [d.data["start"] for d in after] == [new_text.index("尊敬的")]
    assert after[0].range.start == position(new_text, new_text.index("尊敬的"), encoding)
