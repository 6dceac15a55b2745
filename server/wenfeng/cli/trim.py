"""``wenfeng trim FILE [--to general|maximum] [--diff | --apply]``: the trim plan, on the CLI.

The command's body lives here; :mod:`wenfeng.cli.main` holds its parser and imports this module
only when the command runs.  Default: print the plan — each cut with its place, before → after,
saving, grade and reason, then "采纳这 9 处 → 1,472 字（一般限额 1,500 字以内）".  ``--diff``
prints the unified diff of the trimmed text; ``--apply`` writes it: .txt/.md in place,
atomically (like ``check --fix``); .docx as a copy with the cuts as tracked changes.  Exit 0
when the draft is (or the plan brings it) within the limit, 1 when it stays over, 2 on bad
input (one line naming the file).
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .. import api
from ..config import settings_for_path
from ..doctypes import canonical
from ..errors import ConfigError, InputError, WenfengError
from ..files import write_atomic
from ..model import Report
from ..sources import load_path
from ..trim import TrimPlan, plan_trim
from ..trim.wording import CLASS_LABELS, GRADE_LABELS, TARGET_LABELS, location, number

EXIT_OK, EXIT_OVER, EXIT_ERROR = 0, 1, 2
CONTEXT = 8  # characters shown on each side of a cut


def _snippet(text: str, start: int, end: int, new: str) -> str:
    left = text[max(0, start - CONTEXT):start].split("\n")[-1]
    right = text[end:end + CONTEXT].split("\n")[0]
    return f"…{left}［{text[start:end]}］{right}… → …{left}{new}{right}…"


def format_plan(path: str, report: Report, plan: TrimPlan) -> str:
    doc = report.document
    label = TARGET_LABELS[plan.target]
    lines = [f"{path}：{plan.doctype}，正文 {number(plan.before)} 字，{label} {number(plan.limit or 0)} 字"
             + (f"，超出 {number(plan.before - plan.limit)} 字" if plan.needed and plan.limit else "")]
    for n, cut in enumerate(plan.cuts, 1):
        line = doc.text.count("\n", 0, cut.start) + 1
        column = cut.start - (doc.text.rfind("\n", 0, cut.start) + 1) + 1
        lines.append(f"{n:>3}. {line}:{column} {location(doc, cut.block)}  "
                     f"{CLASS_LABELS[cut.cls]}·{GRADE_LABELS[cut.grade]}  减少 {cut.saves} 字")
        lines.append(f"     {_snippet(doc.text, cut.start, cut.end, cut.replacement)}")
        lines.append(f"     理由：{cut.reason}")
    lines.append(plan.headline)
    return "\n".join(lines) + "\n"


def _docx_target(path: str, output: str | None) -> Path:
    if output:
        return Path(output)
    p = Path(path)
    return p.with_name(f"{p.stem}-精简.docx")


def _apply(path: str, report: Report, plan: TrimPlan, args) -> None:
    doc = report.document
    if not plan.edits:
        print(f"{path}：没有可采纳的删改，文件未改动", file=sys.stderr)
        return
    if doc.fmt == "docx":
        from ..output.docx.tracked import tracked_edits  # python-docx only for a .docx

        target = _docx_target(path, args.output)
        if target.resolve() == Path(path).resolve():
            raise InputError("副本不能覆盖原文件", path=str(target))
        if target.exists() and not args.force:
            raise InputError("输出文件已存在；加 --force 覆盖", path=str(target))
        data, written = tracked_edits(doc, plan.edits)
        write_atomic(target, data)
        print(f"{path}：已写出 {target}，{written} 处删改以修订方式标出（审阅 → 接受）", file=sys.stderr)
        return
    if load_path(path).text != doc.text:
        raise InputError("检查期间文件已被修改，未写入（以免覆盖新内容）；请重新运行", path=path)
    write_atomic(Path(path), plan.apply(doc.text), doc.encoding)
    print(f"{path}：已精简 {len(plan.cuts)} 处，减少 {plan.saved} 字 → {number(plan.after)} 字",
          file=sys.stderr)


def run(args, out: TextIO | None = None) -> int:
    """The body of ``wenfeng trim``; errors are one line on stderr and exit code 2."""
    out = out or sys.stdout
    path = args.path
    try:
        if args.doctype:
            try:
                canonical(args.doctype)
            except ValueError as exc:
                raise ConfigError(str(exc), key="--type") from None
        if Path(path).is_dir():
            raise InputError("是文件夹；wenfeng trim 一次精简一个文件", path=path)
        if not Path(path).exists():
            raise InputError("文件不存在", path=path)
        settings = settings_for_path(path, args.config)
        if args.profile:
            settings = replace(settings, profile=args.profile)
        report = api.check_document(load_path(path), settings, args.doctype)
        # the engine of these settings: its lexicon folders include the user's trim/ data
        plan = plan_trim(report, args.to, engine=api.engine_for(settings))
        if args.diff:
            new = plan.apply(report.document.text)
            out.writelines(difflib.unified_diff(
                report.document.text.splitlines(keepends=True), new.splitlines(keepends=True),
                fromfile=f"a/{path}", tofile=f"b/{path}"))
            if new != report.document.text and not new.endswith(("\n", "\r")):
                out.write("\n")
        elif args.apply:
            _apply(path, report, plan, args)
        else:
            out.write(format_plan(path, report, plan))
    except WenfengError as exc:
        message = str(exc) if exc.path else f"{path}：{exc}"
        print(f"wenfeng: {message}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK if not plan.needed or plan.reaches else EXIT_OVER
