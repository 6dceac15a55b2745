"""``wenfeng report DIR…``: length and findings of every draft in a folder, totals by 文种.

What an office needs to show it met "文件减少30—50%" and the length limits: per file its 文种,
字数, limit, pages and findings by rule group; per 文种 how many documents, how many over their
limit, and the average length.  Files are checked in parallel across cores (a process pool; the
engine is loaded and warmed up once in the parent — dictionary and typo tables loaded, every regex
compiled — and inherited by forked workers, which take the files a few at a time), with a
progress bar on stderr when it is a terminal.  Rendering lives in ``output/reportfmt.py``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError, WenfengError
from ..model import Report
from ..output.jsonfmt import finding_dict
from ..output.positions import LineTable
from ..output.summary import summary_dict
from . import convert

#: Below this many files a pool costs more than it saves (engine start ≈ 1 s per process).
MIN_FILES_FOR_POOL = 4
#: The parent checks this share (1/20) of the files, at most this many, before forking.
WARM_UP_SHARE = 20
WARM_UP_FILES = 100


def summary_row(report: Report, path: str) -> dict[str, Any]:
    """One file's line of the report, as plain data, with its findings (line, column, rule…)."""
    summary = summary_dict(report)
    table = LineTable(report.document.text)
    levels = Counter(f.level.label for f in report.findings)
    c = report.counts
    return {
        "path": path, "format": report.document.fmt, "doctype": report.doctype.name,
        "doctypeHow": report.doctype.how, "recognised": report.doctype.recognised,
        "words": c.words, "han": c.han, "pages": c.pages, "minutes": c.minutes,
        "limit": summary["limits"][0] if summary["limits"] else None,
        "state": summary["state"], "status": summary["statusText"],
        "groups": dict(Counter(f.group for f in report.findings)),  # filled in by build()
        "levels": {lv: levels.get(lv, 0) for lv in ("error", "warning", "info", "hint")},
        "findings": len(report.findings), "savings": summary["savings"],
        "issues": [{k: v for k, v in finding_dict(f, table).items() if k in _ISSUE_KEYS}
                   for f in report.findings],
    }


#: What the report keeps of each finding (the full record is ``wenfeng check --format json``).
_ISSUE_KEYS = ("rule", "level", "message", "source", "line", "column", "found")


def check_one(path: str, config: str | None, profile: str | None) -> dict[str, Any]:
    """Worker: check one file; errors come back as data, never as exceptions."""
    from ..api import check_path

    try:
        return summary_row(check_path(path, config=config, profile=profile), path)
    except InputError as exc:
        return {"path": path, "error": exc.detail}
    except WenfengError as exc:
        return {"path": path, "error": str(exc)}
    except Exception as exc:  # a defect must cost this file only, never the report
        return {"path": path, "error": f"检查此文件时出现内部错误（{type(exc).__name__}："
                                       f"{str(exc)[:80]}），已跳过；请报告问题"}


def check_some(paths: list[str], config: str | None,
               profile: str | None) -> list[dict[str, Any]]:
    """Worker: a few files at once (one round trip to the pool per batch, not per file)."""
    return [check_one(path, config, profile) for path in paths]


