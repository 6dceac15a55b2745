"""The one entry point adapters call: read (or take) a document, settle settings, check it.

The CLI, the language server, the .docx writer and the tests all go through here, so a draft
gives the same findings wherever it is checked.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Iterable

from .config import Settings, settings_for_path
from .model import Document, Report
from .rules.engine import Engine, get_engine
from .sources import load_path, load_text


def engine_for(settings: Settings) -> Engine:
    return get_engine(settings.lexicons)


def check_document(document: Document, settings: Settings | None = None,
                   doctype: str | None = None, engine: Engine | None = None) -> Report:
    settings = settings or Settings()
    return (engine or engine_for(settings)).check(document, settings, doctype)


def check_document_now(document: Document, settings: Settings | None = None,
                       doctype: str | None = None,
                       engine: Engine | None = None) -> tuple[Report, bool]:
    """As :func:`check_document`, without waiting for jieba's dictionary (an editor at start-up):
    ``(report, complete)``; when ``complete`` is False, check again once it is loaded."""
    settings = settings or Settings()
    return (engine or engine_for(settings)).check_now(document, settings, doctype)


def check_text(text: str, *, fmt: str = "txt", path: str | None = None,
               settings: Settings | None = None, doctype: str | None = None) -> Report:
    """Check text already in memory (editor buffers, tests)."""
    return check_document(load_text(text, path=path, fmt=fmt), settings, doctype)


def check_path(path: str | os.PathLike[str], *, settings: Settings | None = None,
               config: str | None = None, doctype: str | None = None,
               profile: str | None = None) -> Report:
    """Read a file and check it with its discovered (or the given) configuration."""
    resolved = settings_for_path(str(path), config, settings)
    if profile:
        resolved = replace(resolved, profile=profile)
    return check_document(load_path(path), resolved, doctype)


FILLER = "全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。"


def expand_example(text: str) -> str:
    """Expand ``{filler:N}`` in rule examples to about N 字 of neutral prose (limit rules)."""
    import re

    from .metrics.counting import word_count

    def filler(m: "re.Match[str]") -> str:
        n = int(m.group(1))
        per = word_count(FILLER)
        paragraphs = []
        total = 0
        while total < n:
            paragraphs.append(FILLER * 4)
            total += per * 4
        return "\n".join(paragraphs)

    return re.sub(r"\{filler:(\d+)\}", filler, text)


def example_reports(
    engine: Engine, rule_id: str
) -> Iterable[tuple[object, Report | None, Report | None]]:
    """Run one rule's examples: yield ``(example, report_of_bad, report_of_good)``."""
    rule = engine.explain(rule_id)
    settings = Settings()
    for ex in rule.examples:
        bad = good = None
        if ex.bad is not None:
            bad = engine.check(load_text(expand_example(ex.bad), fmt=ex.fmt), settings, ex.doctype)
        if ex.good is not None:
            good = engine.check(load_text(expand_example(ex.good), fmt=ex.fmt), settings,
                                ex.doctype)
        yield ex, bad, good
