"""What a rule kind sees when it runs, and what it hands back.

Block kinds get a :class:`BlockContext` (one paragraph, its normalized text, lazy jieba
boundaries) and yield :class:`Hit` in block-local offsets; document kinds get a
:class:`DocContext` and yield :class:`DocHit` in document offsets.  The engine turns both into
:class:`wenfeng.model.Finding` — kinds never format messages or build fixes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Mapping

from ..model import Block, Counts, DocTypeDecision, Document
from .matching import normalize

if TYPE_CHECKING:
    from ..config import Settings
    from ..segment import Segmenter
    from .lexicon import Lexicon, Profile


@dataclass(frozen=True)
class Hit:
    """A match inside one block: local ``[start, end)``; ``replacement`` None means no fix."""

    start: int
    end: int
    replacement: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocHit:
    """A document-level result in document offsets."""

    start: int
    end: int
    replacement: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    level: Any = None            # override the rule's level (limits: over 最多 → error)
    document_level: bool = False
    fixes: tuple[tuple[int, int, str], ...] = ()  # several edits for one finding


class BlockContext:
    """One block as rules see it."""

    def __init__(self, block: Block, segmenter: "Segmenter", doctype: str) -> None:
        self.block = block
        self.text = block.text
        self.doctype = doctype
        self._segmenter = segmenter

    @property
    def segmenter(self) -> "Segmenter":
        return self._segmenter

    @cached_property
    def norm(self) -> str:
        return normalize(self.text)

    @cached_property
    def boundaries(self) -> frozenset[int]:
        """jieba token boundaries of the normalized text (computed on first use only)."""
        return self._segmenter.boundaries(self.norm)


@dataclass
class DocContext:
    """The whole document as document-level kinds see it."""

    document: Document
    doctype: DocTypeDecision
    counts: Counts
    profile: "Profile"
    settings: "Settings"
    lexicon: "Lexicon"
    segmenter: "Segmenter"
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per check: document checks that read the same thing (the
        numbering rules all walk the headings) share it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def block_context(self, block: Block) -> BlockContext:
        return BlockContext(block, self.segmenter, self.doctype.name)