def totals(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per 文种: documents, over 一般/最多 limit, total and average 字数, average pages."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        t = out.setdefault(row["doctype"], {"documents": 0, "overGeneral": 0, "overMaximum": 0,
                                            "words": 0, "pages": 0, "findings": 0,
                                            "limit": None})
        t["documents"] += 1
        t["words"] += row["words"]
        t["pages"] += row["pages"]
        t["findings"] += row["findings"]
        if row["limit"]:
            t["limit"] = {k: row["limit"][k] for k in ("metric", "general", "maximum", "unit")}
            if row["limit"]["state"] in ("warning", "error"):
                t["overGeneral"] += 1
            if row["limit"]["state"] == "error":
                t["overMaximum"] += 1
    for t in out.values():
        t["averageWords"] = round(t["words"] / t["documents"]) if t["documents"] else 0
        t["averagePages"] = round(t["pages"] / t["documents"], 1) if t["documents"] else 0
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["documents"], kv[0])))


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.active = total > 1 and hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        if not self.active:
            return
        width = 28
        filled = int(width * self.done / self.total)
        label = Path(name).name[:30]
        bar = f"{'█' * filled}{'·' * (width - filled)}"
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label}"
                          "\033[K")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _pool_context():
    # fork lets workers inherit the compiled engine; elsewhere use the platform default
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def check_all(files: list[str], config: str | None, profile: str | None, jobs: int,
              progress: Progress) -> list[dict[str, Any]]:
    """Check every file (in parallel when worth it); results in input order."""
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    if jobs == 1 or len(files) < MIN_FILES_FOR_POOL:
        rows = []
        for f in files:
            rows.append(check_one(f, config, profile))
            progress.step(f)
        return rows
    from ..api import engine_for
    from ..config import settings_for_path

    try:  # load the lexicons, the dictionary and the typo tables, compile every regex, once,
        # before forking (the workers inherit them instead of each making its own)
        settings = settings_for_path(files[0], config)
        engine = engine_for(settings)
        engine.warm_up()
        engine.load_tables(settings)
        if any(f.lower().endswith(".docx") for f in files):
            import docx  # noqa: F401
    except WenfengError:
        pass  # the workers report it per file
    # fork after warming up on real drafts: the parent checks the first files itself (their rows
    # are kept) and the workers inherit what that fills — word scores and look-ups of the typo
    # engine, segmentations, per-text figures — instead of each filling it again (a fresh
    # process checks its first hundred drafts ~40 % slower than one that has checked a hundred)
    results: dict[int, dict[str, Any]] = {}
    for i in range(min(len(files) // WARM_UP_SHARE, WARM_UP_FILES)):
        results[i] = check_one(files[i], config, profile)
        progress.step(files[i])
    # what the workers inherit is never freed: out of the collector's sight, so that its passes
    # do not write to (and so copy) every shared page in every worker
    gc.collect()
    gc.freeze()
    left = len(files) - len(results)
    workers = min(jobs, left)
    # batches small enough to keep the workers evenly busy and the progress bar moving
    size = max(1, min(8, left // (workers * 16)))
    batches = [list(range(i, min(i + size, len(files))))
               for i in range(len(results), len(files), size)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            futures = {pool.submit(check_some, [files[i] for i in batch], config, profile): batch
                       for batch in batches}
            for future in as_completed(futures):
                for i, row in zip(futures[future], future.result()):
                    results[i] = row
                    progress.step(files[i])
    finally:
        gc.unfreeze()  # (a caller in the same process, e.g. a test, gets its collector back)
    return [results[i] for i in range(len(files))]


def build(paths: Iterable[str], config: str | None = None, profile: str | None = None,
          jobs: int = 0, progress_stream=None) -> dict[str, Any]:
    """The whole report as plain data (what ``--format json`` prints)."""
    from .. import __version__
    from ..output.jsonfmt import SCHEMA_VERSION
    from .paths import CHECKED_SUFFIXES, collect

    found, missing = collect(paths, CHECKED_SUFFIXES | convert.SUFFIXES)
    others = [f for f in found if f.suffix.lower() in convert.SUFFIXES]
    with tempfile.TemporaryDirectory(prefix="wenfeng-convert-") as tmp:
        converted, unchecked = convert.convert(others, Path(tmp)) if others else ({}, {})
        files = [f for f in found if f not in unchecked]  # in folder order, converted included
        progress = Progress(len(files), progress_stream)
        try:
            rows = check_all([str(converted.get(f, f)) for f in files], config, profile, jobs,
                             progress)
        finally:
            progress.close()
    for row, f in zip(rows, files):
        row["path"] = str(f)
        if f in converted:
            row["convertedBy"] = "LibreOffice"
    from ..display import shown

    for row in rows:  # names as shown (a GBK name, an ESC in a name: see display.py)
        row["path"] = shown(row["path"])
    ok = [r for r in rows if "error" not in r]
    groups = group_names(config)
    for row in ok:  # every group, in the lexicon's order, zeros included
        seen = row["groups"]
        groups.update((g, g) for g in seen if g not in groups)
        row["groups"] = {g: seen.get(g, 0) for g in groups}
    errors = [{"path": shown(p), "message": shown(m)} for p, m in missing]
    errors += [{"path": r["path"], "message": shown(r["error"])} for r in rows if "error" in r]
    return {
        "version": SCHEMA_VERSION,
        "kind": "folder-report",
        "tool": {"name": "wenfeng", "version": __version__},
        "files": ok,
        "totals": totals(ok),
        "errors": errors,
        "unchecked": [{"path": shown(str(f)), "reason": reason}
                      for f, reason in unchecked.items()],
        "groups": groups,
    }


def group_names(config: str | None) -> dict[str, str]:
    """Rule group id → short name, from the lexicons (empty if they cannot be loaded: the
    files report that problem themselves)."""
    from ..api import engine_for
    from ..config import settings_for_path

    try:
        lexicon = engine_for(settings_for_path(None, config)).lexicon
    except WenfengError:
        return {}
    return {g.id: g.name for g in lexicon.groups.values()}


def check_output(output: str, paths: Iterable[str]) -> None:
    """``-o`` must name a regular file (or a new one) that is not one of the run's inputs: a
    pipe or device would be replaced by a file (``-o /dev/null`` as root), a draft lost."""
    from .paths import collect

    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file():
        raise InputError("输出位置不是普通文件（文件夹、管道或设备），拒绝写入；请给出报告文件名",
                         path=output)
    files, _ = collect(paths)
    if any(target == Path(os.path.realpath(f)) for f in files) or \
            any(target == Path(os.path.realpath(p)) for p in paths):
        raise InputError("输出文件是本次要检查的文件，拒绝覆盖；请换一个报告文件名", path=output)


def run_report(args) -> int:
    from ..display import shown
    from ..files import write_atomic
    from ..output import reportfmt

    if args.output:
        try:
            check_output(args.output, args.paths)
        except WenfengError as exc:
            print(shown(f"wenfeng: {exc}"), file=sys.stderr)
            return 2
    data = build(args.paths, config=args.config, profile=args.profile, jobs=args.jobs)
    text = reportfmt.render(data, args.format)
    if args.output:
        try:
            write_atomic(Path(args.output), text.encode("utf-8-sig" if args.format == "csv"
                                                          else "utf-8"))
        except WenfengError as exc:
            print(shown(f"wenfeng: {exc}"), file=sys.stderr)
            return 2
        print(f"wenfeng: 报告已写入 {shown(args.output)}（{len(data['files'])} 个文件）", file=sys.stderr)
    else:
        sys.stdout.write(text)
    for skipped in data["unchecked"]:
        print(f"wenfeng: {skipped['path']}：未检查：{skipped['reason']}", file=sys.stderr)
    for err in data["errors"]:
        print(f"wenfeng: {err['path']}：{err['message']}", file=sys.stderr)  # (already shown())
    return 2 if data["errors"] else 0
