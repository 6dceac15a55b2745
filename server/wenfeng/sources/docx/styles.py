"""Resolve Word formatting the way Word does: direct formatting → style chain → document defaults.

A paragraph that "looks like" 三号仿宋 rarely says so itself: the size usually comes from its
style (``Normal`` or a custom ``正文``), which is ``basedOn`` another style, and the east-Asian
typeface often comes from the document defaults or the theme (``w:eastAsiaTheme="minorEastAsia"``
→ the theme's ``Hans`` font).  The X8xx layout rules must see the resolved values, so this module
walks those chains once per paragraph and run.  Only values Word itself resolves this way are
handled; table-style formatting is not applied (noted where it matters).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .walk import PPR, RPR, on, w

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SCRIPTS = {"zh-cn": "Hans", "zh-sg": "Hans", "zh-tw": "Hant", "zh-hk": "Hant", "zh-mo": "Hant",
            "ja-jp": "Jpan", "ko-kr": "Hang"}
DEFAULT_SIZE_PT = 10.0  # ECMA-376 17.3.2.38: no w:sz anywhere → 10 pt


#: Largest magnitude taken from a numeric attribute.  Real values stay far below it (a page is
#: 31680 twips at most, a font 3276 half-points); beyond it a value is a hostile file's, and would
#: send the page layout through billions of pages or overflow a float.
MAX_ATTRIBUTE = 1_000_000


def to_int(value) -> int | None:
    """An integer attribute, or None when missing, malformed or out of any real range (hostile
    files lie: ``1e400``, ``nan``, twenty digits)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not -MAX_ATTRIBUTE <= number <= MAX_ATTRIBUTE:  # also false for nan
        return None
    return int(number)


