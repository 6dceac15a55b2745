"""Counts in the editor: hover on the title line and a code lens above it."""

from __future__ import annotations

from lsprotocol import types
from pygls.capabilities import get_capability

from ...model import Report
from ..positions import PositionMap
from ..stats import hover_markdown, lens_text
from .spec import feature

SHOW_STATS = "wenfeng.server.showStats"


def title_lines(report: Report, positions: PositionMap) -> range:
    """Lines of the title (or of the first paragraph when there is none); empty if no text."""
    blocks = report.document.title_blocks or list(report.document.blocks[:1])
    if not blocks:
        return range(0)
    return range(positions.line_of(blocks[0].start), positions.line_of(blocks[-1].end) + 1)


async def hover(ls, params: types.HoverParams):
    result = await ls.current(params.text_document.uri, flush=False)
    if result is None:
        return None
    positions = result.positions()
    lines = title_lines(result.report, positions)
    if params.position.line not in lines:
        return None
    formats = get_capability(ls.client_capabilities, "text_document.hover.content_format", None)
    kind = types.MarkupKind.Markdown if types.MarkupKind.Markdown in (formats or []) \
        else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=hover_markdown(result.report)),
                       range=positions.line_range(lines[0]))


async def code_lens(ls, params: types.CodeLensParams):
    uri = params.text_document.uri
    result = await ls.current(uri, flush=False)
    if result is None:
        return None
    positions = result.positions()
    lines = title_lines(result.report, positions)
    if not lines:
        return []
    command = types.Command(title=lens_text(result.report), command=SHOW_STATS,
                            arguments=[uri, "message"])
    return [types.CodeLens(range=positions.line_range(lines[0]), command=command)]


HANDLERS = (
    feature(types.TEXT_DOCUMENT_HOVER, hover),
    feature(
        types.TEXT_DOCUMENT_CODE_LENS, code_lens, types.CodeLensOptions(resolve_provider=False)
    ),
)
