"""``check --annotate OUT``: a copy of each .docx with one Word comment (批注) per finding.

Each comment is anchored exactly on the offending text (runs are split where a finding starts or
ends mid-run, formatting kept — ``pieces``); document-level findings (length, one matter per
请示…) sit on the title.  The comment, by "文风检查", gives the message, the clause and the
suggested fix.  ``--apply-fixes`` also writes the safe fixes into the copy as tracked changes
(``marks``).  The original is read, never written; an existing output is only replaced with
``--force``; output goes through :func:`write_atomic`.

OUT is a folder when several files are checked, when it already is a folder, or when it does not
end in ``.docx``; the copies then mirror the inputs' relative paths under it (non-.docx inputs are
skipped there).  Otherwise OUT is the output file.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ...errors import InputError, WenfengError
from ...files import write_atomic
from ...fixes import select
from ...model import BlockKind, Finding, Report
from ...sources.docx import open_docx, read_paragraphs
from ...sources.docx.safety import safe_package
from .marks import AUTHOR, INITIALS, Revisions, add_comment_range
from .pieces import PieceIndex, cut_pieces


def comment_text(finding: Finding, applied: bool) -> str:
    lines = [f"【{finding.rule}·{finding.level.chinese}】{finding.message}", f"依据：{finding.source}"]
    titles = [fix.title for fix in finding.fixes if fix.title]
    if titles:
        lines.append("建议：" + "；".join(titles))
    if applied:
        lines.append("已在本副本中以修订方式修改，可在“审阅”中接受或拒绝。")
    return "\n".join(lines)


def _title_span(report: Report) -> tuple[int, int]:
    doc = report.document
    titles = doc.title_blocks
    if titles:
        return titles[0].start, titles[-1].end
    first = next((b for b in doc.blocks if b.kind is not BlockKind.META), None) or \
        (doc.blocks[0] if doc.blocks else None)
    return (first.start, first.end) if first else (0, 0)


def anchor_span(report: Report, finding: Finding) -> tuple[int, int]:
    """Where the comment goes: the finding's text; the title for document-level findings; the
    enclosing paragraph for an empty span."""
    if finding.document_level:
        return _title_span(report)
    start, end = finding.start, finding.end
    if end > start:
        return start, end
    for block in report.document.blocks:
        if block.start <= start <= block.end:
            return block.start, block.end
    return _title_span(report)


def annotate_document(report: Report, apply_fixes: bool = False) -> bytes:
    """The annotated copy of ``report.document`` as .docx bytes."""
    doc = report.document
    path = Path(doc.path or "")
    word = open_docx(path, safe_package(path))
    paras = read_paragraphs(word)
    if "\n".join(p.text for p in paras) != doc.text:
        raise InputError("文件在检查之后被改动过，请重新检查后再写批注副本", path=str(path))
    chosen = select(report.safe_fixes) if apply_fixes else []
    spans = {id(f): anchor_span(report, f) for f in report.findings}
    boundaries = {x for s in spans.values() for x in s}
    boundaries |= {x for fix in chosen for x in (fix.start, fix.end)}
    index = PieceIndex(cut_pieces(paras, boundaries))
    revisions = Revisions(word.element.body, index)
    applied = {id(fix) for fix in chosen if revisions.apply(fix.start, fix.end, fix.replacement)}
    inserted = {id(el) for el in revisions.inserted.values()}
    for finding in report.findings:
        start, end = spans[id(finding)]
        pieces = index.within(start, end)
        if not pieces:  # a span over paragraph marks only: fall back to the title
            pieces = index.within(*_title_span(report)) or index.pieces[:1]
        if not pieces:
            continue
        was_applied = any(id(fix) in applied for fix in finding.fixes)
        comment = word.comments.add_comment(text=comment_text(finding, was_applied),
                                            author=AUTHOR, initials=INITIALS)
        first = revisions.node(pieces[0])
        last = revisions.node(pieces[-1])
        following = last.getnext()
        if following is not None and id(following) in inserted:  # the fix's new text
            last = following
        add_comment_range(first, last, comment.comment_id)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def destinations(paths: list[str], out: str) -> tuple[bool, dict[str, Path]]:
    """(folder mode?, input path → output path)."""
    out_path = Path(out)
    folder = (len(paths) > 1 or out_path.is_dir() or out.endswith(("/", os.sep))
              or out_path.suffix.lower() != ".docx")
    if not folder:
        return False, {p: out_path for p in paths}
    docx = [p for p in paths if Path(p).suffix.lower() == ".docx"]
    if not docx:
        return True, {}
    resolved = {p: Path(p).resolve() for p in docx}
    base = Path(os.path.commonpath([str(r.parent) for r in resolved.values()]))
    return True, {p: out_path / resolved[p].relative_to(base) for p in docx}


def annotate_reports(reports: list[tuple[str, Report]], out: str, *, apply_fixes: bool = False,
                     force: bool = False) -> list[tuple[str, str]]:
    """Write annotated copies; return ``(path, message)`` for each file that could not be done."""
    errors: list[tuple[str, str]] = []
    folder, dest = destinations([p for p, _ in reports], out)
    for path, report in reports:
        if report.document.fmt != "docx":
            if not folder:
                errors.append((path, "只能为 .docx 文件写批注副本（--annotate）"))
            continue
        target = dest[path]
        if _same_file(Path(path), target) or Path(path).resolve() == target.resolve():
            errors.append((path, f"输出 {target} 就是原文件；批注副本不能覆盖原文件"))
            continue
        if target.exists() and not force:
            errors.append((path, f"输出文件 {target} 已存在；加 --force 覆盖"))
            continue
        if target.exists() and target.is_dir():
            errors.append((path, f"输出 {target} 是文件夹"))
            continue
        try:
            data = annotate_document(report, apply_fixes)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        except WenfengError as exc:
            errors.append((path, exc.detail))
        except OSError as exc:
            errors.append((path, f"无法写入 {target}：{exc.strerror or exc}"))
    return errors
