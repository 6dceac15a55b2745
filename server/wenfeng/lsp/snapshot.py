"""What a check starts from and what it yields — plain data shared by the server, the scheduler
and the worker threads.

A :class:`Snapshot` freezes everything a check depends on (text, version, editor settings, the
stored 文种 choice and ignores) at the moment it starts, so its result can later be compared
with the document as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from .positions import PositionMap
from .settings import EditorLayer

if TYPE_CHECKING:
    from ..model import Report


@dataclass(frozen=True)
class Snapshot:
    uri: str
    version: int | None
    text: str
    path: str | None            # file-system path of a file: URI, else None
    language_id: str | None
    layers: tuple[EditorLayer, ...]
    doctype: str | None         # the stored 文种 choice (None: automatic)
    ignores: frozenset[tuple[str, str]]
    codec: PositionCodec
    ticket: int                 # increases with every snapshot: later = newer
    generation: int             # settings/state generation the snapshot was taken under
    lines: Sequence[str] | None = None  # lsp_lines(text), when the document has them already


@dataclass(frozen=True)
class CheckResult:
    snapshot: Snapshot
    report: Report | None
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    stats: dict[str, Any] | None = None
    problems: tuple[str, ...] = ()   # settings or lexicon trouble to tell the user about
    error: str | None = None         # the check itself failed (logged; nothing published)
    #: False for a provisional result: made at start-up before jieba's dictionary was loaded,
    #: leaving out token-boundary rules in paragraphs not segmented yet (re-checked once it is).
    complete: bool = True
    #: the lexicon folders the check used (after any fallback), for work that needs its engine
    lexicons: tuple[str, ...] = ()
    #: True when the check ended early because the document changed meanwhile (no report, no
    #: error: the result is never delivered)
    stopped: bool = False
    #: the :class:`~wenfeng.model.Document` the check read (also when stopped), from which the
    #: next check of the buffer re-reads only what changed
    document: Any = None

    def positions(self) -> PositionMap:
        """Client positions for the text this result was computed on."""
        return PositionMap(self.snapshot.text, self.snapshot.codec, self.snapshot.lines)
