"""Recognise the parts of a 公文 in a list of paragraphs.

Every reader (.txt, .md, .docx, editor text) first cuts its input into paragraphs with offsets
and then calls :func:`classify` here, so 标题, 主送机关, 正文, 附件说明, 署名, 成文日期 and 版头/版记
are found the same way whatever the format.  Only layout cues are used (position, length, the
numbering markers of GB/T 9704 7.3.3, the 附件/抄送/印发 labels); the 文种 is decided later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..lru import map_texts, short_text_cache
from ..model import BlockKind
from ..traditional import to_simplified

# 序次语 at the start of a heading: 一、 （一） 1. （1） and their common wrong variants
# (1、 (一) 第一、 ⑴), so that the numbering rules see every heading.
HEADING_RE = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十百]+\s*[、.．，,：:]"
    r"|[（(]\s*[一二三四五六七八九十百]+\s*[）)]"
    r"|\d{1,3}\s*(?:[.．](?!\d)|[.．](?=\d{4}年)|、)"
    r"|[（(]\s*\d{1,3}\s*[）)]"
    r"|第[一二三四五六七八九十百]+\s*[、，,]"
    r"|[⑴-⒇①-⑳]"
    r")"
)
_DATE_CORE = (
    r"(?:\d{2,4}|[〇○零Ｏ一二三四五六七八九]{2,4})\s*年\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
DATE_LINE_RE = re.compile(
    r"^\s*[（(]?\s*(?:" + _DATE_CORE + r"|\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2})\s*[）)]?\s*$"
)
ATTACHMENT_RE = re.compile(r"^\s*附\s*件\s*[：:]")
# numbered attachment lines, including the non-standard forms N721 corrects (2、 （2） 二、 ②)
ATTACHMENT_CONT_RE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、，,]|[（(]\s*\d{1,2}\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、.．]|[\u2460-\u2473])")
NOTE_RE = re.compile(r"^\s*[（(]\s*(?:联系人|此件|本件|此页)")
COPY_RE = re.compile(
    r"^\s*(?:抄\s*送|抄\s*报|主\s*送|报\s*送|发\s*送)\s*[：:]"
)  # 版记 (简报: 报送/发送)
PRINTED_RE = re.compile(r".{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
DOC_NUMBER_RE = re.compile(r"^\s*\S{1,12}[〔\[【(（]\s*\d{2,4}\s*[〕\]】)）]\s*第?\s*\d+\s*号\s*$")
HEADER_RE = re.compile(
    r"^\s*(?:\S{2,30}(?:文件|简报|通讯|专报|快报|动态|要情|信息)|签发人[：:].*|份号.*|"
    r"(?:绝密|机密|秘密)(?:★.*)?|特急|加急|平急|第\s*\S{1,6}\s*期|"
    r"\S{2,30}(?:编|办公室|室|办|局|委)\s+\d{4}\s*年.*|（?\s*内部资料.*）?|（?\s*供领导参阅\s*）?)\s*$"
)
# 期号 without 第 (“20期”, “第20期（总第315期）”): the line above it is the 简报's name
ISSUE_RE = re.compile(r"^\s*(?:第\s*)?[\d一二三四五六七八九十百]{1,5}\s*期"
                      r"\s*(?:[（(]\s*总第?\s*\d+\s*期\s*[）)])?\s*$")
# a speaker line with no title above it: “区长 窦小华”
_SPEAKER_TITLE_RE = re.compile(r"^\s*\S{1,12}(?:长|书记|主任|主席|委员|部长|代表)\s+\S{2,4}\s*$")
MARKER_RE = re.compile(
    r"^\s*(?:<!--\s*)?(?:【\s*)?文\s*种\s*[：:=]\s*([^\s】<>-]{2,8})\s*(?:】)?\s*(?:-->)?\s*$"
)
ADDRESSEE_MAX = 80
_SENTENCE_INSIDE = re.compile(r"[。！？；!?;]")  # a full sentence within a line
TITLE_MAX = 60
_SENTENCE_END = re.compile(r"[。！？!?；;]\s*$")
_DOCTYPE_TAIL = re.compile(
    r"(?:请示|报告|通知|通报|意见|决定|决议|命令|令|公报|公告|通告|批复|议案|函|纪要|讲话|讲话稿|"
    r"致辞|发言|主持词|汇报|汇报材料|汇报提纲|简报|办法|规定|细则|措施|方案|规划|条例|要点|总结|申请)\s*$"
)
_SPEAKER_RE = re.compile(r"^\s*[（(].{0,30}[）)]\s*$|^\s*\S{2,4}\s*$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as a reader found it: its content text and where it sits in the source."""

    text: str           # content only, outer whitespace removed
    start: int          # source offset of text[0]
    end: int            # source offset just past the content
    line: int = 0
    offsets: tuple[int, ...] | None = None  # None: identity (start + i)
    heading_level: int | None = None         # set by markdown/docx when the format says so


