"""One check of one editor buffer, run in a worker thread.

:func:`check` resolves the settings, picks the engine (falling back to the built-in lexicons or
profile when the user's are broken), checks the text and converts the findings to diagnostics
and stats — all off the event loop.  The engine caches per paragraph, so re-checking the whole
buffer re-runs only the paragraphs an edit touched.  This module pulls in the engine, so the
server imports it only once it is running, never before answering ``initialize``.

At start-up a check may be *provisional* (``Engine.check_now``): until :func:`load_segmenters`
has run, the typo rules wait for their tables if they are not yet in the cache folder (built
once, about a second and a half; stored, they open in milliseconds and are not waited for) and,
with jieba (whose dictionary takes about a second), token-boundary rules wait in paragraphs not
segmented yet; the result says it is incomplete, and the server re-checks once everything is
loaded.
rjieba's dictionary (about 0.1 s) is simply waited for.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from operator import attrgetter
from typing import Callable

from ..config import Settings
from ..errors import WenfengError
from ..model import Document
from ..rules.engine import CheckStopped, Engine, forget_paragraphs, get_engine
from ..segment import loads_quickly
from ..sources import fmt_for, load_text
from ..sources.incremental import reparse_text
from .diagnostics import to_diagnostics
from .positions import PositionMap
from .settings import ConfigFiles, resolve
from .snapshot import CheckResult, Snapshot
from .stats import stats_object

log = logging.getLogger(__name__)
_TEXT = attrgetter("text")


#: Lexicon folder sets in use (``()`` = built-in only), for ``reloadLexicons``.
LEXICON_SETS: set[tuple[str, ...]] = {()}


def _engine(settings: Settings, problems: list[str]) -> tuple[Engine, Settings]:
    """The engine for the settings' lexicon folders, or the built-in one if they are broken."""
    if settings.lexicons:
        try:
            engine = get_engine(settings.lexicons)
            LEXICON_SETS.add(tuple(settings.lexicons))
            return engine, settings
        except WenfengError as exc:
            problems.append(f"额外词库有误，已改用内置词库：{exc}")
            settings = replace(settings, lexicons=())
    return get_engine(()), settings


def reload_lexicons() -> tuple[int, list[str]]:
    """Re-read every lexicon set in use: ``(rules in the built-in set, problems)``.  A set that
    fails to load keeps its previous engine."""
    problems = []
    for folders in sorted(LEXICON_SETS):
        try:
            get_engine(folders, reload=True)
        except WenfengError as exc:
            problems.append(f"重新加载词库失败，仍用原词库：{exc}")
    return len(get_engine(()).rules), problems


def load_segmenters() -> None:
    """Load jieba's dictionary, and the typo tables made from it, into every engine in use
    (built-in first); slow, run off the loop."""
    for folders in sorted(LEXICON_SETS):
        try:
            get_engine(folders).load()
        except Exception as exc:  # a broken set: its checks report it
            log.warning("无法加载分词词典（%s）：%s", folders or "内置词库", exc)


def forget_replaced(previous: Document, document: Document) -> None:
    """Drop the engines' cached results for the paragraphs of ``previous`` that ``document``
    (the same buffer, edited) no longer has: they are the history of the typing, and kept they
    would fill the caches — the server's memory growing with every keystroke — until their
    ceilings are reached.  (A paragraph brought back by undo is simply checked again.)"""
    stale = set(map(_TEXT, previous.blocks)).difference(map(_TEXT, document.blocks))
    if stale:
        forget_paragraphs(stale)


def check(snapshot: Snapshot, files: ConfigFiles, provisional: bool = False,
          previous: Document | None = None,
          stop: Callable[[], bool] | None = None) -> CheckResult:
    """Check a snapshot; never raises (a failure is returned as ``error``).

    ``provisional``: do not wait for jieba's dictionary or the typo tables (see the module
    docstring); the result's ``complete`` says whether anything was left out.  ``previous``:
    the document an earlier check of this buffer read; a plain-text buffer is then re-read only
    where it changed.  ``stop``: asked now and then; True (the buffer has changed since
    the snapshot) ends the check early with a ``stopped`` result — a check of an outdated
    version is not finished, so that the newest one starts sooner."""
    if stop is not None and stop():  # outdated before it started (it waited for a thread)
        return CheckResult(snapshot, None, stopped=True)
    document: Document | None = None
    try:
        settings, problems = resolve(snapshot.path, snapshot.layers, files)
        engine, settings = _engine(settings, problems)
        if settings.profile not in engine.lexicon.profiles:
            default = Settings().profile
            available = "、".join(sorted(engine.lexicon.profiles))
            problems.append(f"未知限额方案 “{settings.profile}”（可用：{available}），"
                            f"已改用 {default}")
            settings = replace(settings, profile=default)
        settings = replace(settings, ignores=snapshot.ignores)
        fmt = fmt_for(snapshot.path or "", snapshot.language_id)
        if fmt == "md":
            document = load_text(snapshot.text, path=snapshot.path, fmt="md")
        else:
            document = reparse_text(previous, snapshot.text, path=snapshot.path)
        try:
            if provisional:
                if loads_quickly():  # rjieba: 0.1 s, worth waiting for (jieba's second is not)
                    engine.segmenter.initialize()
                report, complete = engine.check_now(document, settings, snapshot.doctype,
                                                    stop=stop)
            else:
                report = engine.check(document, settings, snapshot.doctype, stop=stop)
                complete = True
        finally:
            if previous is not None and previous is not document:
                forget_replaced(previous, document)
        positions = PositionMap(snapshot.text, snapshot.codec, snapshot.lines)
        diagnostics = to_diagnostics(report, positions, snapshot.version)
        stats = stats_object(report, snapshot.uri, snapshot.version, complete)
        return CheckResult(snapshot, report, diagnostics, stats, tuple(problems),
                           complete=complete, lexicons=tuple(settings.lexicons),
                           document=document)
    except CheckStopped:
        return CheckResult(snapshot, None, stopped=True, document=document)
    except WenfengError as exc:
        return CheckResult(snapshot, None, error=str(exc))
    except Exception as exc:  # a bug must cost one check, not the server
        log.exception("检查 %s 时出错", snapshot.uri)
        return CheckResult(snapshot, None, error=f"{type(exc).__name__}: {exc}")
