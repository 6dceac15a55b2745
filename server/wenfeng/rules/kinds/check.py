"""``structure``: named document checks that need a little Python (title form, one matter…).

Each check is a small pure function registered with :func:`check` under the name a rule's
``check = "…"`` key uses.  It receives the :class:`DocContext` and the rule (its extra keys are in
``rule.params``) and yields :class:`DocHit` in document offsets.  Adding a check = one function here
plus one rule table with examples in ``lexicons/rules``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

from ...model import BlockKind
from ..context import DocContext, DocHit
from ..matching import RuleKeyError, normalize

class _AnyKeys(dict):
    """Structure rules take whatever keys their check declares; ``prepare`` validates them."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> type:
        return object


KEYS = _AnyKeys()
SCOPE = "document"

CheckFn = Callable[[DocContext, object], Iterator[DocHit]]
CHECKS: dict[str, CheckFn] = {}
CHECK_KEYS: dict[str, dict[str, type | tuple[type, ...]]] = {}


def check(name: str, **keys: type | tuple[type, ...]) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name``; ``keys`` are the extra rule keys it reads, with types."""
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = fn
        CHECK_KEYS[name] = keys
        return fn
    return register


def prepare(rule, lexicon) -> CheckFn:
    name = rule.params.get("check")
    if name not in CHECKS:
        raise RuleKeyError("check", f"未知结构检查 “{name}”（可用：{'、'.join(sorted(CHECKS))}）")
    allowed = CHECK_KEYS[name]
    for key, value in rule.params.items():
        if key == "check":
            continue
        if key not in allowed:
            raise RuleKeyError(key, f"结构检查 {name} 没有这个键（可用：{'、'.join(sorted(allowed)) or '无'}）")
        if not isinstance(value, allowed[key]):
            raise RuleKeyError(key, "类型不对")
    return CHECKS[name]


def dict_words(prepared) -> list[str]:
    return []


def run_document(rule, prepared: CheckFn, ctx: DocContext) -> Iterator[DocHit]:
    return prepared(ctx, rule)


def blocks(ctx: DocContext, *kinds: BlockKind):
    return [b for b in ctx.document.blocks if b.kind in kinds]


_REQUEST_IN_REPORT = re.compile(
    r"(?:妥否|当否|可否|是否妥当)[，]?\s*请(?:批示|指示|示下|审批|批复)|请予(?:批准|批复|审批)|请批示|请审批|请批复")


@check("report_with_request", pattern=str)
def report_with_request(ctx: DocContext, rule) -> Iterator[DocHit]:
    """A 报告 must not carry 请示事项 (条例第十五条): flag request closings inside a 报告."""
    pattern = re.compile(rule.params["pattern"]) if rule.params.get("pattern") else _REQUEST_IN_REPORT
    for block in blocks(ctx, BlockKind.BODY, BlockKind.HEADING):
        for m_start, m_end in _spans(pattern, block.text):
            start, end = block.source_span(m_start, m_end)
            yield DocHit(start, end, None, {"found": block.text[m_start:m_end]})


@lru_cache(maxsize=16384)
def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    """Match spans of ``pattern`` in normalized ``text``, cached per paragraph: a document rule
    that looks at paragraphs one by one re-scans only the paragraphs an edit changed."""
    return tuple(m.span() for m in pattern.finditer(normalize(text)))


# The other named checks live in ``wenfeng.rules.checks`` (one module per topic) and register
# themselves with ``check`` above when imported.
from .. import checks as _checks  # noqa: E402,F401


# X8xx .docx layout checks live in their own module and register themselves here.
from ..checks import layout  # noqa: E402,F401
