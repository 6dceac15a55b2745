"""The 文种 catalogue (data: ``lexicons/doctypes.toml``) and how a draft's 文种 is decided.

The 15 statutory types come from 《党政机关公文处理工作条例》第八条; the working types (简报, 讲话,
主持词, 汇报材料, 综合性报告 / 专项报告, 政策性文件) are the ones the length limits of the
《若干措施》第6条、第9条 name.  An explicit choice always wins; otherwise the title decides
("关于……的请示" → 请示), then content cues (期号 → 简报, "妥否，请批示" → 请示…), then weak
title shapes (a news headline without a 文种 word → 简报).  When nothing matches the type is
未识别: no length limit applies and the output says how to set one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .datafiles import read_toml, shipped_root
from .model import UNKNOWN_DOCTYPE, BlockKind, DocTypeDecision, Document
from .traditional import to_simplified


@dataclass(frozen=True)
class DocType:
    name: str
    statutory: str | None     # the 条例 文种 it is a form of (None for 讲话, 简报…)
    direction: str            # "up" | "down" | "parallel" | "public" | "meeting" | "any"
    description: str
    spoken: bool = False      # delivered aloud: its length is also given in minutes


def _load() -> dict[str, Any]:
    data, _ = read_toml(shipped_root() / "doctypes.toml")
    return data


_DATA = _load()
CATALOGUE: tuple[DocType, ...] = tuple(
    DocType(t["name"], t.get("statutory"), t["direction"], t["description"],
            t.get("spoken", False))
    for t in _DATA["doctypes"])
BY_NAME = {d.name: d for d in CATALOGUE}
SPOKEN = frozenset(d.name for d in CATALOGUE if d.spoken)
NAMES: tuple[str, ...] = tuple(d.name for d in CATALOGUE)

# Names users type that mean a catalogue entry ("" = detect automatically).
ALIASES = {alias: t["name"] for t in _DATA["doctypes"] for alias in t.get("aliases", [])}
ALIASES.update({alias: UNKNOWN_DOCTYPE for alias in _DATA["unknown_aliases"]})
ALIASES.update({alias: "" for alias in _DATA["auto_aliases"]})

#: 文种 whose documents go down to subordinate bodies (formalism rules F5xx look at these).
DOWNWARD = frozenset(d.name for d in CATALOGUE if d.direction == "down") | frozenset(
    _DATA["also_downward"])


def canonical(name: str) -> str:
    """A catalogue name for a user-typed 文种, "" for automatic, or raise ValueError."""
    n = name.strip()
    if n in BY_NAME or n == UNKNOWN_DOCTYPE:
        return n
    if n in ALIASES:
        return ALIASES[n]
    raise ValueError(f"未知文种 “{name}”；可用：{'、'.join(NAMES)}")


_POLICY_WORDS = _DATA["policy_words"]
_COMPREHENSIVE = re.compile(_DATA["comprehensive_report"])
_REPORT_PERIOD = re.compile(_DATA["report_period"])
_GENERAL_SUBJECT = re.compile(_DATA["report_general_subject"])
_TITLE_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(t["pattern"].replace("{policy_words}", _POLICY_WORDS)), t["doctype"],
     t.get("reason", "标题以“{found}”结尾"))
    for t in _DATA["title_patterns"])
_LATE_TITLE_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(t["pattern"]), t["doctype"], t.get("reason", "标题以“{found}”结尾"))
    for t in _DATA.get("late_title_patterns", ()))
_ISSUE_LINE = re.compile(_DATA["issue_line"])
# (pattern, 文种, how many body blocks from the top it looks at; 0 = all)
_CONTENT_CUES: tuple[tuple[re.Pattern[str], str, int], ...] = tuple(
    (re.compile(t["pattern"]), t["doctype"], int(t.get("first_blocks", 0)))
    for t in _DATA["content_cues"])


def _report_kind(title: str) -> str:
    """综合性报告 for the whole work of an organ or a period, 专项报告 for one matter."""
    if _COMPREHENSIVE.search(title):
        return "综合性报告"
    m = _REPORT_PERIOD.search(title)
    if m and _GENERAL_SUBJECT.fullmatch(m.group("subject")):
        return "综合性报告"
    return "专项报告"


def detect(document: Document) -> tuple[str, str, str]:
    """Detection alone: ``(文种, how, reason)`` with how in title / content / none.

    Matching is on simplified characters, so a traditional-character draft is recognised too.
    """
    title = to_simplified(re.sub(r"\s+", "", document.title).rstrip("。."))
    if title:
        for pattern, name, reason in _TITLE_RULES:
            if found := pattern.search(title):
                if name == "报告":
                    name = _report_kind(title)
                return name, "title", reason.format(found=found.group(0))
    for block in document.blocks[:6]:
        if block.kind is BlockKind.META and _ISSUE_LINE.match(to_simplified(block.text)):
            return "简报", "content", "有期号行"
    body = [to_simplified(b.text) for b in document.blocks
            if b.kind in (BlockKind.BODY, BlockKind.HEADING, BlockKind.ADDRESSEE)]
    for pattern, name, first in _CONTENT_CUES:
        for text in body[:first] if first else body:
            m = pattern.search(text)
            if m:
                if name == "报告":
                    name = _report_kind(title)
                return name, "content", f"正文有“{m.group(0)}”"
    if title:
        for pattern, name, reason in _LATE_TITLE_RULES:
            if found := pattern.search(title):
                return name, "title", reason.format(found=found.group(0))
    return UNKNOWN_DOCTYPE, "none", "标题和正文都没有可识别的文种特征"


def decide(document: Document, explicit: str | None = None, configured: str | None = None,
           ) -> DocTypeDecision:
    """Explicit choice > configuration (per-file mapping or default) > marker line > detection."""
    detected, how, reason = detect(document)
    for choice, source in ((explicit, "explicit"), (configured, "config"),
                           (document.marker_doctype, "marker")):
        if choice:
            try:
                name = canonical(choice)
            except ValueError:
                continue
            if name:
                return DocTypeDecision(name=name, how=source, detected=detected,
                                       reason={"explicit": "使用者指定", "config": "配置文件指定",
                                               "marker": "文中“文种：”标记行"}[source])
    return DocTypeDecision(name=detected, how=how, detected=detected, reason=reason)


HOW_TO_SET = (
    "未识别文种，不检查篇幅限额。可用 --type 请示 指定，或在 wenfeng.toml 的 [files] 中按文件指定，"
    "或在文首加一行“文种：请示”"
)
