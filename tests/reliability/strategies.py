"""Hypothesis strategies for hostile-but-plausible drafts.

Documents are built line by line from fragments that real drafts and real accidents contain:
common and rare Han (Extension B–H, 𠀀), full/half-width punctuation, emoji sequences, combining
marks, control and format characters, lone surrogates (an editor can send them over JSON),
U+3000 and other spaces, 公文 structure lines, markdown markup, and — so that rules actually fire
and fixes actually exist — pieces of every rule's own ``bad`` examples and lexicon terms.
Lines are joined with any of the line breaks the readers know (``\\r\\n``, ``\\r``, U+2028 …).
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import strategies as st

#: every separator ``sources.text.LINE_BREAK_RE`` splits on
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
#: separators markdown (CommonMark) also treats as line ends
MD_LINE_BREAKS = ["\n", "\r\n", "\r"]

PUNCT = list("，。、；：？！“”‘’（）《》〈〉【】〔〕—…·～,.;:?!()[]{}\"'-_/\\%％＄#@&*+=<>|")
SPACES = [" ", "\t", "\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff"]
EMOJI = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇨🇳", "❤\ufe0f", "1\ufe0f\u20e3", "🀄", "㊙"]
COMBINING = ["e\u0301", "\u0301", "\u20dd", "\u3099", "\u0308\u0308", "字\u0301"]
# control/format characters that are NOT line breaks (those are the separators above)
CONTROLS = [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\n\r\x0b\x0c"] + [
    "\x7f", "\u200d", "\u200e", "\u202e", "\u2066", "\ufffd", "\ufffe", "\ud800", "\udfff",
]
RARE_HAN_RANGES = [
    (0x3400, 0x4DBF),    # Extension A
    (0x20000, 0x2A6DF),  # B (𠀀 = U+20000)
    (0x2A700, 0x2B73F),  # C
    (0x2B740, 0x2B81F),  # D
    (0x2B820, 0x2CEAF),  # E
    (0x2CEB0, 0x2EBEF),  # F
    (0x30000, 0x3134F),  # G
    (0x31350, 0x323AF),  # H
    (0xF900, 0xFAFF),    # compatibility ideographs
]
STRUCTURE = [
    "关于加强安全生产工作的请示", "关于2024年工作情况的报告", "在全市工作会议上的讲话", "XX市人民政府：",
    "各区县人民政府，市政府各部门：", "一、", "二、总体要求", "（一）", "（二）工作措施", "1.", "2．", "（1）",
    "(一)", "1、", "第一、", "⑴", "附件：1. 经费测算表", "2. 项目清单", "XX市财政局", "2025年1月6日",
    "二〇二五年一月六日", "（联系人：张三，电话：12345678）", "抄送：市委办公室。", "XX市人民政府办公室 2025年1月6日印发",
    "文种：请示", "文种：简报", "第3期", "妥否，请批示。", "特此报告。", "同志们：", "尊敬的各位领导、同志们：",
    "XX〔2025〕3号", "签发人：张三", "机密★1年", "特急",
]
MARKDOWN = [
    "# ", "## ", "### ", "**", "*", "_", "`", "```", "~~~", "> ", "- ", "* ", "+ ", "1. ", "2) ",
    "[", "]", "](http://example.com/a?b=c)", "![图](x.png)", "<b>", "</b>", "<!-- 文种：请示 -->",
    "<!--", "-->", "\\*", "\\", "&amp;", "&#x4e00;", "&nbsp;", "|", "| --- |", "---", "***",
    "    ", "[^1]", "<div>", "</div>", "<https://a.b>", "==", "\\\n",
]


@lru_cache(maxsize=1)
def lexicon_fragments() -> tuple[str, ...]:
    """Pieces of every rule's bad examples and terms, so that rules fire and fixes exist."""
    from wenfeng.rules.engine import get_engine

    engine = get_engine()
    out: set[str] = set()
    for rule in engine.lexicon.rules.values():
        for ex in rule.examples:
            if ex.bad and "{filler" not in ex.bad:
                out.update(line for line in ex.bad.splitlines() if line.strip())
        params = rule.params
        out.update(t for t in params.get("terms", []) if isinstance(t, str))
        for entry in params.get("entries", []):
            if isinstance(entry, dict):
                term = entry.get("term") or entry.get("find")
                if isinstance(term, str):
                    out.add(term)
        out.update(params.get("swap", {}))
    return tuple(sorted(out))


