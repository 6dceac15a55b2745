"""Code-point offsets ↔ LSP positions, with the line breaks LSP defines.

LSP counts lines at ``\\r\\n``, ``\\r`` and ``\\n`` only, while Python's ``str.splitlines`` (which
pygls's ``TextDocument.lines`` uses) also breaks at ``\\x0b``, ``\\x0c``, ``\\x1c``–``\\x1e``,
``\\x85``, U+2028 and U+2029 — characters that drafts pasted from Word or the web do contain.
:func:`lsp_lines` splits the LSP way; :class:`PositionMap` builds the line table once per text and
leaves the unit conversion (UTF-8/16/32) to pygls's position codec.
"""

from __future__ import annotations

import bisect
import copy
import re

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

_LINE_END = re.compile(r"\r\n|\r|\n")


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


class PositionMap:
    """Positions in client units for one text, computed with a single line table."""

    def __init__(self, text: str, codec: PositionCodec) -> None:
        self.text = text
        self.codec = codec
        self.lines = lsp_lines(text)
        self._starts: list[int] = []
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
        body = self.lines[k].rstrip("\r\n")
        # an offset between "\r" and "\n" belongs to the end of the line
        return ServerTextPosition(k, min(offset - self._starts[k], len(body)))

    def position(self, offset: int) -> types.Position:
        pos = self.server_position(offset)
        if pos.line >= len(self.lines):
            return types.Position(line=pos.line, character=0)
        return self.codec.position_to_client_units(self.lines, pos)

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
        # the codec clamps by mutating its argument: give it a copy
        server = self.codec.position_from_client_units(self.lines, copy.copy(position))
        body = self.lines[server.line].rstrip("\r\n")
        return self._starts[server.line] + min(server.character, len(body))

    def line_of(self, offset: int) -> int:
        return self.server_position(offset).line
