"""The 文种 choices and ignores of one browser session, kept in memory only.

Editors share one state file across sessions (:mod:`wenfeng.state`); web sessions must not —
one office worker's choice is nobody else's business — so each connection gets this in-memory
store with the same interface, and it vanishes with the connection.
"""

from __future__ import annotations

import threading

from ..state import DocumentState


class SessionChoices(DocumentState):
    """:class:`~wenfeng.state.DocumentState` that never reads or writes a file."""

    def __init__(self) -> None:  # no path, no file: deliberately not calling super().__init__
        self.path = None
        self._lock = threading.Lock()
        self._documents = {}

    def _read(self):
        return dict(self._documents)

    def _write(self, documents) -> None:
        pass
