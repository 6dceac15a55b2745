"""Build test .docx files with python-docx (plus raw XML where python-docx has no API).

``plain_docx`` is python-docx's stock template with one paragraph per line (what a draft pasted
into a blank Word file looks like).  ``gb_docx`` lays the same text out the way GB/T 9704-2012
asks — A4, 37/35/28/26 mm margins, a 22×28 document grid, 三号仿宋 body indented 2 字, 二号小标宋
centred title, 黑体/楷体/仿宋 headings, 成文日期 右空四字, "— 1 —" page numbers in 4号 on
odd/even footers — with every knob a keyword so one test can break one thing.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from wenfeng.model import BlockKind
from wenfeng.sources.text import parse_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_LEVELS = ((1, re.compile(r"^[一二三四五六七八九十]+、")), (2, re.compile(r"^（[一二三四五六七八九十]+）")),
                  (3, re.compile(r"^\d+\.")), (4, re.compile(r"^（\d+）")))
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}


def _child(parent, tag: str):
    el = parent.find(qn(tag))
    if el is None:
        el = parse_xml(f"<{tag} {nsdecls('w')}/>")
        parent.append(el)
    return el


def set_run_fonts(rpr, east_asia: str | None = None, ascii_font: str | None = None,
                  size_pt: float | None = None, theme: str | None = None) -> None:
    """Set w:rFonts / w:sz on an rPr element (python-docx has no east-Asian font API)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    if theme:
        fonts.set(qn("w:eastAsiaTheme"), theme)
        fonts.attrib.pop(qn("w:eastAsia"), None)
    if ascii_font:
        fonts.set(qn("w:ascii"), ascii_font)
        fonts.set(qn("w:hAnsi"), ascii_font)
        fonts.attrib.pop(qn("w:asciiTheme"), None)
        fonts.attrib.pop(qn("w:hAnsiTheme"), None)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = parse_xml(f"<{tag} {nsdecls('w')}/>")
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))


def set_indent(ppr, **attrs) -> None:
    ind = _child(ppr, "w:ind")
    for key, value in attrs.items():
        ind.set(qn(f"w:{key}"), str(value))


def set_align(ppr, value: str) -> None:
    _child(ppr, "w:jc").set(qn("w:val"), value)


def add_field(paragraph, instr: str, result: str, size_pt: float | None = None) -> None:
    """A complex field: begin / instrText / separate / result / end runs."""
    sz = f"<w:rPr><w:sz w:val='{int(size_pt * 2)}'/></w:rPr>" if size_pt else ""
    for xml in (f"<w:r {nsdecls('w')}>{sz}<w:fldChar w:fldCharType='begin'/></w:r>",
                f"<w:r {nsdecls('w')}>{sz}<w:instrText xml:space='preserve'> {instr} </w:instrText></w:r>",
                f"<w:r {nsdecls('w')}>{sz}<w:fldChar w:fldCharType='separate'/></w:r>",
                f"<w:r {nsdecls('w')}>{sz}<w:t>{result}</w:t></w:r>",
                f"<w:r {nsdecls('w')}>{sz}<w:fldChar w:fldCharType='end'/></w:r>"):
        paragraph._p.append(parse_xml(xml))


def plain_docx(text: str, path: Path) -> Path:
    """python-docx's stock template, one paragraph per line (blank lines kept)."""
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(path)
    return path


def _footer(section, align: str, margin_key: str, size_pt: float, before: str, after: str,
            even: bool = False) -> None:
    footer = section.even_page_footer if even else section.footer
    para = footer.paragraphs[0]
    ppr = para._p.get_or_add_pPr()
    set_align(ppr, align)
    set_indent(ppr, **{margin_key: 100})
    run = para.add_run(before)
    set_run_fonts(run._r.get_or_add_rPr(), east_asia="宋体", ascii_font="宋体", size_pt=size_pt)
    add_field(para, "PAGE", "1", size_pt)
    run = para.add_run(after)
    set_run_fonts(run._r.get_or_add_rPr(), east_asia="宋体", ascii_font="宋体", size_pt=size_pt)


