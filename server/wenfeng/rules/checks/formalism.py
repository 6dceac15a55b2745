"""Formalism checks of 《若干措施》 that need more than one paragraph or a little arithmetic.

- ``same_day_deadline`` (第13条 "上午发通知，下午要材料"): a reporting deadline within a day of
  the 成文日期.
- ``research_visit`` (第10、11条): a 调研 notice asking the hosts to prepare written material.
- ``meeting_duration`` (第9条): a work meeting scheduled for more than 90 minutes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ...model import BlockKind
from ..context import DocContext, DocHit
from ..matching import compile_pattern, normalize
from .base import check
from .dates import issue_date

_HALF_DAY = r"(?:上午|中午|下午|晚上)?"
_CLOCK_TIME = r"(?:\d{1,2}(?:[:：]\d{2}|时|点)(?:\d{1,2}分|半)?)?"
_BEFORE = r"(?:" + _HALF_DAY + r"下班前|" + _HALF_DAY + _CLOCK_TIME + r"(?:前|之前|以前))"
_DEADLINE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:（(?:星期|周)[一二三四五六日天]）)?"
    + _BEFORE)
_CUTOFF = re.compile(
    r"截止(?:时间|日期)?(?:为|至|到|：)?\s*(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    + _HALF_DAY
    + _CLOCK_TIME
)
_SUBMIT = re.compile(r"[^。；！？]{0,24}?(?:报送|上报|报至|报给|提交|反馈|上传|发送|报)")
_LOOKBACK = 24


def _body(ctx: DocContext):
    return [b for b in ctx.document.blocks if b.kind in (BlockKind.BODY, BlockKind.HEADING)]


def _deadline_date(m: re.Match[str], issued: dt.date) -> dt.date | None:
    year = int(m["y"]) if m["y"] else issued.year
    try:
        day = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if not m["y"] and day < issued and (issued - day).days > 180:
        day = day.replace(year=year + 1)   # a December notice with a January deadline
    return day


@check("same_day_deadline", max_days=int)
def same_day_deadline(ctx: DocContext, rule) -> Iterator[DocHit]:
    issued = issue_date(ctx.document)
    if issued is None:
        return
    date, written = issued
    max_days = rule.params.get("max_days", 1)
    for block in _body(ctx):
        text = normalize(block.text)
        for regex, needs_verb in ((_DEADLINE, True), (_CUTOFF, False)):
            for m in regex.finditer(text):
                if needs_verb and not _SUBMIT.match(text, m.end()):
                    continue
                day = _deadline_date(m, date)
                if day is None or not 0 <= (day - date).days <= max_days:
                    continue
                start, end = block.source_span(*m.span())
                days = (day - date).days
                gap = "是同一天" if days == 0 else f"只隔{days}天"
                yield DocHit(start, end, None, {"found": block.text[m.start():m.end()],
                                                "date": written, "gap": gap})


@check("research_visit", title_terms=list, pattern=str, negation=str)
def research_visit(ctx: DocContext, rule) -> Iterator[DocHit]:
    title = ctx.document.title
    if not any(t in title for t in rule.params.get("title_terms", ["调研"])):
        return
    demand = compile_pattern(rule.params["pattern"])
    negation = (compile_pattern(f"(?:{rule.params['negation']})$")
                if rule.params.get("negation") else None)
    for block in _body(ctx):
        text = normalize(block.text)
        for m in demand.finditer(text):
            if negation and negation.search(text[max(0, m.start() - _LOOKBACK):m.start()]):
                continue
            start, end = block.source_span(*m.span())
            yield DocHit(start, end, None, {"found": block.text[m.start():m.end()]})


_CLOCK = (
    r"(?P<h{n}>\d{{1,2}})(?:[:：](?P<m{n}>\d{{2}})|时(?:(?P<mm{n}>\d{{1,2}})分|(?P<half{n}>半))?)"
)
_RANGE = re.compile(
    r"(?P<pm1>下午|晚上)?" + _CLOCK.format(n=1) + r"\s*(?:[-—–~～至到]|——)\s*"
    r"(?P<pm2>上午|中午|下午|晚上)?" + _CLOCK.format(n=2))
_MEETING_CUE = re.compile(r"会议时间|召开|举行|会期|开会|时间安排|会议于")
_OTHER_CUE = re.compile(r"(?:报到|签到|报名|参观|用餐|考察|集合|布展|彩排)[^。；，]{0,10}$")


def _minutes(m: re.Match[str], n: int) -> int:
    h = int(m[f"h{n}"])
    minutes = int(m[f"m{n}"] or m[f"mm{n}"] or (30 if m[f"half{n}"] else 0))
    return h * 60 + minutes


@check("meeting_duration", max_minutes=int, title_terms=list, exempt_terms=list)
def meeting_duration(ctx: DocContext, rule) -> Iterator[DocHit]:
    title = ctx.document.title
    if not any(t in title for t in rule.params.get("title_terms", ["会议"])):
        return
    if any(t in title for t in rule.params.get("exempt_terms", [])):
        return
    limit = rule.params.get("max_minutes", 90)
    blocks = _body(ctx)
    for index, block in enumerate(blocks):
        text = normalize(block.text)
        context = text + (normalize(blocks[index - 1].text) if index else "")
        if not _MEETING_CUE.search(context):
            continue
        for m in _RANGE.finditer(text):
            if _OTHER_CUE.search(text[max(0, m.start() - 14):m.start()]):
                continue
            begin, finish = _minutes(m, 1), _minutes(m, 2)
            if m["pm1"] and begin < 12 * 60:
                begin += 12 * 60
            if (m["pm2"] in ("下午", "晚上") or m["pm1"]) and finish < 12 * 60:
                finish += 12 * 60
            length = finish - begin
            if length > limit:
                start, end = block.source_span(*m.span())
                yield DocHit(start, end, None, {"found": block.text[m.start():m.end()],
                                                "minutes": length})


CHECKS = (same_day_deadline, research_visit, meeting_duration)