def find_marker(paragraphs: list[Paragraph], look: int = 6) -> tuple[int | None, str | None]:
    """An explicit "文种：请示" marker line among the first lines: (index, 文种)."""
    return find_marker_in([p.text for p in paragraphs[:look]], look)


def find_marker_in(texts: Sequence[str], look: int = 6) -> tuple[int | None, str | None]:
    """:func:`find_marker` on the paragraphs' texts."""
    for i, text in enumerate(texts[:look]):
        m = MARKER_RE.match(text)
        if m:
            return i, m.group(1)
    return None, None


def _is_title_like(text: str) -> bool:
    if len(text) > TITLE_MAX or _SENTENCE_END.search(text):
        return False
    return True


def classify(paragraphs: list[Paragraph]) -> list[BlockKind]:
    """Assign a :class:`BlockKind` to every paragraph."""
    return classify_texts([p.text for p in paragraphs], [p.heading_level for p in paragraphs])


def clear_caches() -> None:
    """Forget the per-paragraph cues (benchmarks measure cold reads with this)."""
    _cues.cache_clear()


@short_text_cache(2048)
def _cues(text: str) -> tuple[bool, bool]:
    """Whether a paragraph's (simplified) text reads as a heading, and as a 附件 line: asked of
    every paragraph of a document each time it is read — in an editor, on every keystroke."""
    return HEADING_RE.match(text) is not None, ATTACHMENT_RE.match(text) is not None