def gb_docx(text: str, path: Path, *, paper=(210, 297), margins=(37, 35, 28, 26),
            body_font: str = "仿宋_GB2312", body_size: float = 16, title_font: str = "方正小标宋简体",
            title_size: float = 22, title_align: str = "center", heading_fonts=None,
            grid: tuple[str, int, int] | None = ("linesAndChars", 579, -842),
            indent_chars: int | None = 200, date_align: str = "right",
            page_numbers: bool = True, page_dashes: tuple[str, str] = ("— ", " —"),
            page_size: float = 14, odd_even: bool = True, date_field: bool = False,
            body_font_in_style: bool = True) -> Path:
    """The GB/T 9704 layout of ``text`` (lines → paragraphs, parts classified like wenfeng)."""
    heading_fonts = heading_fonts or HEADING_FONTS
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(paper[0]), Mm(paper[1])
    sec.top_margin, sec.bottom_margin = Mm(margins[0]), Mm(margins[1])
    sec.left_margin, sec.right_margin = Mm(margins[2]), Mm(margins[3])
    grid_el = sec._sectPr.find(qn("w:docGrid"))
    if grid_el is None:
        grid_el = parse_xml(f"<w:docGrid {nsdecls('w')}/>")
        sec._sectPr.append(grid_el)
    for key in list(grid_el.attrib):
        del grid_el.attrib[key]
    if grid:
        grid_el.set(qn("w:type"), grid[0])
        grid_el.set(qn("w:linePitch"), str(grid[1]))
        grid_el.set(qn("w:charSpace"), str(grid[2]))
    # Normal: 三号仿宋, single spacing, no space after, first line 2 字
    normal = d.styles["Normal"].element
    rpr = normal.get_or_add_rPr()
    if body_font_in_style:
        set_run_fonts(rpr, east_asia=body_font, ascii_font="Times New Roman", size_pt=body_size)
    ppr = normal.get_or_add_pPr()
    spacing = _child(ppr, "w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    if indent_chars is not None:
        set_indent(ppr, firstLineChars=indent_chars, firstLine=int(indent_chars * 1.6))
    # docDefaults size too, so the grid's character pitch is based on 三号
    defaults = d.styles.element.find(qn("w:docDefaults"))
    set_run_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), size_pt=body_size)

    doc = parse_text(text)
    kinds = {b.line: b.kind for b in doc.blocks}
    for n, line in enumerate(text.split("\n")):
        content = line.strip(" \u3000")
        para = d.add_paragraph()
        ppr = para._p.get_or_add_pPr()
        kind = kinds.get(n)
        if kind is BlockKind.TITLE:
            set_align(ppr, title_align)
            set_indent(ppr, firstLineChars=0, firstLine=0)
            run = para.add_run(content)
            set_run_fonts(run._r.get_or_add_rPr(), east_asia=title_font, size_pt=title_size)
            continue
        if kind in (BlockKind.ADDRESSEE, BlockKind.ATTACHMENT, BlockKind.META, BlockKind.NOTE) \
                or not content:
            set_indent(ppr, firstLineChars=0, firstLine=0)
            if kind is BlockKind.ATTACHMENT or kind is BlockKind.NOTE:
                set_indent(ppr, firstLineChars=200, firstLine=640)
            if kind is BlockKind.META and content.startswith("（"):
                set_align(ppr, "center")
        if kind in (BlockKind.SIGNATURE, BlockKind.DATE):
            set_align(ppr, date_align)
            set_indent(ppr, firstLineChars=0, firstLine=0, rightChars=400, right=1280)
            if kind is BlockKind.DATE and date_field:
                add_field(para, "DATE \\@ \"yyyy年M月d日\"", content)
                continue
        if kind is BlockKind.HEADING:
            level = next((lv for lv, rx in HEADING_LEVELS if rx.match(content)), None)
            if level:
                m = re.match(r"^.*?[。！？]", content)
                head = content[:m.end()] if m else content
                run = para.add_run(head)
                set_run_fonts(run._r.get_or_add_rPr(), east_asia=heading_fonts[level])
                if len(head) < len(content):
                    para.add_run(content[len(head):])
                continue
        if content:
            para.add_run(content)
    if page_numbers:
        if odd_even:
            d.settings.odd_and_even_pages_header_footer = True
            _footer(sec, "right", "rightChars", page_size, *page_dashes)
            _footer(sec, "left", "leftChars", page_size, *page_dashes, even=True)
        else:
            _footer(sec, "center", "leftChars", page_size, *page_dashes)
    # python-docx's template starts with no paragraph; remove nothing else
    d.save(path)
    return path


# -- raw package edits ----------------------------------------------------------------------------
def rewrite_part(path: Path, part: str, edit) -> Path:
    """Rewrite one part of a .docx in place: ``edit(xml_text) -> xml_text``."""
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == part:
                blob = edit(blob.decode("utf-8")).encode("utf-8")
            zout.writestr(info, blob)
    path.write_bytes(out.getvalue())
    return path


def body_xml(inner: str) -> str:
    """A whole document.xml with ``inner`` as the body content."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:body>{inner}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            f'<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" '
            f'w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>')


def docx_with_body(path: Path, inner: str) -> Path:
    """A stock .docx whose body is replaced by raw WordprocessingML."""
    docx.Document().save(path)
    return rewrite_part(path, "word/document.xml", lambda _: body_xml(inner))


def anchored_texts(path: Path) -> dict[int, str]:
    """Comment id → the text inside its commentRangeStart…commentRangeEnd, in reading order.

    Deleted text (w:delText) is shown as ``[-…-]`` and inserted text as ``[+…+]`` so a test can
    see tracked changes inside an anchor.
    """
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    w = f"{{{W_NS}}}"
    open_ids: list[int] = []
    texts: dict[int, list[str]] = {}
    for el in root.iter():
        if el.tag == w + "commentRangeStart":
            cid = int(el.get(w + "id"))
            open_ids.append(cid)
            texts[cid] = []
        elif el.tag == w + "commentRangeEnd":
            open_ids.remove(int(el.get(w + "id")))
        elif el.tag in (w + "t", w + "delText") and open_ids:
            inside_ins = any(a.tag == w + "ins" for a in el.iterancestors())
            text = el.text or ""
            if el.tag == w + "delText":
                text = f"[-{text}-]"
            elif inside_ins:
                text = f"[+{text}+]"
            for cid in open_ids:
                texts[cid].append(text)
        elif el.tag == w + "p" and open_ids:  # a range spanning paragraphs
            for cid in open_ids:
                if texts[cid]:
                    texts[cid].append("\n")
        elif el.tag in (w + "br", w + "cr") and open_ids:
            for cid in open_ids:
                texts[cid].append("\n")
    return {cid: "".join(parts) for cid, parts in texts.items()}
