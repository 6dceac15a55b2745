"""The 文种 choices and ignores of one browser session, kept in memory only.

Editors share one state file across sessions (:mod:`wenfeng.editor_state`); web sessions must not —
one office worker's choice is nobody else's business — so each connection gets this in-memory
store with the same interface, and it vanishes with the connection.
"""

from __future__ import annotations

import threading
from typing import Any

from ..editor_state import DocumentState


class SessionChoices(DocumentState):
    """:class:`~wenfeng.editor_state.DocumentState` that never reads or writes a file."""

    def __init__(self) -> None:  # no path, no file: deliberately not calling super().__init__
        self.path = None  # type: ignore[assignment]
        self.read_only = False  # updates go to _write, which keeps them in memory
        self._lock = threading.Lock()
        self._documents: dict[str, dict[str, Any]] = {}
        self._session: dict[str, dict[str, Any]] = {}

    def _read(self) -> dict[str, dict[str, Any]]:
        return dict(self._documents)

    def _write(self, documents: dict[str, dict[str, Any]]) -> None:
        pass
