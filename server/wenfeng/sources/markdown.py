"""Read Markdown drafts: content paragraphs with a code-point map back into the source.

markdown-it-py parses the structure (headings, lists, tables, code, HTML, front matter); we keep
only the prose.  Markup (``#``, ``**``, link targets, code, HTML and its comments, front matter)
is neither counted nor linted, yet every content character keeps its source offset so findings
and fixes land on the right characters of the ``.md`` file.  HTML comments may carry
suppressions (:mod:`.suppressions`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from ..model import Document
from . import suppressions
from .parts import MARKER_RE, Paragraph
from .text import build_document

# CommonMark ends lines at \r\n, \r and \n only; markdown-it's line numbers count those, so the
# line table must too (U+2028, form feeds… inside a paragraph would shift every later paragraph).
_MD_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[tuple[int, int, int]]:
    """``(line_no, start, end)`` of each line as markdown-it numbers them."""
    lines: list[tuple[int, int, int]] = []
    pos = 0
    for m in _MD_LINE_END.finditer(text):
        lines.append((len(lines), pos, m.start()))
        pos = m.end()
    lines.append((len(lines), pos, len(text)))
    return lines

_FRONT_MATTER_DOCTYPE = re.compile(r"^\s*(?:文种|doctype)\s*[:：]\s*[\"']?([^\s\"']{2,8})", re.M)
_SKIPPED_INLINE = {"code_inline", "image", "html_inline"}


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def _content_offsets(region: str, region_start: int, children,
                     html: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """Find each text child in the region in order; return content and its source offsets.
    The source spans of inline HTML are added to ``html``."""
    text_parts: list[str] = []
    offsets: list[int] = []
    cursor = 0
    for child in children or []:
        if child.type == "text" and child.content:
            idx = region.find(child.content, cursor)
            if idx < 0:
                # The source spells it differently (escapes, entities): fall back to the
                # characters we can still find one by one, dropping the rest.
                for ch in child.content:
                    j = region.find(ch, cursor)
                    if j < 0:
                        continue
                    text_parts.append(ch)
                    offsets.append(region_start + j)
                    cursor = j + 1
                continue
            text_parts.append(child.content)
            offsets.extend(range(region_start + idx, region_start + idx + len(child.content)))
            cursor = idx + len(child.content)
        elif child.type in _SKIPPED_INLINE and child.content:
            idx = region.find(child.content, cursor)
            if idx >= 0:
                cursor = idx + len(child.content)
                if child.type == "html_inline":
                    html += [(region_start + idx, region_start + cursor)]
    return "".join(text_parts), offsets


def parse_markdown(text: str, path: str | None = None, encoding: str = "utf-8") -> Document:
    """Markdown source → :class:`Document` whose blocks map back into the source."""
    lines = split_lines(text)
    tokens = _parser().parse(text)
    paragraphs: list[Paragraph] = []
    html: list[tuple[int, int]] = []  # source spans of HTML (comments may be suppressions)
    marker: str | None = None
    heading_level: int | None = None
    for tok in tokens:
        if tok.type == "front_matter":
            m = _FRONT_MATTER_DOCTYPE.search(tok.content)
            if m:
                marker = m.group(1)
            continue
        if tok.type == "html_block":
            m = MARKER_RE.match(tok.content.strip())
            if m:
                marker = m.group(1)
            if tok.map:
                html += [(lines[tok.map[0]][1], lines[min(tok.map[1], len(lines)) - 1][2])]
            continue
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
            continue
        if tok.type == "heading_close":
            heading_level = None
            continue
        if tok.type != "inline" or not tok.map:
            continue
        first, last = tok.map[0], max(tok.map[1] - 1, tok.map[0])
        region_start = lines[first][1]
        region_end = lines[min(last, len(lines) - 1)][2]
        content, offsets = _content_offsets(text[region_start:region_end], region_start,
                                            tok.children, html)
        # trim outer whitespace while keeping the map aligned
        lead = len(content) - len(content.lstrip())
        content_stripped = content.strip()
        if not content_stripped:
            continue
        offs = offsets[lead:lead + len(content_stripped)]
        contiguous = offs[-1] - offs[0] == len(offs) - 1
        paragraphs.append(Paragraph(
            text=content_stripped, start=offs[0], end=offs[-1] + 1, line=first,
            offsets=None if contiguous else tuple(offs),
            heading_level=heading_level,
        ))
    return build_document(text, paragraphs, fmt="md", path=path, encoding=encoding,
                          marker=marker, suppressions=suppressions.find(text, html, lines))
