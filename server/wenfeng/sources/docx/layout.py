"""Summarise a .docx's page setup and resolved formatting as plain data for the X8xx rules.

The rules (``rules/checks/layout.py``) and the page estimate (``metrics/pages.py``) must stay
pure — no lxml — so everything they need is extracted here once, into ``Document.extra["layout"]``:
sections (paper, margins, document grid, footers with their page-number field), and for every
Word paragraph its resolved alignment, indents, spacing, font sizes and typefaces.  Units are
millimetres for the page and points for type, as GB/T 9704 states them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ...chars import cells, is_han, is_space
from .styles import Styles, safe_xml, theme_fonts, to_int
from .walk import PPR, SECT_PR, ParaText, paragraph_runs, part_text, w

TWIPS_PER_MM = 1440 / 25.4
_ALIGN = {"start": "left", "end": "right", "both": "justify", "distribute": "distribute",
          "left": "left", "right": "right", "center": "center"}
_PAGE_FIELD = re.compile(r"^\s*PAGE(?:\s|\\|$)", re.I)
_DATE_FIELD = re.compile(r"^\s*(DATE|TIME|SAVEDATE|PRINTDATE|CREATEDATE)\b", re.I)
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"


def _mm(twips: int | None) -> float | None:
    return round(twips / TWIPS_PER_MM, 1) if twips is not None else None


def _theme(document) -> dict[str, str]:
    settings = document.settings.element
    lang = settings.find(w("themeFontLang"))
    east_lang = lang.get(w("eastAsia")) if lang is not None else None
    for rel in document.part.rels.values():
        if rel.reltype == RT_THEME and not rel.is_external:
            try:
                return theme_fonts(safe_xml(rel.target_part.blob), east_lang)
            except Exception:  # a broken theme only loses theme font names
                return {}
    return {}


def _footer_summary(part, styles: Styles) -> dict[str, Any]:
    """Text of a footer, whether it has a PAGE field, and how that number is set."""
    root = part.element
    text, _ = part_text(root)
    info: dict[str, Any] = {"text": text.strip(), "page_field": False}
    for para in root.iter(w("p")):
        runs = paragraph_runs(para)
        page = [i for i, r in enumerate(runs) if r.field and _PAGE_FIELD.match(r.field)]
        if not page and not any(_PAGE_FIELD.match(instr.text or "")
                                for instr in para.iter(w("instrText"))):
            continue
        info["page_field"] = True
        para_styles = styles.para_styles(para)
        chain = styles.ppr_chain(para, para_styles)
        info["alignment"] = _ALIGN.get(styles.attr(chain, "jc", "val") or "left", "left")
        if page:
            first, last = page[0], page[-1]
            info["before"] = "".join(r.text for r in runs[:first])
            info["after"] = "".join(r.text for r in runs[last + 1:])
            info["number"] = "".join(r.text for r in runs[first:last + 1])
            rchain = styles.rpr_chain(runs[first].element, para_styles)
            info["size_pt"] = styles.size(rchain)
            info["font"] = styles.font(rchain, "ascii") or styles.font(rchain, "eastAsia")
        break
    return info


def _sections(document, styles: Styles) -> list[dict[str, Any]]:
    body = document.element.body
    sect_prs = [p.find(PPR).find(SECT_PR) for p in body.findall(w("p"))
                if p.find(PPR) is not None and p.find(PPR).find(SECT_PR) is not None]
    final = body.find(SECT_PR)
    if final is not None:
        sect_prs.append(final)
    related = document.part.related_parts
    inherited: dict[str, Any] = {}
    out = []
    for sect in sect_prs:
        size = sect.find(w("pgSz"))
        mar = sect.find(w("pgMar"))
        grid = sect.find(w("docGrid"))
        kind = sect.find(w("type"))

        def get(el, name):
            return to_int(el.get(w(name))) if el is not None else None

        width, height = get(size, "w"), get(size, "h")
        section: dict[str, Any] = {
            "page_width_mm": _mm(width), "page_height_mm": _mm(height),
            "top_mm": _mm(get(mar, "top")), "bottom_mm": _mm(get(mar, "bottom")),
            "left_mm": _mm(get(mar, "left")), "right_mm": _mm(get(mar, "right")),
            "gutter_mm": _mm(get(mar, "gutter")) or 0.0,
            "start_type": kind.get(w("val")) if kind is not None else "nextPage",
            "title_page": sect.find(w("titlePg")) is not None
            and (sect.find(w("titlePg")).get(w("val"), "1") not in ("0", "false", "off")),
            "grid": {
                "type": (grid.get(w("type")) if grid is not None else None) or "default",
                "line_pitch_pt": (get(grid, "linePitch") or 0) / 20 or None,
                "char_space": get(grid, "charSpace") or 0,
            },
        }
        footers = {}
        for ref in sect.findall(w("footerReference")):
            rid = ref.get(f"{{{R_NS}}}id")
            part = related.get(rid) if rid else None
            if part is not None and hasattr(part, "element"):
                footers[ref.get(w("type")) or "default"] = _footer_summary(part, styles)
        inherited.update(footers)  # a section without a footer of a kind keeps the previous one
        section["footers"] = dict(inherited)
        out.append(section)
    return out


def _run_style(styles: Styles, run, para_styles) -> tuple[str, str, float, bool]:
    chain = styles.rpr_chain(run, para_styles)
    return (styles.font(chain, "eastAsia"), styles.font(chain, "ascii"), styles.size(chain),
            styles.toggle(chain, "b"))


def paragraph_layout(styles: Styles, para: ParaText, start: int, blocks: list[int],
                     segments: list[list], base_size: float) -> dict[str, Any]:
    """Resolved formatting of one Word paragraph starting at document offset ``start``."""
    p = para.element
    para_styles = styles.para_styles(p)
    chain = styles.ppr_chain(p, para_styles)
    han_fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    pos = start
    for run in para.runs:
        if not run.text:
            continue
        ea, ascii_font, size, bold = _run_style(styles, run.element, para_styles)
        visible = sum(1 for ch in run.text if not is_space(ch))
        han = sum(1 for ch in run.text if is_han(ch))
        if visible:
            sizes[size] += visible
        if han:
            han_fonts[ea] += han
        seg = [pos, pos + len(run.text), ea, ascii_font, size, bold]
        if segments and segments[-1][1] == pos and segments[-1][2:] == seg[2:]:
            segments[-1][1] = seg[1]
        else:
            segments.append(seg)
        pos += len(run.text)
    if not sizes:
        sizes[styles.size(styles.para_mark_chain(p, para_styles))] += 1
    size = sizes.most_common(1)[0][0]
    text = para.text
    first_line = text.split("\n", 1)[0]
    lead = first_line[:len(first_line) - len(first_line.lstrip(" \t\u3000\u00a0"))]
    style_name = ""
    if para_styles:
        name = para_styles[0].find(w("name"))
        style_name = name.get(w("val")) if name is not None else ""
    outline = to_int(styles.attr(chain, "outlineLvl", "val"))
    numbered = styles.first(chain, "numPr") is not None
    num_id = to_int(styles.attr(chain, "numId", "val")) if numbered else None
    date_field = next((r.field for r in para.runs if r.text.strip() and r.field
                       and _DATE_FIELD.match(r.field)), None)
    return {
        "start": start, "end": start + len(text), "blocks": blocks, "section": para.section,
        "table": list(para.table) if para.table else None,
        "style": style_name,
        "alignment": _ALIGN.get(styles.attr(chain, "jc", "val") or "left", "left"),
        "indent": styles.indent(chain),
        "spacing": styles.spacing(chain),
        "snap_to_grid": styles.toggle(chain, "snapToGrid") if styles.first(chain, "snapToGrid")
        is not None else True,
        "page_break_before": styles.toggle(chain, "pageBreakBefore"),
        "page_breaks": [i for i, page in enumerate(b for r in para.runs for b in r.breaks) if page],
        "outline_level": outline if outline is not None and 0 <= outline <= 8 else None,
        "numbered": bool(num_id),
        "size_pt": size,
        "east_asia_font": han_fonts.most_common(1)[0][0] if han_fonts else "",
        "lead_cells": cells(lead),
        "cells": [cells(line) for line in text.split("\n")],
        "cell_width_pt": _cell_width(p) if para.table else None,
        "date_field": date_field,
        "base_size_pt": base_size,
    }


def _cell_width(p) -> float | None:
    tc = p.getparent()
    while tc is not None and tc.tag != w("tc"):
        tc = tc.getparent()
    if tc is None:
        return None
    tcw = tc.find(f"{w('tcPr')}/{w('tcW')}")
    if tcw is None or (tcw.get(w("type")) or "dxa") != "dxa":
        return None
    value = to_int(tcw.get(w("w")))
    return value / 20 if value else None


def build_layout(document, paras: list[ParaText], starts: list[int],
                 blocks_of: list[list[int]]) -> dict[str, Any]:
    """The whole plain-data summary stored in ``Document.extra["layout"]``."""
    styles_root = document.styles.element
    styles = Styles(styles_root, _theme(document))
    settings = document.settings.element
    base_chain = [s.find(w("rPr")) for s in styles.chain(styles.default_para)]
    base_chain = [x for x in base_chain if x is not None] + (
        [styles.default_rpr] if styles.default_rpr is not None else [])
    base_size = styles.size(base_chain)
    segments: list[list] = []
    paragraphs = [paragraph_layout(styles, para, start, blocks, segments, base_size)
                  for para, start, blocks in zip(paras, starts, blocks_of)]
    return {
        "version": 1,
        "sections": _sections(document, styles),
        "even_and_odd_headers": styles.toggle([settings], "evenAndOddHeaders"),
        "mirror_margins": styles.toggle([settings], "mirrorMargins"),
        "base_size_pt": base_size,
        "paragraphs": paragraphs,
        "segments": segments,
    }