def classify_texts(texts: Sequence[str],
                   heading_levels: Sequence[int | None] | None = None) -> list[BlockKind]:
    """:func:`classify` on the paragraphs' texts and heading levels (None: none has one)."""
    texts = list(map(to_simplified, texts))  # layout cues are written in simplified characters
    n = len(texts)
    cues = map_texts(_cues, texts)  # (heading?, 附件 line?) of each paragraph, cached per text
    kinds: list[BlockKind | None] = [None] * n

    marker_index, _ = find_marker_in(texts)
    if marker_index is not None:
        kinds[marker_index] = BlockKind.META

    # 版头: header lines before the title (机关标志, 发文字号, 签发人, 期号, 编发单位…).
    i = 0
    while i < n and (kinds[i] is BlockKind.META or (HEADER_RE.match(texts[i])
                     and not HEADING_RE.match(texts[i])) or DOC_NUMBER_RE.match(texts[i])
                     or ISSUE_RE.match(texts[i]) or _SPEAKER_TITLE_RE.match(texts[i])
                     or (i + 1 < n and len(texts[i]) <= 30 and ISSUE_RE.match(texts[i + 1]))):
        kinds[i] = BlockKind.META
        i += 1

    # 标题: the first title-like line, plus up to two continuation lines when the first does not
    # end in a 文种 word but the last of them does ("关于……\n的请示", "××人民政府\n关于……第一次\n
    # 会议第9号建议的复函").
    # (a line ending in a colon is the 主送机关 or 称呼 of a text that has no title line)
    if i < n and _is_title_like(texts[i]) and not HEADING_RE.match(texts[i]) \
            and not texts[i].rstrip().endswith(("：", ":")):
        kinds[i] = BlockKind.TITLE
        j = i + 1
        if not _DOCTYPE_TAIL.search(texts[i]):
            for last in range(i + 1, min(i + 3, n)):
                if not _is_title_like(texts[last]) or texts[last].endswith(("：", ":")) \
                        or HEADING_RE.match(texts[last]):
                    break
                if _DOCTYPE_TAIL.search(texts[last]):
                    for t in range(i + 1, last + 1):
                        kinds[t] = BlockKind.TITLE
                    j = last + 1
                    break
        i = j
        # a speech's date/speaker line under its title: "（2024年3月5日）", "张三"
        while i < n and (DATE_LINE_RE.match(texts[i]) or (_SPEAKER_RE.match(texts[i])
                         and not texts[i].endswith(("：", ":")))):
            kinds[i] = BlockKind.META
            i += 1

    # 主送机关 / 称呼: a short line ending in a colon right after the title; a line holding a
    # whole sentence ("……收悉。经研究，批复如下：") is the opening of the body, not an addressee.
    if i < n and texts[i].rstrip().endswith(("：", ":")) and len(texts[i]) <= ADDRESSEE_MAX \
            and not HEADING_RE.match(texts[i]) and not ATTACHMENT_RE.match(texts[i]) \
            and not _SENTENCE_INSIDE.search(texts[i]):
        kinds[i] = BlockKind.ADDRESSEE
        i += 1
    body_start = i

    # 版记 and 落款 from the end: 抄送/印发 lines, 附注, 成文日期, 署名, 附件说明.
    k = n - 1
    while k >= body_start and (COPY_RE.match(texts[k]) or PRINTED_RE.match(texts[k])):
        kinds[k] = BlockKind.META
        k -= 1
    while k >= body_start and NOTE_RE.match(texts[k]):
        kinds[k] = BlockKind.NOTE
        k -= 1
    if k >= body_start and DATE_LINE_RE.match(texts[k]):
        kinds[k] = BlockKind.DATE
        k -= 1
        # 署名: up to two short lines without sentence punctuation above the date
        for _ in range(2):
            if (k >= body_start and len(texts[k]) <= 30 and not _SENTENCE_END.search(texts[k])
                    and not HEADING_RE.match(texts[k]) and not ATTACHMENT_CONT_RE.match(texts[k])
                    and not ATTACHMENT_RE.match(texts[k]) and "，" not in texts[k]):
                kinds[k] = BlockKind.SIGNATURE
                k -= 1
    body_end = k + 1

    # 附件说明: "附件：…" and its numbered continuation lines, after the body.
    for a in range(body_start, body_end):
        if cues[a][1] and len(texts[a]) <= 120:
            kinds[a] = BlockKind.ATTACHMENT
            b = a + 1
            # a short numbered line may end in "。"/"；" (a drafting slip N722 reports)
            while b < body_end and ATTACHMENT_CONT_RE.match(texts[b]) and len(texts[b]) <= 80 \
                    and (not _SENTENCE_END.search(texts[b]) or len(texts[b]) <= 40):
                kinds[b] = BlockKind.ATTACHMENT
                b += 1
            if b == body_end:
                body_end = a
                break
            # not at the end: an ordinary body line that starts with 附件 (keep as body)
            for c in range(a, b):
                kinds[c] = None

    result: list[BlockKind] = []
    for idx in range(n):
        kind = kinds[idx]
        if kind is None:
            if (heading_levels is not None and heading_levels[idx] is not None) \
                    or cues[idx][0]:
                kind = BlockKind.HEADING
            else:
                kind = BlockKind.BODY
        result.append(kind)
    return result
