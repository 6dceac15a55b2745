"""Plain data shared by every stage: documents, blocks, findings, fixes and reports.

Everything here is a frozen dataclass with no behaviour beyond small derived properties, so
the readers (``sources``), the engine (``rules``), the adapters (``output``, ``lsp``) and the
tests all speak the same language.  Offsets are always Python code points into
``Document.text``; adapters convert at the edge (LSP position codec, CLI line/column, .docx
run map).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping


class Level(enum.IntEnum):
    """Severity of a finding; higher is more severe (so ``max()`` and ``>=`` work)."""

    HINT = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @classmethod
    def parse(cls, name: str) -> "Level":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"未知级别 “{name}”（可用：error、warning、info、hint）") from None

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def chinese(self) -> str:
        return {4: "错误", 3: "警告", 2: "提示", 1: "建议"}[int(self)]


class BlockKind(str, enum.Enum):
    """What a block (paragraph) is in the 公文 structure."""

    TITLE = "title"            # 标题 (may span several lines; each line is a block)
    ADDRESSEE = "addressee"    # 主送机关 line ("各区县人民政府：")
    HEADING = "heading"        # 一、 （一） 1. （1） structural headings inside the body
    BODY = "body"              # ordinary body paragraph
    ATTACHMENT = "attachment"  # 附件说明 ("附件：1. …")
    SIGNATURE = "signature"    # 发文机关署名
    DATE = "date"              # 成文日期
    NOTE = "note"              # 附注 "（联系人：…）"
    META = "meta"              # 版头/版记/期号 lines and other non-body matter (not counted)


#: Block kinds whose text counts toward 字数 and the length limits.
COUNTED_KINDS = frozenset({BlockKind.HEADING, BlockKind.BODY})
#: Block kinds the content rules look at (META only for a rule that lists "meta" in `blocks`).
LINTED_KINDS = frozenset(
    {BlockKind.TITLE, BlockKind.ADDRESSEE, BlockKind.HEADING, BlockKind.BODY,
     BlockKind.ATTACHMENT, BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.NOTE}
)


@dataclass(frozen=True)
class Block:
    """One paragraph of content.

    ``text`` is the content only (markdown markup removed); ``offsets`` maps each code point of
    ``text`` to its offset in ``Document.text``.  ``offsets is None`` means the identity map
    ``start + i`` (plain text), which is by far the common case.  ``end`` is the source offset
    just past the block's last content character.
    """

    index: int
    kind: BlockKind
    text: str
    start: int
    end: int
    offsets: tuple[int, ...] | None = None
    line: int = 0  # 0-based source line where the block starts

    def to_source(self, i: int) -> int:
        """Map a block-local code-point offset (0..len(text)) to a document offset."""
        if self.offsets is None:
            return self.start + i
        if i >= len(self.text):
            return self.end if not self.text else self.offsets[-1] + 1
        return self.offsets[i]

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Map a block-local half-open span to a document span."""
        if j <= i:
            s = self.to_source(i)
            return s, s
        return self.to_source(i), self.to_source(j - 1) + 1

    def is_contiguous(self, i: int, j: int) -> bool:
        """True when block-local span [i, j) maps to an unbroken source span (no markup inside).

        Fixes are only offered on contiguous spans so they can never eat markdown markup.
        """
        if self.offsets is None or j - i <= 1:
            return True
        return self.offsets[j - 1] - self.offsets[i] == j - 1 - i