def _ranges_char(ranges):
    return st.sampled_from(ranges).flatmap(lambda r: st.integers(r[0], r[1]).map(chr))


common_han = st.integers(0x4E00, 0x9FFF).map(chr)
rare_han = _ranges_char(RARE_HAN_RANGES)
han_run = st.lists(st.one_of(common_han, common_han, rare_han), min_size=1, max_size=12).map("".join)


def fragments(markdown: bool = False, controls: bool = True) -> st.SearchStrategy[str]:
    """One piece of a line."""
    pieces = [
        han_run,
        st.sampled_from(lexicon_fragments()),
        st.sampled_from(lexicon_fragments()),
        st.sampled_from(PUNCT),
        st.sampled_from(SPACES),
        st.sampled_from(EMOJI),
        st.sampled_from(COMBINING),
        st.text(alphabet="0123456789０１２３４５６７８９.%％ABCabcＡＢＣ", min_size=1, max_size=6),
    ]
    if controls:
        pieces.append(st.sampled_from(CONTROLS))
    if markdown:
        pieces += [st.sampled_from(MARKDOWN), st.sampled_from(MARKDOWN)]
    return st.one_of(*pieces)


def lines(markdown: bool = False, controls: bool = True, max_lines: int = 14,
          huge: int = 3000) -> st.SearchStrategy[list[str]]:
    """A list of lines (no line breaks inside), some empty, some huge (a fragment repeated)."""
    normal = st.lists(fragments(markdown, controls), max_size=10).map("".join)
    empty = st.sampled_from(["", " ", "\u3000\u3000", "\t"])
    structure = st.sampled_from(STRUCTURE)
    big = st.tuples(st.lists(fragments(markdown, controls), min_size=1, max_size=4).map("".join),
                    st.integers(50, huge)).map(lambda t: (t[0] * t[1])[: max(1, t[1] * 4)])
    line = st.one_of(normal, normal, normal, empty, structure, big)
    # markdown lines may hold the separators CommonMark does not break at (U+2028, \x0c …)
    strip = MD_LINE_BREAKS if markdown else LINE_BREAKS
    extra = st.sampled_from(["\u2028", "\u2029", "\x85", "\x0b", "\x0c"]) if markdown else st.nothing()
    piece = st.one_of(line, line, line, st.tuples(line, extra, line).map("".join)) if markdown else line
    return st.lists(piece, max_size=max_lines).map(
        lambda ls: [_strip_breaks(x, strip) for x in ls])


def _strip_breaks(line: str, breaks=LINE_BREAKS) -> str:
    for br in breaks:
        line = line.replace(br, "")
    return line


@st.composite
def documents(draw, markdown: bool = False, controls: bool = True, mixed_breaks: bool = True,
              huge: int = 3000) -> str:
    """A whole document: lines joined by one line-break style or a mix of them."""
    ls = draw(lines(markdown, controls, huge=huge))
    breaks = MD_LINE_BREAKS if markdown else LINE_BREAKS
    if mixed_breaks and draw(st.booleans()):
        seps = draw(st.lists(st.sampled_from(breaks), min_size=len(ls), max_size=len(ls)))
        text = "".join(line + sep for line, sep in zip(ls, seps))
        if ls and draw(st.booleans()):
            text = text[: len(text) - len(seps[-1])]  # no final line break
        return text
    sep = draw(st.sampled_from(breaks))
    return sep.join(ls) + draw(st.sampled_from(["", sep]))
