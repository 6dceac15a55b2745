"""X8xx: GB/T 9704-2012 layout checks of a .docx, registered as ``structure`` checks.

Pure functions over ``document.extra["layout"]`` — the plain-data summary the .docx reader makes
(paper, margins, grid, footers, and each paragraph's *resolved* fonts, sizes, alignment and
indents).  Text documents have no layout, so every check here yields nothing for them; the rules
also say ``formats = ["docx"]``.  Each finding says what was found and what the standard asks;
paragraph problems point to the paragraph, page-setup problems to the section's first paragraph.
Repeated paragraph problems are capped (``max_findings``) so one wrong style does not bury the
document in comments.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any, Callable, Iterator, Mapping

from ...chars import cells, is_han, is_space
from ...metrics.pages import _Page, char_pitch, chars_per_line, line_height
from ...model import BlockKind
from ..context import DocContext, DocHit
from .base import Check

NUMBER = (int, float)
SIZE_NAMES = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号",
              15: "小三", 14: "四号", 12: "小四", 10.5: "五号", 9: "小五"}
_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+\s*[、.．，]")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]")),
    (3, re.compile(r"^\d{1,3}\s*(?:[.．](?!\d)|、)")),
    (4, re.compile(r"^[（(]\s*\d{1,3}\s*[）)]")),
)
_SENTENCE = re.compile(r"^.*?[。！？；]")
_DASHES = "—―─"


def size_label(size: float) -> str:
    name = SIZE_NAMES.get(size) or SIZE_NAMES.get(round(size))
    return f"{size:g} 磅（{name}）" if name else f"{size:g} 磅"


def _layout(ctx: DocContext) -> dict[str, Any] | None:
    layout = ctx.document.extra.get("layout") if ctx.document.extra else None
    return layout if isinstance(layout, dict) and layout.get("paragraphs") is not None else None


def _record_of(layout: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {b: rec for rec in layout["paragraphs"] for b in rec.get("blocks") or []}


def _page(layout: dict[str, Any], section: int) -> _Page:
    sections = layout.get("sections") or [{}]
    return _Page(sections[min(section, len(sections) - 1)], layout.get("base_size_pt") or 10.5)


def _section_anchor(
    ctx: DocContext, layout: dict[str, Any], section: int
) -> tuple[int, int] | None:
    """The first block of a section (where its page-setup findings are shown)."""
    blocks = {b.index: b for b in ctx.document.blocks}
    for rec in layout["paragraphs"]:
        if rec.get("section", 0) == section and rec.get("blocks"):
            block = blocks[rec["blocks"][0]]
            return block.start, block.end
    return None


def _sections_with_text(layout: dict[str, Any]) -> list[int]:
    return sorted({rec.get("section", 0) for rec in layout["paragraphs"] if rec.get("blocks")})


def _style_of(
    ctx: DocContext, layout: dict[str, Any], start: int, end: int
) -> tuple[str, float | None]:
    """Dominant east-Asian typeface (by 汉字) and size (by visible characters) in a span."""
    text = ctx.document.text
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for seg_start, seg_end, ea, _ascii, size, _bold in layout.get("segments") or []:
        lo, hi = max(start, seg_start), min(end, seg_end)
        if lo >= hi:
            continue
        part = text[lo:hi]
        han = sum(1 for ch in part if is_han(ch))
        visible = sum(1 for ch in part if not is_space(ch))
        if han:
            fonts[ea] += han
        if visible:
            sizes[size] += visible
    font = fonts.most_common(1)[0][0] if fonts else ""
    size = sizes.most_common(1)[0][0] if sizes else None
    return font, size


def _capped(hits: list[DocHit], limit: int) -> Iterator[DocHit]:
    """At most ``limit`` findings; the last one says how many more paragraphs share the problem."""
    if limit <= 0 or len(hits) <= limit:
        yield from hits
        return
    for hit in hits[:limit - 1]:
        yield hit
    last = hits[limit - 1]
    more = f"（另有 {len(hits) - limit} 段同样问题）"
    yield DocHit(last.start, last.end, None, dict(last.fields, more=more))


def _hit(start: int, end: int, **fields: Any) -> DocHit:
    fields.setdefault("more", "")
    return DocHit(start, end, None, fields)


def _near(value: float | None, target: float, tolerance: float) -> bool:
    return value is not None and abs(value - target) <= tolerance + 1e-6

Layout = dict[str, Any]
Params = Mapping[str, Any]
LayoutFn = Callable[[DocContext, Layout, Params], Iterator[DocHit]]


def layout_check(name: str, **keys: type | tuple[type, ...]) -> Callable[[LayoutFn], Check]:
    """A layout check: runs only when the document has a layout (a .docx), gets it and the
    rule's keys — all required, their values (the standard's numbers) live in ``layout.toml``."""
    def wrap(fn: LayoutFn) -> Check:
        def run(ctx: DocContext, rule: Any) -> Iterator[DocHit]:
            layout = _layout(ctx)
            return iter(()) if layout is None else fn(ctx, layout, rule.params)
        return Check(name, run, keys, required=frozenset(keys))
    return wrap


# -- page setup ---------------------------------------------------------------------------------
@layout_check("page_size", width_mm=NUMBER, height_mm=NUMBER, tolerance_mm=NUMBER)
def page_size(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """Paper size per section (A4 portrait or landscape)."""
    want_w, want_h, tol = p["width_mm"], p["height_mm"], p["tolerance_mm"]
    for index in _sections_with_text(layout):
        sec = layout["sections"][index] if index < len(layout["sections"]) else {}
        w, h = sec.get("page_width_mm"), sec.get("page_height_mm")
        if w is None or h is None:
            continue
        dims = sorted((w, h))
        if _near(dims[0], min(want_w, want_h), tol) and _near(dims[1], max(want_w, want_h), tol):
            continue
        anchor = _section_anchor(ctx, layout, index)
        if anchor:
            yield _hit(*anchor, found=f"{w:g}×{h:g} mm", expected=f"A4（{want_w:g}×{want_h:g} mm）")


@layout_check("margins", top_mm=NUMBER, left_mm=NUMBER, tolerance_mm=NUMBER)
def margins(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """天头 (top) and 订口 (left, binding side incl. gutter)."""
    top, left, tol = p["top_mm"], p["left_mm"], p["tolerance_mm"]
    for index in _sections_with_text(layout):
        sec = layout["sections"][index] if index < len(layout["sections"]) else {}
        if sec.get("top_mm") is None or sec.get("left_mm") is None:
            continue
        found_top = sec["top_mm"]
        found_left = round(sec["left_mm"] + (sec.get("gutter_mm") or 0), 1)
        problems = []
        if not _near(found_top, top, tol):
            problems.append(f"上边距 {found_top:g} mm")
        if not _near(found_left, left, tol):
            problems.append(f"左边距 {found_left:g} mm")
        anchor = _section_anchor(ctx, layout, index)
        if problems and anchor:
            yield _hit(*anchor, found="、".join(problems),
                       expected=f"天头 {top:g} mm±{tol:g} mm、订口 {left:g} mm±{tol:g} mm")


@layout_check("text_area", width_mm=NUMBER, height_mm=NUMBER, tolerance_mm=NUMBER)
def text_area(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """版心: page size minus the margins (and gutter)."""
    want_w, want_h, tol = p["width_mm"], p["height_mm"], p["tolerance_mm"]
    for index in _sections_with_text(layout):
        sec = layout["sections"][index] if index < len(layout["sections"]) else {}
        keys = ("page_width_mm", "page_height_mm", "top_mm", "bottom_mm", "left_mm", "right_mm")
        if any(sec.get(k) is None for k in keys):
            continue
        width = round(sec["page_width_mm"] - sec["left_mm"] - sec["right_mm"]
                      - (sec.get("gutter_mm") or 0), 1)
        height = round(sec["page_height_mm"] - sec["top_mm"] - sec["bottom_mm"], 1)
        anchor = _section_anchor(ctx, layout, index)
        if anchor and not (_near(width, want_w, tol) and _near(height, want_h, tol)):
            yield _hit(*anchor, found=f"{width:g}×{height:g} mm",
                       expected=f"{want_w:g}×{want_h:g} mm")


@layout_check("line_grid", lines=int, chars=int, tolerance=int)
def line_grid(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """Lines per page and characters per line of the body text, from spacing and the grid."""
    want_lines, want_chars, tol = p["lines"], p["chars"], p["tolerance"]
    records = _record_of(layout)
    seen: set[int] = set()
    for block in ctx.document.blocks:
        rec = records.get(block.index)
        if block.kind is not BlockKind.BODY or rec is None or rec.get("table"):
            continue
        section = rec.get("section", 0)
        if section in seen:
            continue
        seen.add(section)
        page = _page(layout, section)
        lines = math.floor(page.height / line_height(page, rec) + 0.05)
        per_line, _ = chars_per_line(page, dict(rec, indent={}))
        if abs(lines - want_lines) <= tol and abs(per_line - want_chars) <= tol:
            continue
        yield _hit(block.start, block.end, found=f"每面约 {lines} 行、每行约 {per_line} 字",
                   expected=f"每面 {want_lines} 行、每行 {want_chars} 字")


# -- type ---------------------------------------------------------------------------------------
@layout_check("body_font", fonts=str, font_name=str, size_pt=NUMBER, kinds=list, max_findings=int)
def body_font(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """正文 and the other elements in 3号仿宋 unless stated otherwise (tables are skipped)."""
    pattern = re.compile(p["fonts"], re.I)
    size_want = p["size_pt"]
    kinds = {BlockKind(k) for k in p["kinds"]}
    name = p["font_name"]
    records = _record_of(layout)
    hits = []
    for block in ctx.document.blocks:
        rec = records.get(block.index)
        if block.kind not in kinds or rec is None or rec.get("table"):
            continue
        font, size = _style_of(ctx, layout, block.start, block.end)
        bad_font = bool(font) and not pattern.search(font) or (not font and any(
            is_han(ch) for ch in block.text))
        bad_size = size is not None and abs(size - size_want) > 0.25
        if bad_font or bad_size:
            found = f"{font or '未设中文字体'} {size_label(size) if size else ''}".strip()
            hits.append(_hit(block.start, block.end, found=found,
                             expected=f"{name} {size_label(size_want)}"))
    yield from _capped(hits, p["max_findings"])


@layout_check("title_font", fonts=str, font_name=str, size_pt=NUMBER)
def title_font(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """标题: 2号小标宋, centred."""
    titles = ctx.document.title_blocks
    if not titles:
        return
    records = _record_of(layout)
    start, end = titles[0].start, titles[-1].end
    font, size = _style_of(ctx, layout, start, end)
    problems = []
    if font and not re.search(p["fonts"], font, re.I) or not font:
        problems.append(font or "未设中文字体")
    size_want = p["size_pt"]
    if size is not None and abs(size - size_want) > 0.25:
        problems.append(size_label(size))
    aligns = {records[b.index].get("alignment") for b in titles if b.index in records}
    if aligns and aligns != {"center"}:
        problems.append("未居中")
    if problems:
        yield _hit(start, end, found="、".join(problems),
                   expected=f"{p['font_name']} {size_label(size_want)}，居中")


@layout_check("heading_fonts", fonts=dict, names=dict, max_findings=int)
def heading_fonts(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """Structural headings: 一、 黑体; （一） 楷体; 1. and （1） 仿宋 (the heading sentence only)."""
    fonts = {str(k): re.compile(v, re.I) for k, v in p["fonts"].items()}
    names = {str(k): v for k, v in p["names"].items()}
    records = _record_of(layout)
    hits = []
    for block in ctx.document.blocks_of(BlockKind.HEADING):
        rec = records.get(block.index)
        if rec is None or rec.get("table"):
            continue
        level = next((lv for lv, rx in _LEVELS if rx.match(block.text)), None)
        if level is None or str(level) not in fonts:
            continue
        m = _SENTENCE.match(block.text)
        end = block.start + (m.end() if m else len(block.text))
        font, _ = _style_of(ctx, layout, block.start, end)
        if font and fonts[str(level)].search(font):
            continue
        hits.append(_hit(block.start, end, found=font or "未设中文字体", level=level,
                         expected=names.get(str(level), fonts[str(level)].pattern)))
    yield from _capped(hits, p["max_findings"])


@layout_check("first_line_indent", chars=NUMBER, tolerance=NUMBER, max_findings=int)
def first_line_indent(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """Body paragraphs start 2 字 in (indent setting, leading full-width spaces, or both)."""
    want, tol = p["chars"], p["tolerance"]
    records = _record_of(layout)
    text = ctx.document.text
    hits = []
    for block in ctx.document.blocks_of(BlockKind.BODY):
        rec = records.get(block.index)
        if rec is None or rec.get("table") or rec.get("alignment") in ("center", "right"):
            continue
        if "\n" in text[rec["start"]:block.start]:
            continue  # a line after a manual line break has no first-line indent
        page = _page(layout, rec.get("section", 0))
        pitch = char_pitch(page, rec)
        ind = rec.get("indent") or {}
        first = ind["first_chars"] if ind.get("first_chars") is not None else \
            (ind.get("first_pt") or 0) / pitch
        left = ind["left_chars"] if ind.get("left_chars") is not None else \
            (ind.get("left_pt") or 0) / pitch
        total = round(first + left + cells(text[rec["start"]:block.start]), 1)
        if abs(total - want) > tol:
            hits.append(_hit(block.start, block.end, found=f"{total:g} 字", expected=f"{want:g} 字"))
    yield from _capped(hits, p["max_findings"])


# -- page numbers -------------------------------------------------------------------------------
def _footers(layout: dict[str, Any], index: int) -> dict[str, Any]:
    sections = layout.get("sections") or []
    return (sections[index].get("footers") or {}) if index < len(sections) else {}


@layout_check("page_number")
def page_number(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """Every section with text has a PAGE field in a footer."""
    for index in _sections_with_text(layout):
        footers = _footers(layout, index)
        if any(f.get("page_field") for f in footers.values()):
            continue
        anchor = _section_anchor(ctx, layout, index)
        if anchor:
            yield _hit(*anchor, found="页脚没有页码域" if footers else "没有页脚")


@layout_check("page_number_format", size_pt=NUMBER)
def page_number_format(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """"— 1 —" with 一字线, 4号, odd pages right and even pages left."""
    size_want = p["size_pt"]
    for index in _sections_with_text(layout):
        footers = _footers(layout, index)
        numbered = {k: f for k, f in footers.items() if f.get("page_field")}
        if not numbered:
            continue
        problems = []
        main = numbered.get("default") or next(iter(numbered.values()))
        if "number" in main:
            before, after = main.get("before", "").rstrip(), main.get("after", "").lstrip()
            if not (before[-1:] in tuple(_DASHES) and after[:1] in tuple(_DASHES)):
                problems.append(f"页码两侧没有一字线（现为“{(before + main['number'] + after).strip()}”）")
        if main.get("size_pt") is not None and abs(main["size_pt"] - size_want) > 0.25:
            problems.append(f"页码字号 {size_label(main['size_pt'])}")
        if not layout.get("even_and_odd_headers"):
            problems.append("未设“奇偶页不同”")
        else:
            if main.get("alignment") != "right":
                problems.append("单页码未居右")
            even = numbered.get("even")
            if even is None or even.get("alignment") != "left":
                problems.append("双页码未居左")
        anchor = _section_anchor(ctx, layout, index)
        if problems and anchor:
            yield _hit(*anchor, found="；".join(problems))


# -- 成文日期 -------------------------------------------------------------------------------------
@layout_check("date_position", max_gap=NUMBER)
def date_position(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """成文日期 on the right (右空四字 with a seal; about 右空二字 without)."""
    max_gap = p["max_gap"]
    records = _record_of(layout)
    text = ctx.document.text
    for block in ctx.document.blocks_of(BlockKind.DATE):
        rec = records.get(block.index)
        if rec is None or rec.get("table"):
            continue
        align = rec.get("alignment")
        if align == "center":
            yield _hit(block.start, block.end, found="居中")
            continue
        if align == "right":
            continue
        page = _page(layout, rec.get("section", 0))
        per_line, first = chars_per_line(page, rec)
        ind = rec.get("indent") or {}
        pitch = char_pitch(page, rec)
        left = ind["left_chars"] if ind.get("left_chars") is not None else \
            (ind.get("left_pt") or 0) / pitch
        used = first + left + cells(text[rec["start"]:block.end])
        gap = per_line - used
        if gap > max_gap:
            yield _hit(block.start, block.end, found=f"居左（右侧空约 {gap:.0f} 字）")


@layout_check("date_field")
def date_field(ctx: DocContext, layout: Layout, p: Params) -> Iterator[DocHit]:
    """A 成文日期 typed as a DATE/TIME/SAVEDATE/PRINTDATE field changes by itself."""
    records = _record_of(layout)
    for block in ctx.document.blocks_of(BlockKind.DATE):
        rec = records.get(block.index)
        field = (rec or {}).get("date_field") or ""
        name = field.split()[0].upper() if field.split() else ""
        if name in ("DATE", "TIME", "SAVEDATE", "PRINTDATE"):
            yield _hit(block.start, block.end, found=name)


CHECKS = (page_size, margins, text_area, line_grid, body_font, title_font, heading_fonts,
          first_line_indent, page_number, page_number_format, date_position, date_field)
