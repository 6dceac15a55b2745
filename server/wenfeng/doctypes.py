"""The 文种 catalogue and how a draft's 文种 is decided.

The 15 statutory types come from 《党政机关公文处理工作条例》第八条; the working types (简报, 讲话,
主持词, 汇报材料, 综合性报告 / 专项报告, 政策性文件) are the ones the length limits of the
《若干措施》第6条、第9条 name.  An explicit choice always wins; otherwise the title decides
("关于……的请示" → 请示), then content cues (期号 → 简报, "妥否，请批示" → 请示…).  When nothing
matches the type is 未识别: no length limit applies and the output says how to set one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import UNKNOWN_DOCTYPE, BlockKind, DocTypeDecision, Document


@dataclass(frozen=True)
class DocType:
    name: str
    statutory: str | None     # the 条例 文种 it is a form of (None for 讲话, 简报…)
    direction: str            # "up" | "down" | "parallel" | "public" | "meeting" | "any"
    description: str


CATALOGUE: tuple[DocType, ...] = (
    DocType("请示", "请示", "up", "向上级机关请求指示、批准（条例第八条）"),
    DocType("综合性报告", "报告", "up", "全面汇报一个时期、一个方面工作的报告"),
    DocType("专项报告", "报告", "up", "就某一事项、某一问题向上级汇报、反映情况的报告"),
    DocType("通知", "通知", "down", "发布、传达要求下级执行或周知的事项，批转、转发公文"),
    DocType("通报", "通报", "down", "表彰先进、批评错误、传达重要精神和告知重要情况"),
    DocType("意见", "意见", "any", "对重要问题提出见解和处理办法"),
    DocType("决定", "决定", "down", "对重要事项作出决策和部署、奖惩、变更或撤销不适当的决定"),
    DocType("决议", "决议", "down", "会议讨论通过的重大决策事项"),
    DocType("命令（令）", "命令（令）", "down", "公布法规规章、宣布重大强制性措施、嘉奖等"),
    DocType("公报", "公报", "public", "公布重要决定或者重大事项"),
    DocType("公告", "公告", "public", "向国内外宣布重要事项或者法定事项"),
    DocType("通告", "通告", "public", "在一定范围内公布应当遵守或者周知的事项"),
    DocType("批复", "批复", "down", "答复下级机关请示事项"),
    DocType("议案", "议案", "up", "人民政府提请同级人大或其常委会审议事项"),
    DocType("函", "函", "parallel", "不相隶属机关之间商洽工作、询问和答复问题、请求批准"),
    DocType("纪要", "纪要", "any", "记载会议主要情况和议定事项"),
    DocType("政策性文件", None, "down", "印发的办法、规定、细则、措施、方案等政策性文件"),
    DocType("简报", None, "any", "机关内部交流情况的简报（按期计）"),
    DocType("讲话", None, "meeting", "领导同志在会议上的讲话稿"),
    DocType("主持词", None, "meeting", "会议主持人的主持词"),
    DocType("汇报材料", None, "up", "向常委会、常务会议等书面或口头汇报的材料"),
)
BY_NAME = {d.name: d for d in CATALOGUE}
NAMES: tuple[str, ...] = tuple(d.name for d in CATALOGUE)

# Names users type that mean a catalogue entry.
ALIASES = {
    "报告": "专项报告",
    "综合报告": "综合性报告",
    "工作报告": "综合性报告",
    "专题报告": "专项报告",
    "命令": "命令（令）",
    "令": "命令（令）",
    "会议纪要": "纪要",
    "讲话稿": "讲话",
    "致辞": "讲话",
    "发言": "讲话",
    "发言稿": "讲话",
    "汇报": "汇报材料",
    "书面汇报": "汇报材料",
    "书面汇报材料": "汇报材料",
    "汇报提纲": "汇报材料",
    "主持讲话": "主持词",
    "政策文件": "政策性文件",
    "规范性文件": "政策性文件",
    "unknown": UNKNOWN_DOCTYPE,
    "auto": "",
    "自动": "",
}

#: 文种 whose documents go down to subordinate bodies (formalism rules F5xx look at these).
DOWNWARD = frozenset(d.name for d in CATALOGUE if d.direction == "down") | {"意见"}


def canonical(name: str) -> str:
    """A catalogue name for a user-typed 文种, "" for automatic, or raise ValueError."""
    n = name.strip()
    if n in BY_NAME or n == UNKNOWN_DOCTYPE:
        return n
    if n in ALIASES:
        return ALIASES[n]
    raise ValueError(f"未知文种 “{name}”；可用：{'、'.join(NAMES)}")


_POLICY_WORDS = r"(?:办法|规定|细则|措施|方案|规划|条例|准则|规则|意见)"
_COMPREHENSIVE = re.compile(
    r"工作报告|年度|上半年|下半年|全年|\d{4}年(?:度)?工作|年工作|综合|总结|述职|政府工作"
)
_TITLE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"主持词$|主持讲话$|主持稿$"), "主持词"),
    (re.compile(r"(?:讲话|讲话稿|讲话提纲|致辞|致词|发言|发言稿|动员报告)$"), "讲话"),
    (re.compile(r"(?:汇报|汇报材料|汇报提纲)$"), "汇报材料"),
    (re.compile(r"简报$|^.{0,20}(?:简报|动态|快报|专报)\s*$"), "简报"),
    (re.compile(r"请示(?:报告)?$"), "请示"),
    (re.compile(r"印发.{0,60}《.{0,60}" + _POLICY_WORDS + r"》.{0,4}的通知$"), "政策性文件"),
    (re.compile(r"(?:通知)$"), "通知"),
    (re.compile(r"通报$"), "通报"),
    (re.compile(r"报告$"), "报告"),
    (re.compile(r"意见$"), "意见"),
    (re.compile(r"决议$"), "决议"),
    (re.compile(r"决定$"), "决定"),
    (re.compile(r"(?:命令|令)$"), "命令（令）"),
    (re.compile(r"公报$"), "公报"),
    (re.compile(r"公告$"), "公告"),
    (re.compile(r"通告$"), "通告"),
    (re.compile(r"批复$"), "批复"),
    (re.compile(r"议案$"), "议案"),
    (re.compile(r"(?:复函|函)$"), "函"),
    (re.compile(r"纪要$"), "纪要"),
    (re.compile(_POLICY_WORDS + r"(?:（试行）|\(试行\)|（暂行）)?$"), "政策性文件"),
)
_ISSUE_LINE = re.compile(r"^第\s*[\d一二三四五六七八九十百]+\s*期")
_CONTENT_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"(?:妥否|当否|可否)[，,]?\s*请(?:批示|批复|审批|示)|特此请示|请予批准|请审批"),
        "请示",
    ),
    (
        re.compile(
            r"(?:下面|现在)[，,]?请.{1,20}(?:讲话|发言|作.{0,6}报告)|现在开会|会议到此结束|散会"
        ),
        "主持词",
    ),
    (re.compile(r"^同志们[：:！!]|同志们[，,]"), "讲话"),
    (re.compile(r"特此报告|专此报告"), "报告"),
    (re.compile(r"特此通知"), "通知"),
)


def _report_kind(title: str) -> str:
    return "综合性报告" if _COMPREHENSIVE.search(title) else "专项报告"


def detect(document: Document) -> tuple[str, str, str]:
    """Detection alone: ``(文种, how, reason)`` with how in title / content / none."""
    title = re.sub(r"\s+", "", document.title).rstrip("。.")
    if title:
        for pattern, name in _TITLE_RULES:
            if found := pattern.search(title):
                if name == "报告":
                    name = _report_kind(title)
                return name, "title", f"标题以“{found.group(0)}”结尾"
    for block in document.blocks[:6]:
        if block.kind is BlockKind.META and _ISSUE_LINE.match(block.text):
            return "简报", "content", "有期号行"
    body = [b.text for b in document.blocks if b.kind in (BlockKind.BODY, BlockKind.HEADING,
                                                          BlockKind.ADDRESSEE)]
    for pattern, name in _CONTENT_CUES:
        for text in body:
            m = pattern.search(text)
            if m:
                if name == "报告":
                    name = _report_kind(title)
                return name, "content", f"正文有“{m.group(0)}”"
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
