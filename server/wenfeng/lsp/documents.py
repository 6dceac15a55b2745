"""Open documents whose lines follow LSP, not ``str.splitlines``.

pygls applies incremental edits and converts positions with ``TextDocument.lines``, which splits
at form feeds, U+2028 and the other breaks Python knows but LSP does not; a draft containing one
would then be edited at the wrong place.  These subclasses make pygls use :func:`lsp_lines`.
"""

from __future__ import annotations

from typing import Optional, Sequence

from pygls.workspace import TextDocument, Workspace

from .positions import lsp_lines


class LspTextDocument(TextDocument):
    _lines_of: Optional[str] = None
    _lines: tuple[str, ...] = ()

    @property
    def lines(self) -> Sequence[str]:
        source = self.source
        if source is not self._lines_of:  # recompute only after an edit
            self._lines, self._lines_of = tuple(lsp_lines(source)), source
        return self._lines


class LspWorkspace(Workspace):
    def _create_text_document(self, doc_uri, source=None, version=None, language_id=None):
        return LspTextDocument(doc_uri, source=source, version=version, language_id=language_id,
                               sync_kind=self._sync_kind, position_codec=self.position_codec)

    @classmethod
    def like(cls, workspace: Workspace) -> "LspWorkspace":
        """The same workspace (root, folders, encoding), creating LSP-line documents."""
        return cls(workspace.root_uri, workspace._sync_kind, list(workspace.folders.values()),
                   workspace.position_encoding)
