"""Open documents whose lines follow LSP, not ``str.splitlines``, and are kept up to date edit by
edit.

pygls applies incremental edits and converts positions with ``TextDocument.lines``, which splits
at form feeds, U+2028 and the other breaks Python knows but LSP does not; a draft containing one
would then be edited at the wrong place.  These subclasses make pygls use :func:`lsp_lines`.

pygls also re-splits the whole text for every edit (``lines`` is recomputed from ``source``) —
on a 280,000-字 file that is most of what a keystroke costs before any checking.  Here an
incremental edit produces exactly the text pygls would produce, and the line table is updated
by re-splitting only the lines the edit touched (plus a neighbour where ``\\r`` and ``\\n`` could
join), so ``lines`` stays equal to ``lsp_lines(source)`` at the cost of the edited lines.
"""

from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types
from pygls.workspace import TextDocument, Workspace

from .positions import lsp_lines, server_position


class LspTextDocument(TextDocument):
    _lines_of: Optional[str] = None
    _lines: tuple[str, ...] = ()

    @property
    def lines(self) -> Sequence[str]:
        source = self.source
        if source is not self._lines_of:  # recompute only when the text was replaced
            self._lines, self._lines_of = tuple(lsp_lines(source)), source
        return self._lines

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        lines = self.lines
        start = server_position(self._position_codec, lines, change.range.start)
        end = server_position(self._position_codec, lines, change.range.end)
        sl, sc, el, ec = start.line, start.character, end.line, end.character
        if not lines or not sl <= el < len(lines):  # pygls's own (odd) handling of these
            super()._apply_incremental_change(change)
            return
        # what pygls writes: the lines before, the edited piece, the lines after
        middle = lines[sl][:sc] + change.text + lines[el][ec:]
        source = "".join((*lines[:sl], middle, *lines[el + 1:]))
        # re-split the edited piece, widened until it starts and ends on line boundaries
        first, after = sl, el + 1
        if first > 0 and lines[first - 1].endswith("\r"):  # "\r" | "\n…" would join
            first -= 1
            middle = lines[first] + middle
        while after < len(lines) and (not middle.endswith(("\r", "\n"))
                                      or (middle.endswith("\r") and lines[after].startswith("\n"))):
            middle += lines[after]
            after += 1
        self._source = source
        self._lines = (*lines[:first], *lsp_lines(middle), *lines[after:])
        self._lines_of = source


class LspWorkspace(Workspace):
    def _create_text_document(self, doc_uri, source=None, version=None, language_id=None):
        return LspTextDocument(doc_uri, source=source, version=version, language_id=language_id,
                               sync_kind=self._sync_kind, position_codec=self.position_codec)

    @classmethod
    def like(cls, workspace: Workspace) -> "LspWorkspace":
        """The same workspace (root, folders, encoding), creating LSP-line documents."""
        return cls(workspace.root_uri, workspace._sync_kind, list(workspace.folders.values()),
                   workspace.position_encoding)
