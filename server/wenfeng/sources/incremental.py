"""Re-read an edited plain-text buffer from its previous parse, reading only the changed lines.

An editor sends a keystroke; the language server has the new text and the :class:`Document` it
made of the previous one.  :func:`reparse_text` finds where the two texts differ (common prefix
and suffix), re-reads only the lines in between — widened by a line on each side, so that a
``\\r`` | ``\\n`` pair split by the edit is read as one break — and keeps every other paragraph,
shifting those after the edit by the change in length and line count.  The part of each
paragraph (标题, 正文, 落款 …) is then recomputed for the whole document, as a full read does
(whether a line is the 署名 depends on what follows it).

Pure, and exact: the result equals ``parse_text(text, path=path)`` (tested after random edits);
anything that is not a plain ``parse_text`` result is simply parsed again.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import fields
from operator import attrgetter

from ..model import Block, Document
from .parts import classify_texts, find_marker_in
from .text import LINE_BREAK_RE, paragraphs_from_text, parse_text

_CHUNK = 4096


def reparse_text(previous: Document | None, text: str, *, path: str | None = None) -> Document:
    """``parse_text(text, path=path)``, reusing ``previous`` — the ``parse_text`` result for an
    earlier version of the same buffer — for the lines the edits did not touch."""
    if (previous is None or previous.fmt != "txt" or previous.path != path
            or previous.encoding != "utf-8" or previous.extra):
        return parse_text(text, path=path)
    old = previous.text
    if old == text:
        return previous
    prefix = common_prefix(old, text)
    suffix = common_suffix(old, text, min(len(old), len(text)) - prefix)
    start = _line_start_before(text, prefix)
    end = _line_end_after(text, len(text) - suffix)
    delta = len(text) - len(old)
    old_end = end - delta

    blocks = previous.blocks
    first = bisect_left(blocks, start, key=_START)    # blocks[:first] lie on lines before `start`
    last = bisect_left(blocks, old_end, key=_START)   # blocks[last:] on lines from `old_end` on
    line = _line_number(text, start, blocks[first - 1] if first else None)
    region = paragraphs_from_text(text, start, end, line)
    lines_changed = _breaks(text, start, end) - _breaks(old, start, old_end)

    before, after = blocks[:first], blocks[last:]
    texts = [*map(_TEXT, before), *(p.text for p in region), *map(_TEXT, after)]
    kinds = classify_texts(texts)
    if list(map(_KIND, before)) == kinds[:first]:  # (compared in C: the usual case)
        out: list[Block] = list(before)
    else:
        out = [b if b.kind is kinds[i] else _block(i, kinds[i], b.text, b.start, b.end, b.line)
               for i, b in enumerate(before)]
    for p in region:
        i = len(out)
        out.append(_block(i, kinds[i], p.text, p.start, p.end, p.line))
    if not delta and not lines_changed and len(out) == last:  # (nothing after the edit moved)
        out.extend(b if b.kind is kinds[i] else _block(i, kinds[i], b.text, b.start, b.end, b.line)
                   for i, b in enumerate(after, last))
    else:
        out.extend(_moved(after, kinds, len(out), delta, lines_changed))
    _, marker = find_marker_in(texts)
    return Document(text=text, blocks=tuple(out), fmt="txt", path=path, encoding="utf-8",
                    marker_doctype=marker, extra={})


def _block(index: int, kind, text: str, start: int, end: int, line: int) -> Block:
    """``Block(…)`` without an offset map.  A keystroke moves every paragraph after it, and a
    long document has a thousand of them: the frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field) is then a millisecond or more of every keystroke, so the
    fields are written in one go — the same object, a third of the time."""
    if not _PLAIN_BLOCK:
        return Block(index=index, kind=kind, text=text, start=start, end=end, offsets=None,
                     line=line)
    block = object.__new__(Block)
    block.__dict__.update(index=index, kind=kind, text=text, start=start, end=end, offsets=None,
                          line=line)
    return block


def _moved(blocks: tuple[Block, ...], kinds: list, at: int, delta: int,
           lines: int) -> list[Block]:
    """The paragraphs after an edit, moved by ``delta`` code points and ``lines`` lines; the
    first of them is now paragraph ``at``.  Each is a new object (the previous
    :class:`Document` keeps its own), made from a copy of the old one's fields — on a long
    document this runs for a thousand paragraphs on every keystroke."""
    if not _PLAIN_BLOCK:
        return [_block(i, kinds[i], b.text, b.start + delta, b.end + delta, b.line + lines)
                for i, b in enumerate(blocks, at)]
    out: list[Block] = []
    new, setattr_, append = object.__new__, object.__setattr__, out.append
    for i, b in enumerate(blocks, at):
        fields_ = b.__dict__.copy()
        fields_["index"] = i
        fields_["kind"] = kinds[i]
        fields_["start"] += delta
        fields_["end"] += delta
        fields_["line"] += lines
        block = new(Block)
        setattr_(block, "__dict__", fields_)
        append(block)
    return out


_START = attrgetter("start")
_KIND = attrgetter("kind")
_TEXT = attrgetter("text")

#: Whether a Block is only its fields (no ``__post_init__``, no slots): then :func:`_block` may
#: fill them in directly.
_PLAIN_BLOCK = not hasattr(Block, "__post_init__") and not hasattr(Block, "__slots__") \
    and [f.name for f in fields(Block)] == ["index", "kind", "text", "start", "end", "offsets",
                                            "line"]


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of ``a`` and ``b``."""
    n = min(len(a), len(b))
    i = 0
    size = _CHUNK
    while size:  # compare in C, a chunk at a time, then in ever smaller pieces
        while i + size <= n and a[i:i + size] == b[i:i + size]:
            i += size
        size //= 4
    return i


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix of ``a`` and ``b``, at most ``limit``."""
    la, lb = len(a), len(b)
    k = 0
    size = _CHUNK
    while size:
        while k + size <= limit and a[la - k - size:la - k] == b[lb - k - size:lb - k]:
            k += size
        size //= 4
    return k


def _line_start_before(text: str, pos: int) -> int:
    """The start of the line before the one containing ``pos`` (0 if there is none)."""
    window = 512
    while True:
        lo = max(0, pos - window)
        ends = [m.end() for m in LINE_BREAK_RE.finditer(text, lo, pos)]
        if len(ends) >= 2:
            return ends[-2]
        if lo == 0:
            return 0
        window *= 4


def _line_end_after(text: str, pos: int) -> int:
    """Just past the second line break at or after ``pos`` (the end of the text if fewer):
    the start of the line after the one following the line containing ``pos``."""
    seen = 0
    for m in LINE_BREAK_RE.finditer(text, pos):
        seen += 1
        if seen == 2:
            return m.end()
    return len(text)


def _breaks(text: str, start: int, end: int) -> int:
    return sum(1 for _ in LINE_BREAK_RE.finditer(text, start, end))


def _line_number(text: str, pos: int, before: Block | None) -> int:
    """The line number at ``pos`` (a line start), counted from the last block before it."""
    if before is None:
        return _breaks(text, 0, pos)
    return before.line + _breaks(text, before.end, pos)
