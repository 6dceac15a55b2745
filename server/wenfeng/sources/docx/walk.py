"""Walk a WordprocessingML body in reading order and say which text each run contributes.

Both the reader (text, run map) and the annotator (splitting runs, placing comments) walk the
XML with this one module, so paragraph ``i`` and run ``j`` mean the same element on both sides.
What counts as text follows what Word prints and counts: runs, hyperlinks, inserted (tracked)
text, content controls and the *result* of fields; not deleted or moved-away text, field
instructions, hidden text, text boxes, headers, footers, comments or footnotes (other parts).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Iterator

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


R, T, TAB, PTAB, BR, CR, NBH = (
    w("r"),
    w("t"),
    w("tab"),
    w("ptab"),
    w("br"),
    w("cr"),
    w("noBreakHyphen"),
)
P, TBL, TR, TC, SDT, SDT_CONTENT = w("p"), w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent")
FLD_CHAR, INSTR_TEXT, FLD_SIMPLE = w("fldChar"), w("instrText"), w("fldSimple")
RPR, PPR, SECT_PR = w("rPr"), w("pPr"), w("sectPr")
# Inline containers whose runs are part of the visible text.
_INLINE_CONTAINERS = {w("hyperlink"), w("ins"), w("moveTo"), w("smartTag"), w("customXml"),
                      w("dir"), w("bdo")}
# Inline containers whose text is gone (tracked deletions and moves away).
_INLINE_DROPPED = {w("del"), w("moveFrom")}
_BLOCK_CONTAINERS = {w("customXml")}
_FALSE = {"0", "false", "off"}


def on(element, name: str) -> bool:
    """A toggle property (``<w:b/>``, ``<w:vanish w:val="0"/>``) present and not switched off."""
    child = element.find(w(name)) if element is not None else None
    return child is not None and child.get(w("val"), "true").lower() not in _FALSE


@dataclass
class RunText:
    """One ``w:r`` met in reading order and the text it contributes ("" if none)."""

    element: object
    text: str
    field: str | None = None       # instruction of the innermost field whose result this is
    breaks: list[bool] = dc_field(default_factory=list)  # per "\n" emitted: a page break?
    units: list[tuple[int, int]] = dc_field(default_factory=list)  # (child index, chars) in r


@dataclass
class ParaText:
    """One ``w:p`` in reading order."""

    element: object
    runs: list[RunText] = dc_field(default_factory=list)
    table: tuple[int, ...] | None = None   # (table id, row, cell) of the innermost table
    section: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class _Fields:
    """Complex fields (fldChar begin/separate/end) may span runs and paragraphs."""

    def __init__(self) -> None:
        self.stack: list[list] = []  # [instruction, in_result]

    def visible(self) -> bool:
        return all(entry[1] for entry in self.stack)

    def innermost(self) -> str | None:
        return self.stack[-1][0].strip() if self.stack else None


def run_text(r, fields: _Fields) -> RunText:
    """Text of one run; updates the field state for fldChar/instrText children."""
    hidden = on(r.find(RPR), "vanish")
    parts: list[str] = []
    breaks: list[bool] = []
    units: list[tuple[int, int]] = []
    field_instr = fields.innermost() if fields.stack else None
    for index, child in enumerate(r):
        if child.tag == RPR:
            continue
        text = _child_text(child, fields, hidden, breaks)
        parts.append(text)
        units.append((index, len(text)))
        if fields.stack and fields.stack[-1][1]:
            field_instr = fields.innermost()
    return RunText(r, "".join(parts), field_instr if fields.stack else None, breaks, units)


def _child_text(child, fields: _Fields, hidden: bool, breaks: list[bool]) -> str:
    """The text one run child shows (and the field state it changes)."""
    tag = child.tag
    if tag == FLD_CHAR:
        kind = child.get(w("fldCharType"))
        if kind == "begin":
            fields.stack.append(["", False])
        elif kind == "separate" and fields.stack:
            fields.stack[-1][1] = True
        elif kind == "end" and fields.stack:
            fields.stack.pop()
        return ""
    if tag == INSTR_TEXT:
        if fields.stack and not fields.stack[-1][1]:
            fields.stack[-1][0] += child.text or ""
        return ""
    if hidden or not fields.visible():
        return ""
    if tag == T:
        return child.text or ""
    if tag in (TAB, PTAB):
        return "\t"
    if tag in (BR, CR):
        breaks.append(child.get(w("type")) == "page")
        return "\n"
    if tag == NBH:
        return "-"
    return ""


def _inline(container, out: list[RunText], fields: _Fields, simple: str | None = None) -> None:
    for child in container:
        tag = child.tag
        if tag == R:
            item = run_text(child, fields)
            if simple is not None and item.field is None:
                item.field = simple
            out.append(item)
        elif tag in _INLINE_CONTAINERS:
            _inline(child, out, fields, simple)
        elif tag == FLD_SIMPLE:
            _inline(child, out, fields, (child.get(w("instr")) or "").strip())
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                _inline(content, out, fields, simple)
        # w:del / w:moveFrom, bookmarks, comment ranges, math, pPr: no visible text


def paragraph_runs(p, fields: _Fields | None = None) -> list[RunText]:
    out: list[RunText] = []
    _inline(p, out, fields or _Fields(), None)
    return out


def _deleted_row(tr) -> bool:
    trpr = tr.find(w("trPr"))
    return trpr is not None and trpr.find(w("del")) is not None


def iter_paragraphs(body) -> Iterator[ParaText]:
    """Every paragraph of the body, tables included, in reading order."""
    fields = _Fields()
    state = {"section": 0, "table": 0}

    def blocks(container, table: tuple[int, ...] | None) -> Iterator[ParaText]:
        for child in container:
            tag = child.tag
            if tag == P:
                yield ParaText(child, paragraph_runs(child, fields), table, state["section"])
                ppr = child.find(PPR)
                if table is None and ppr is not None and ppr.find(SECT_PR) is not None:
                    state["section"] += 1  # this paragraph ends a section
            elif tag == TBL:
                state["table"] += 1
                tid = state["table"]
                for r_index, tr in enumerate(_rows(child)):
                    if _deleted_row(tr):
                        continue
                    for c_index, tc in enumerate(_cells(tr)):
                        yield from blocks(tc, (tid, r_index, c_index))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from blocks(content, table)
            elif tag in _BLOCK_CONTAINERS:
                yield from blocks(child, table)

    yield from blocks(body, None)


def _unwrap(container, wanted: str):
    for child in container:
        if child.tag == wanted:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrap(content, wanted)
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _unwrap(child, wanted)


def _rows(tbl):
    return _unwrap(tbl, TR)


def _cells(tr):
    return _unwrap(tr, TC)


def part_text(element) -> tuple[str, list[RunText]]:
    """Text and runs of a header/footer/comment part root (all its paragraphs)."""
    runs: list[RunText] = []
    texts = []
    for para in iter_paragraphs(element):
        runs.extend(para.runs)
        texts.append(para.text)
    return "\n".join(texts), runs
