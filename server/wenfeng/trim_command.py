"""``wenfeng trim FILE [--to general|maximum] [--diff | --apply]``: the trim plan on the command line.

The command's body lives here so the CLI's parser only registers it (``add_arguments`` and
``run``).  Default: print the plan — each cut with its place, before → after, saving, grade and
reason, then "采纳这 9 处 → 1,472 字（一般限额 1,500 字以内）".  ``--diff`` prints the unified diff
of the trimmed text; ``--apply`` writes it: .txt/.md in place, atomically (like ``check --fix``);
.docx as a copy with the cuts as tracked changes.  Exit 0 when the draft is (or the plan brings
it) within the limit, 1 when it stays over, 2 on bad input (one line naming the file).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TextIO

from .errors import ConfigError, InputError, WenfengError
from .model import Report
from .trim import TrimPlan, plan_trim
from .trim.wording import CLASS_LABELS, GRADE_LABELS, TARGET_LABELS, location, number

EXIT_OK, EXIT_OVER, EXIT_ERROR = 0, 1, 2
CONTEXT = 8  # characters shown on each side of a cut


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="要精简的文件（.txt .md .docx）")
    parser.add_argument("--to", choices=("general", "maximum"), default="general",
                        help="压到一般限额（general，默认）或最高限额（maximum）")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="以统一差异格式显示精简后的文字，不写文件")
    mode.add_argument("--apply", action="store_true",
                      help="采纳计划：.txt/.md 原子写回；.docx 另存带修订的副本")
    parser.add_argument("--output", "-o", metavar="OUT", help=".docx 副本的路径（默认：原名-精简.docx）")
    parser.add_argument("--force", action="store_true", help="允许覆盖已存在的 .docx 副本")
    parser.add_argument("--type", dest="doctype", metavar="文种", help="指定文种（如 请示、专项报告）")
    parser.add_argument("--profile", help="限额方案（wenfeng profiles 列出可用方案）")
    parser.add_argument("--config", help="使用此 wenfeng.toml（默认从文件所在文件夹向上查找）")


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
    from .files import write_atomic

    doc = report.document
    if not plan.edits:
        print(f"{path}：没有可采纳的删改，文件未改动", file=sys.stderr)
        return
    if doc.fmt == "docx":
        from .output.docx.tracked import tracked_copy

        target = _docx_target(path, args.output)
        if target.resolve() == Path(path).resolve():
            raise InputError("副本不能覆盖原文件", path=str(target))
        if target.exists() and not args.force:
            raise InputError("输出文件已存在；加 --force 覆盖", path=str(target))
        data, written = tracked_copy(doc, plan.edits)
        write_atomic(target, data)
        print(f"{path}：已写出 {target}，{written} 处删改以修订方式标出（审阅 → 接受）", file=sys.stderr)
        return
    from .sources import load_path

    if load_path(path).text != doc.text:
        raise InputError("检查期间文件已被修改，未写入（以免覆盖新内容）；请重新运行", path=path)
    write_atomic(Path(path), plan.apply(doc.text), doc.encoding)
    print(f"{path}：已精简 {len(plan.cuts)} 处，减少 {plan.saved} 字 → {number(plan.after)} 字",
          file=sys.stderr)


def run(args, out: TextIO | None = None) -> int:
    """The body of ``wenfeng trim``; errors are one line on stderr and exit code 2."""
    from .api import check_path
    from .doctypes import canonical

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
        report = check_path(path, config=args.config, doctype=args.doctype, profile=args.profile)
        plan = plan_trim(report, args.to)
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