def safe_xml(blob: bytes):
    """Parse a part blob without DTDs, entities or network (the bytes were vetted already)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    return etree.fromstring(blob, parser)


def theme_fonts(theme_root, east_asia_lang: str | None) -> dict[str, str]:
    """``{"minorEastAsia": "宋体", "majorEastAsia": …, "minorAscii": …}`` from a theme part."""
    fonts: dict[str, str] = {}
    if theme_root is None:
        return fonts
    script = _SCRIPTS.get((east_asia_lang or "zh-CN").lower(), "Hans")
    for which in ("major", "minor"):
        node = theme_root.find(f".//{{{A_NS}}}{which}Font")
        if node is None:
            continue
        latin = node.find(f"{{{A_NS}}}latin")
        ea = node.find(f"{{{A_NS}}}ea")
        by_script = {f.get("script"): f.get("typeface") for f in node.findall(f"{{{A_NS}}}font")}
        east = (ea.get("typeface") if ea is not None else "") or by_script.get(script, "")
        if latin is not None and latin.get("typeface"):
            fonts[f"{which}Ascii"] = fonts[f"{which}HAnsi"] = latin.get("typeface")
        if east:
            fonts[f"{which}EastAsia"] = east
    return fonts


class Styles:
    """The style sheet of one document, ready to answer "what is the effective X here?"."""

    def __init__(self, styles_root, theme: dict[str, str]) -> None:
        self.theme = theme
        self.by_id: dict[str, Any] = {}  # lxml elements
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_ppr = None
        self.default_rpr = None
        if styles_root is None:
            return
        for style in styles_root.iter(w("style")):
            sid = style.get(w("styleId"))
            if sid is None:
                continue
            self.by_id.setdefault(sid, style)
            if style.get(w("default")) in ("1", "true", "on"):
                kind = style.get(w("type"))
                if kind == "paragraph" and self.default_para is None:
                    self.default_para = sid
                elif kind == "character" and self.default_char is None:
                    self.default_char = sid
        defaults = styles_root.find(w("docDefaults"))
        if defaults is not None:
            self.default_ppr = defaults.find(f"{w('pPrDefault')}/{PPR}")
            self.default_rpr = defaults.find(f"{w('rPrDefault')}/{RPR}")

    # -- chains -------------------------------------------------------------------------------
    def chain(self, style_id: str | None) -> list[Any]:
        """The style and its ``basedOn`` ancestors (loops and absurd depth cut off)."""
        out: list[Any] = []
        seen = set()
        while style_id and style_id not in seen and len(out) < 20:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                break
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def para_styles(self, p) -> list:
        ppr = p.find(PPR)
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        sid = ps.get(w("val")) if ps is not None else self.default_para
        return self.chain(sid) or self.chain(self.default_para)

    def ppr_chain(self, p, styles: list) -> list:
        chain = [p.find(PPR)] + [s.find(PPR) for s in styles] + [self.default_ppr]
        return [x for x in chain if x is not None]

    def rpr_chain(self, r, para_styles: list) -> list:
        rpr = r.find(RPR) if r is not None else None
        rs = rpr.find(w("rStyle")) if rpr is not None else None
        char_styles = self.chain(rs.get(w("val")) if rs is not None else self.default_char)
        chain = [rpr] + [s.find(RPR) for s in char_styles] + [s.find(RPR) for s in para_styles]
        chain.append(self.default_rpr)
        return [x for x in chain if x is not None]

    def para_mark_chain(self, p, para_styles: list) -> list:
        """Run properties of the paragraph itself (for empty paragraphs): mark rPr + styles."""
        ppr = p.find(PPR)
        mark = ppr.find(RPR) if ppr is not None else None
        chain = [mark] + [s.find(RPR) for s in para_styles] + [self.default_rpr]
        return [x for x in chain if x is not None]

    # -- lookups -------------------------------------------------------------------------------
    @staticmethod
    def first(chain: list, tag: str):
        for props in chain:
            child = props.find(w(tag))
            if child is not None:
                return child
        return None

    @staticmethod
    def attr(chain: list, tag: str, name: str):
        """The first level that sets attribute ``name`` on child ``tag``."""
        for props in chain:
            child = props.find(w(tag))
            if child is not None and child.get(w(name)) is not None:
                return child.get(w(name))
        return None

    def toggle(self, chain: list, tag: str) -> bool:
        for props in chain:
            if props.find(w(tag)) is not None:
                return on(props, tag)
        return False

    def size(self, chain: list) -> float:
        half = to_int(self.attr(chain, "sz", "val"))
        return half / 2 if half else DEFAULT_SIZE_PT

    def font(self, chain: list, which: str) -> str:
        """``which`` is "eastAsia" or "ascii"; theme references resolved through the theme."""
        for props in chain:
            fonts = props.find(w("rFonts"))
            if fonts is None:
                continue
            theme_ref = fonts.get(w(f"{which}Theme"))
            if theme_ref and self.theme.get(theme_ref):
                return self.theme[theme_ref]
            if fonts.get(w(which)):
                return fonts.get(w(which))
        return ""

    def indent(self, chain: list) -> dict[str, float | None]:
        """First-line (negative for hanging), left and right indents; chars beat twips."""
        out: dict[str, float | None] = {"first_pt": None, "first_chars": None, "left_pt": None,
                                         "left_chars": None, "right_pt": None, "right_chars": None}
        groups = {
            "first": (
                ("firstLineChars", 1),
                ("hangingChars", -1),
                ("firstLine", 1),
                ("hanging", -1),
            ),
            "left": (("leftChars", 1), ("startChars", 1), ("left", 1), ("start", 1)),
            "right": (("rightChars", 1), ("endChars", 1), ("right", 1), ("end", 1)),
        }
        for group, names in groups.items():
            for props in chain:
                ind = props.find(w("ind"))
                if ind is None or not any(ind.get(w(n)) is not None for n, _ in names):
                    continue
                for name, sign in names:
                    value = to_int(ind.get(w(name)))
                    if value is None or (name.endswith("Chars") and value == 0):
                        continue  # Word writes firstLineChars="0" next to a real firstLine
                    if name.endswith("Chars"):
                        out[f"{group}_chars"] = sign * value / 100
                    else:
                        out[f"{group}_pt"] = sign * value / 20
                    break
                break
        return out

    def spacing(self, chain: list) -> dict[str, object]:
        rule = self.attr(chain, "spacing", "lineRule") or "auto"
        line = to_int(self.attr(chain, "spacing", "line"))
        out: dict[str, object] = {"rule": rule}
        if rule == "auto":
            out["multiple"] = round(line / 240, 3) if line else 1.0
        else:
            out["line_pt"] = line / 20 if line else None
        for side in ("before", "after"):
            lines = to_int(self.attr(chain, "spacing", f"{side}Lines"))
            twips = to_int(self.attr(chain, "spacing", side))
            out[f"{side}_lines"] = lines / 100 if lines else None
            out[f"{side}_pt"] = twips / 20 if twips else 0.0
        return out
