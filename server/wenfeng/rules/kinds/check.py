"""``check``: named document checks that need a little Python (title form, one matter, layout…).

The escape hatch for what a pattern cannot say.  A rule names its check (``check = "…"``); the
checks are listed in :mod:`wenfeng.rules.checks.registry`, each with the extra rule keys it
reads, which :func:`prepare` validates.  ``structure``, the kind's former name, stays accepted
in user lexicons.
"""

from __future__ import annotations

from typing import Iterator

from ..checks.base import Check
from ..checks.registry import CHECKS
from ..context import DocContext, DocHit
from ..matching import RuleKeyError

#: None: the keys depend on the named check, so ``prepare`` validates them, not the loader.
KEYS = None
SCOPE = "document"


def prepare(rule, lexicon) -> Check:
    name = rule.params.get("check")
    if name not in CHECKS:
        raise RuleKeyError("check", f"未知结构检查 “{name}”（可用：{'、'.join(sorted(CHECKS))}）")
    spec = CHECKS[name]
    for key, value in rule.params.items():
        if key == "check":
            continue
        if key not in spec.keys:
            raise RuleKeyError(key, f"结构检查 {name} 没有这个键（可用：{'、'.join(sorted(spec.keys)) or '无'}）")
        if not isinstance(value, spec.keys[key]):
            raise RuleKeyError(key, "类型不对")
    for key in sorted(spec.required - set(rule.params)):
        raise RuleKeyError(key, f"结构检查 {name} 缺少必填项 {key}")
    return spec


def dict_words(prepared) -> list[str]:
    return []


def run_document(rule, prepared: Check, ctx: DocContext) -> Iterator[DocHit]:
    return prepared(ctx, rule)
