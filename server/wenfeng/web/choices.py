"""The 文种 choices and ignores of one browser session, kept in memory only.

Editors share one state file across sessions (:mod:`wenfeng.editor_state`); web sessions must not —
one office worker's choice is nobody else's business — so each connection gets this in-memory
store with the same interface, and it vanishes with the connection.
"""

from __future__ import annotations

from ..editor_state import DocumentState


class SessionChoices(DocumentState):
    """:class:`~wenfeng.editor_state.DocumentState` that never reads or writes a file."""

    def __init__(self) -> None:
        super().__init__(in_memory=True)
