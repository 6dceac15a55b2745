"""Code-point offsets ↔ LSP positions, with the line breaks LSP defines.

LSP counts lines at ``\\r\\n``, ``\\r`` and ``\\n`` only, while Python's ``str.splitlines`` (which
pygls's ``TextDocument.lines`` uses) also breaks at ``\\x0b``, ``\\x0c``, ``\\x1c``–``\\x1e``,
``\\x85``, U+2028 and U+2029 — characters that drafts pasted from Word or the web do contain.
:func:`lsp_lines` splits the LSP way; :class:`PositionMap` builds the line table once per text (or
takes the open document's) and converts columns to the client's units (UTF-8/16/32).

The conversion gives exactly what pygls's position codec gives, without its per-character loop:
a line whose characters are all in the BMP has UTF-16 columns equal to code points (every 公文
line, in practice), and otherwise the prefix is encoded once (``surrogatepass``, so that a lone
surrogate counts as pygls counts it: one UTF-16 unit, three UTF-8 bytes).  A codec of a kind
this module does not know is simply asked.
"""

from __future__ import annotations

import bisect
import copy
import re
from typing import Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition, Utf8, Utf16, Utf32

_LINE_END = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def lsp_lines(text: str) -> list[str]:
    """Lines with their endings kept, split only where LSP says a line ends."""
    lines: list[str] = []
    pos = 0
    for m in _LINE_END.finditer(text):
        lines.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        lines.append(text[pos:])
    return lines


def unit_kind(codec: PositionCodec) -> str | None:
    """"utf-8", "utf-16" or "utf-32" for pygls's codecs; None for anything else."""
    impl = getattr(codec, "impl", None)
    for cls, name in ((Utf16, "utf-16"), (Utf32, "utf-32"), (Utf8, "utf-8")):
        if type(impl) is cls:
            return name
    return None


def client_units(kind: str, text: str) -> int:
    """Length of ``text`` in the client's units (``kind`` from :func:`unit_kind`)."""
    if kind == "utf-32" or text.isascii():
        return len(text)
    if kind == "utf-16":
        if _ASTRAL.search(text) is None:
            return len(text)
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def server_position(codec: PositionCodec, lines: Sequence[str],
                    position: types.Position) -> ServerTextPosition:
    """``codec.position_from_client_units(lines, position)`` — the same answer, quirks
    included — with a fast path for lines where one unit is one code point.  ``position`` is
    never modified."""
    kind = unit_kind(codec)
    if lines and position.line < len(lines) and kind is not None:
        line = lines[position.line].replace("\r\n", "\n")  # as pygls does
        if kind == "utf-32" or line.isascii() or (
                kind == "utf-16" and _ASTRAL.search(line) is None):
            if not line:
                return ServerTextPosition(position.line, 0)
            character = max(0, position.character)
            if character > len(line):
                character = len(line) - 1  # pygls's clamp
            return ServerTextPosition(position.line, character)
    # the codec clamps by mutating its argument: give it a copy
    return codec.position_from_client_units(lines, copy.copy(position))


class PositionMap:
    """Positions in client units for one text, computed with a single line table.

    ``lines`` may be passed when they are known already (the open document's, which are
    ``lsp_lines(text)``); they are not split again then."""

    def __init__(self, text: str, codec: PositionCodec,
                 lines: Sequence[str] | None = None) -> None:
        self.text = text
        self.codec = codec
        self.lines = lines if lines is not None else lsp_lines(text)
        self._kind = unit_kind(codec)
        self._starts: list[int] = []
        self._one_unit: dict[int, bool] = {}  # line → every character is one client unit
        offset = 0
        for line in self.lines:
            self._starts.append(offset)
            offset += len(line)

    def server_position(self, offset: int) -> ServerTextPosition:
        offset = max(0, min(offset, len(self.text)))
        if not self.lines:
            return ServerTextPosition(0, 0)
        if offset == len(self.text) and self.text[-1] in "\r\n":
            return ServerTextPosition(len(self.lines), 0)  # after a final line break
        k = bisect.bisect_right(self._starts, offset) - 1
        line = self.lines[k]
        length = len(line) - (2 if line.endswith("\r\n") else 1 if line[-1:] in ("\r", "\n") else 0)
        # an offset between "\r" and "\n" belongs to the end of the line
        return ServerTextPosition(k, min(offset - self._starts[k], length))

    def position(self, offset: int) -> types.Position:
        line, character = self.units(offset)
        return types.Position(line=line, character=character)

    def units(self, offset: int) -> tuple[int, int]:
        """``(line, character)`` of :meth:`position`, as plain numbers."""
        pos = self.server_position(offset)
        if pos.line >= len(self.lines):
            return pos.line, 0
        kind = self._kind
        if kind is None:
            client = self.codec.position_to_client_units(self.lines, pos)
            return client.line, client.character
        one_unit = self._one_unit.get(pos.line)
        if one_unit is None:
            line = self.lines[pos.line]
            one_unit = self._one_unit[pos.line] = (
                kind == "utf-32"
                or line.isascii()
                or (kind == "utf-16" and _ASTRAL.search(line) is None)
            )
        character = pos.character if one_unit else \
            client_units(kind, self.lines[pos.line][:pos.character])
        return pos.line, character

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def line_range(self, line: int) -> types.Range:
        """The whole of ``line`` without its line break."""
        body = self.lines[line].rstrip("\r\n") if line < len(self.lines) else ""
        start = self._starts[line] if line < len(self.lines) else len(self.text)
        return self.range(start, start + len(body))

    def offset(self, position: types.Position) -> int:
        """Code-point offset of a client position (clamped into the text)."""
        if not self.lines:
            return 0
        if position.line >= len(self.lines):
            return len(self.text)
        server = server_position(self.codec, self.lines, position)
        body = self.lines[server.line].rstrip("\r\n")
        return self._starts[server.line] + min(server.character, len(body))

    def line_of(self, offset: int) -> int:
        return self.server_position(offset).line
