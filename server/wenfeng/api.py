"""The one entry point adapters call: read (or take) a document, settle settings, check it.

The CLI, the language server, the .docx writer and the tests all go through here, so a draft
gives the same findings wherever it is checked.
"""

from __future__ import annotations

import os
from dataclasses import replace

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