@dataclass(frozen=True)
class Suppression:
    """Findings the draft itself asks not to report (an inline comment in a .md draft):
    those of ``rules`` (rule ids or group letters; empty = every rule) that start in
    ``[start, end)`` of ``Document.text``."""

    start: int
    end: int
    rules: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Document:
    """A parsed draft: its full source text plus structure.

    ``text`` is exactly what was read (line ends kept), so spans and fixes round-trip to the file.
    ``fmt`` is "txt", "md" or "docx".  ``extra`` carries reader-specific data (the .docx run
    map) that adapters need and the engine ignores.
    """

    text: str
    blocks: tuple[Block, ...]
    fmt: str = "txt"
    path: str | None = None
    encoding: str = "utf-8"
    marker_doctype: str | None = None  # explicit "文种：请示" marker line / front matter
    suppressions: tuple[Suppression, ...] = ()  # inline "wenfeng-disable" comments (.md)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def blocks_of(self, *kinds: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @cached_property  # (asked for by several rules in every check of a long document)
    def title(self) -> str:
        return "".join(b.text for b in self.blocks if b.kind is BlockKind.TITLE)

    @property
    def title_blocks(self) -> list[Block]:
        return self.blocks_of(BlockKind.TITLE)

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in COUNTED_KINDS]

    @property
    def body_text(self) -> str:
        return "\n".join(b.text for b in self.body_blocks)


@dataclass(frozen=True)
class Fix:
    """One edit in document code points: replace ``text[start:end]`` with ``replacement``.

    ``safe`` fixes may be applied without review (CLI ``--fix``, LSP fix-all).
    """

    start: int
    end: int
    replacement: str
    title: str = ""
    safe: bool = True

    @property
    def saves(self) -> int:
        """How many code points the edit removes (negative if it adds)."""
        return (self.end - self.start) - len(self.replacement)


@dataclass(frozen=True)
class Finding:
    """One problem found in a document."""

    rule: str                 # rule id, e.g. "H201"
    level: Level
    start: int                # document code-point offsets
    end: int
    message: str              # Chinese, includes what to do instead where possible
    source: str               # the clause it rests on
    fixes: tuple[Fix, ...] = ()
    link: str | None = None
    group: str = ""           # rule group letter(s), e.g. "H"
    document_level: bool = False  # length, one-matter… (anchored on the title in .docx)
    data: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Counts:
    """Length figures of the counted part (the 正文: body paragraphs and headings)."""

    words: int            # Word-compatible 字数
    han: int              # 汉字数
    chars_no_spaces: int  # 字符数(不计空格)
    paragraphs: int
    pages: int            # estimated on the GB/T 9704 grid (whole document)
    minutes: float        # speaking time of the 正文 at the configured rate
    rate: int             # 字/分钟 used for ``minutes``


@dataclass(frozen=True)
class LimitStatus:
    """How the document stands against one limit of its 文种 in the active profile."""

    metric: str               # "words" | "pages" | "minutes"
    value: float
    general: float | None     # 一般 (warning above)
    maximum: float | None     # 最多 (error above)
    source: str
    unit: str                 # "字" | "页" | "分钟"

    @property
    def state(self) -> str:
        """"ok", "warning" (over 一般) or "error" (over 最多)."""
        if self.maximum is not None and self.value > self.maximum:
            return "error"
        if self.general is not None and self.value > self.general:
            return "warning"
        return "ok"


@dataclass(frozen=True)
class DocTypeDecision:
    """Which 文种 applies and why."""

    name: str                 # e.g. "请示"; "未识别" when nothing matched
    how: str                  # "explicit" | "config" | "marker" | "title" | "content" | "none"
    detected: str             # what detection alone would say (shown in pickers)
    reason: str = ""

    @property
    def recognised(self) -> bool:
        return self.name != UNKNOWN_DOCTYPE


UNKNOWN_DOCTYPE = "未识别"


@dataclass(frozen=True)
class Report:
    """Everything a check produced for one document."""

    document: Document
    doctype: DocTypeDecision
    profile: str
    counts: Counts
    limits: tuple[LimitStatus, ...]
    findings: tuple[Finding, ...]

    @property
    def safe_fixes(self) -> list[Fix]:
        return [f for finding in self.findings for f in finding.fixes if f.safe]

    def worst(self) -> Level | None:
        return max((f.level for f in self.findings), default=None)
