"""``wenfeng trim``: the plan, --diff, --apply (text in place, .docx as a tracked copy), bad input."""

from __future__ import annotations

import shutil
import zipfile

from lxml import etree
from trim_helpers import DRAFTS

import docx
from wenfeng.api import check_path
from wenfeng.trim import plan_trim

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REACHES = next(p for p in DRAFTS if p.name.startswith("36-"))   # the plan brings it under
SHORT = next(p for p in DRAFTS if p.name.startswith("13-"))     # the plan falls short


def _copy(tmp_path, source):
    target = tmp_path / source.name
    shutil.copy(source, target)
    return target


def test_plan_lists_each_cut_and_the_outcome(run_cli, tmp_path):
    path = _copy(tmp_path, REACHES)
    code, out, err = run_cli("trim", str(path))
    plan = plan_trim(check_path(path))
    assert code == 0 and err == ""
    assert out.count("理由：") == len(plan.cuts) >= 1
    assert "→" in out and "减少" in out and "第 1 段" in out
    assert out.rstrip().endswith(f"采纳这 {len(plan.cuts)} 处 → {plan.after:,} 字（一般限额 2,500 字以内）")
    assert path.read_text(encoding="utf-8") == REACHES.read_text(encoding="utf-8")


def test_plan_that_falls_short_exits_1_and_says_what_is_left(run_cli, tmp_path):
    code, out, _ = run_cli("trim", str(_copy(tmp_path, SHORT)))
    assert code == 1 and "仍超出一般限额" in out and "建议压缩第" in out


def test_diff_shows_the_trimmed_text_and_writes_nothing(run_cli, tmp_path):
    path = _copy(tmp_path, REACHES)
    plan = plan_trim(check_path(path))
    code, out, _ = run_cli("trim", str(path), "--diff")
    assert code == 0 and out.startswith(f"--- a/{path}")
    removed = [ln for ln in out.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln for ln in out.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert all(any(cut.before in ln for ln in removed) for cut in plan.cuts)
    assert len(removed) == len(added) == len({cut.block for cut in plan.cuts})
    assert path.read_text(encoding="utf-8") == REACHES.read_text(encoding="utf-8")


def test_apply_writes_the_plan_and_the_recount_agrees(run_cli, tmp_path):
    path = _copy(tmp_path, REACHES)
    plan = plan_trim(check_path(path))
    code, _, err = run_cli("trim", str(path), "--apply")
    assert code == 0 and f"减少 {plan.saved} 字" in err
    assert check_path(path).counts.words == plan.after <= 2500
    assert not list(tmp_path.glob(".*wenfeng-tmp"))
    code, out, _ = run_cli("trim", str(path))  # a second run: nothing left to do
    assert code == 0 and "无需精简" in out


def test_maximum_target(run_cli, tmp_path):
    code, out, _ = run_cli("trim", str(_copy(tmp_path, SHORT)), "--to", "maximum")
    assert "最高限额 2,000 字" in out and code in (0, 1)


def _docx_from(text, path):
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


def _texts(path):
    """(accepted, original) text of each paragraph of a .docx with tracked changes."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    accepted, original = [], []
    for p in root.iter(W + "p"):
        a = o = ""
        for el in p.iter(W + "t", W + "delText"):
            inserted = any(x.tag == W + "ins" for x in el.iterancestors())
            if el.tag == W + "t":
                a += el.text or ""
                o += "" if inserted else el.text or ""
            else:
                o += el.text or ""
        accepted.append(a)
        original.append(o)
    return "\n".join(accepted), "\n".join(original), root


def test_docx_apply_writes_a_copy_with_tracked_changes(run_cli, tmp_path):
    source = _docx_from(REACHES.read_text(encoding="utf-8").rstrip("\n"), tmp_path / "报告.docx")
    before = source.read_bytes()
    report = check_path(source)
    plan = plan_trim(report)
    code, _, err = run_cli("trim", str(source), "--apply")
    copy = tmp_path / "报告-精简.docx"
    assert code == 0 and copy.exists() and "修订" in err
    assert source.read_bytes() == before  # the original is only read
    accepted, original, root = _texts(copy)
    assert original == report.document.text
    assert accepted == plan.apply(report.document.text)
    deletions = list(root.iter(W + "del"))
    assert len(deletions) >= len(plan.cuts) and all(d.get(W + "author") == "文风检查" for d in deletions)
    reread = docx.Document(str(copy))  # python-docx opens the copy
    assert len(reread.paragraphs) == len(report.document.text.split("\n"))
    code, _, err = run_cli("trim", str(source), "--apply")  # never overwrite without --force
    assert code == 2 and "已存在" in err
    assert run_cli("trim", str(source), "--apply", "--force")[0] == 0


def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path):
    cases = [
        ("trim", str(tmp_path / "没有.txt")),
        ("trim", str(tmp_path)),
        ("trim", str(_copy(tmp_path, REACHES)), "--type", "公函"),
    ]
    binary = tmp_path / "坏.docx"
    binary.write_bytes(b"\x00\x01not a zip")
    cases.append(("trim", str(binary)))
    speech = tmp_path / "讲话.txt"
    speech.write_text("全市安全生产工作会议讲话\n同志们：\n要统一思想。\n", encoding="utf-8")
    cases.append(("trim", str(speech)))
    report = tmp_path / "专项.txt"
    shutil.copy(REACHES, report)
    cases.append(("trim", str(report), "--to", "maximum"))  # 专项报告 has no 最高 limit
    for args in cases:
        code, out, err = run_cli(*args)
        assert code == 2, args
        assert out == "" and err.count("\n") == 1 and err.startswith("wenfeng: "), (args, err)
        assert "Traceback" not in err


def test_diff_and_apply_exclude_each_other(run_cli, tmp_path):
    code, _, err = run_cli("trim", str(_copy(tmp_path, REACHES)), "--diff", "--apply")
    assert code == 2 and err.count("\n") == 1
