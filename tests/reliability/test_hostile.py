"""Hostile files: every one is refused by the CLI with one clear line (exit 2, no traceback)
within a time budget and under a 2 GB memory limit — never expanded, extracted or hung on.

The budgets are hang detectors, not performance goals: they include interpreter start-up and
lexicon loading (a few seconds on a loaded CI machine); what they rule out is decompressing a bomb,
expanding entities or backtracking for minutes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .hostile import assert_refused, document_xml, write_bomb_entry, write_docx
from .hostile import run_cli as run_cli_subprocess

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

BUDGET = 45.0  # seconds, including start-up; generous for a shared CI machine


# --- every hostile file in one batch: one line each, the batch goes on --------------------

XXE = ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")
LAUGHS = ('<!DOCTYPE w:document [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + "]>", "&lol9;")
PARAMETER_ENTITY = ('<!DOCTYPE w:document [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
                    "文字")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TRAVERSALS = {"up": "../../evil.xml", "absolute": "/etc/evil.xml", "inner-up": "word/../../evil.xml",
              "drive": "C:/evil.xml", "backslash": "word\\..\\..\\evil.xml"}
NOT_DOCX = {
    "empty": b"", "truncated-zip": b"PK\x03\x04" + b"\0" * 40,
    "ole-doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "pdf": b"%PDF-1.7\n",
    "rtf": b"{\\rtf1\\ansi hello}", "plain-text": "关于测试的请示\n".encode(),
}


def _build(folder: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """case id → (file, fragments its error line must contain)."""
    import zipfile

    from .hostile import _patch_size

    cases: dict[str, tuple[Path, tuple[str, ...]]] = {}

    def add(case, path, *fragments):
        cases[case] = (path, fragments)

    for case, (doctype, body) in {"xxe": XXE, "billion-laughs": LAUGHS,
                                  "parameter-entity": PARAMETER_ENTITY}.items():
        add(case, write_docx(folder / f"{case}.docx",
                             document_xml("关于测试的请示", body, doctype=doctype)))
    styles = (f'<?xml version="1.0"?>{LAUGHS[0]}<w:styles xmlns:w="{W}">'
              f'<w:style w:styleId="{LAUGHS[1]}"/></w:styles>')
    add("laughs-in-styles", write_docx(folder / "styles.docx", extra={"word/styles.xml": styles}))
    deep = "<w:r>" * 5000 + "<w:t>x</w:t>" + "</w:r>" * 5000
    add("deep-xml", write_docx(folder / "deep.docx", f'<?xml version="1.0"?><w:document xmlns:w="{W}">'
                                                     f"<w:body><w:p>{deep}</w:p></w:body></w:document>"))
    # 16 MiB of zeros in ~16 KiB: a ratio of about 1000:1, refused from the zip directory
    add("bomb-media", write_bomb_entry(folder / "bomb.docx", "word/media/image1.bin", 16 << 20), "炸弹")
    add("bomb-main", write_bomb_entry(folder / "bomb-main.docx", "word/document.xml", 16 << 20), "炸弹")
    # the directory says 1000 bytes, the stream inflates to 64 MiB: never trusted beyond 1000
    add("lying-directory", write_bomb_entry(folder / "liar.docx", "word/styles.xml", 64 << 20,
                                            declared=1000))
    # 301 entries declared at 1 MiB each (each too small for the ratio test): 301 MiB in all
    total = write_docx(folder / "total.docx")
    with zipfile.ZipFile(total, "a") as zf:
        for i in range(301):
            zf.writestr(f"word/media/p{i}.bin", bytes(range(256)) * 8)
    for i in range(301):
        _patch_size(total, f"word/media/p{i}.bin", 1 << 20)
    add("declared-total", total, "解压后内容过大")
    many = write_docx(folder / "many.docx")
    with zipfile.ZipFile(many, "a") as zf:
        for i in range(6000):
            zf.writestr(f"customXml/item{i}.bin", b"")
    add("too-many-entries", many)
    for case, name in TRAVERSALS.items():
        add(f"traversal-{case}", write_docx(folder / f"trav-{case}.docx", extra={name: "<x/>"}))
    for case, payload in NOT_DOCX.items():
        path = folder / f"fake-{case}.docx"
        path.write_bytes(payload)
        add(f"not-docx-{case}", path)
    huge = folder / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: the size is there, the disk space is not
        fh.truncate(50 * 1024 * 1024)
    add("text-50-mb", huge, "文件过大", "50 MB")
    huge_md = folder / "huge.md"
    with open(huge_md, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    add("markdown-50-mb", huge_md, "文件过大")
    for suffix in (".txt", ".md", ".docx"):  # a named pipe would block read() forever
        fifo = folder / f"pipe{suffix}"
        os.mkfifo(fifo)
        add(f"fifo{suffix}", fifo, "不是普通文件")
    for device in ("/dev/zero", "/dev/urandom"):  # endless, and report size 0
        link = folder / f"{Path(device).name}.txt"
        link.symlink_to(device)
        add(f"device-{Path(device).name}", link, "不是普通文件")
    return cases


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """All hostile files in ONE ``wenfeng check --annotate OUT`` run (memory-limited)."""
    root = tmp_path_factory.mktemp("hostile")
    inner = root / "a" / "b"
    inner.mkdir(parents=True)
    cases = _build(inner)
    before = sorted(root.rglob("*"))
    run = run_cli_subprocess("check", "--annotate", str(inner / "out"),
                             *(str(p) for p, _ in cases.values()), timeout=BATCH_BUDGET + 30)
    return cases, run, root, before


BATCH_BUDGET = 90.0  # seconds for ~30 hostile files, start-up included


def test_batch_refuses_every_file_in_time_without_traceback(batch):
    cases, run, root, before = batch
    assert "Traceback" not in run.err, run.err
    assert run.code == 2
    assert len(run.err_lines) == len(cases), run.err
    assert run.seconds < BATCH_BUDGET
    assert "共检查 0 个文件" in run.out
    assert "root:" not in run.out + run.err and "lollollol" not in run.out + run.err


def test_batch_creates_nothing(batch):
    """No annotated copy of a refused file, no extracted entry anywhere (``../`` names)."""
    cases, run, root, before = batch
    assert sorted(root.rglob("*")) == before
    assert not (root / "evil.xml").exists() and not Path("/etc/evil.xml").exists()


CASE_IDS = ["xxe", "billion-laughs", "parameter-entity", "laughs-in-styles", "deep-xml",
            "bomb-media", "bomb-main", "lying-directory", "declared-total", "too-many-entries",
            *(f"traversal-{c}" for c in TRAVERSALS), *(f"not-docx-{c}" for c in NOT_DOCX),
            "text-50-mb", "markdown-50-mb", "fifo.txt", "fifo.md", "fifo.docx", "device-zero",
            "device-urandom"]


@pytest.mark.parametrize("case", CASE_IDS)
def test_each_hostile_file_gets_one_clear_line(batch, case):
    cases, run, _, _ = batch
    path, fragments = cases[case]
    lines = [ln for ln in run.err_lines if ln.startswith(f"wenfeng: {path}：")]
    assert len(lines) == 1, run.err
    for fragment in fragments:
        assert fragment in lines[0]


def test_zip_bomb_alone_is_refused_quickly(tmp_path):
    """One bomb on its own, to time the refusal without the rest of the batch."""
    path = write_bomb_entry(tmp_path / "bomb.docx", "word/media/image1.bin", 16 << 20)
    assert_refused(run_cli_subprocess("check", str(path)), path, "炸弹", budget=BUDGET)


# --- lexicons: user regexes that would backtrack for hours ----------------------------------

HOSTILE_PATTERNS = [
    r"(a+)+$", r"((a+))+$", r"(?:(?:a)+)+$", r"(a|a)*$", r"(a|aa)+$", r"(?:a|b|ab)*c",
    r"(.*a){25}", r"(a+){3}$", r"(a?)+b", r"(?:a?){30}a{30}", r"(\d+)*x",
    r"\d*\d*\d*\d*\d*\d*\d*\d*x", r".*.*=", r"(.*)(.*)=", r"[^，]*[^，]*[^，]*。",
    r"(?P<x>a+)(?P=x)+b",
]


def _lexicon_rule(pattern: str, key: str = "pattern") -> str:
    import json

    literal = json.dumps(pattern, ensure_ascii=False)
    if key == "pattern":
        body = f"kind = \"pattern\"\npattern = {literal}\n"
    else:
        body = f"kind = \"existence\"\nterms = [\"落实\"]\n{key} = {literal}\n"
    return (f'[[rules]]\nid = "Z901"\nlevel = "info"\nname = "用户规则"\nmessage = "x"\n'
            f'source = "本单位"\n{body}[[rules.examples]]\ngood = "无关内容"\n')


def _lexicon_with(tmp_path, pattern: str, key: str):
    lex = tmp_path / "lex" / "rules"
    lex.mkdir(parents=True)
    rule_file = lex / "mine.toml"
    rule_file.write_text(_lexicon_rule(pattern, key), encoding="utf-8")
    (tmp_path / "wenfeng.toml").write_text('lexicons = ["lex"]\n', encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("关于测试的请示\n" + "a" * 5000 + "1" * 5000 + "字，" * 2000 + "\n", encoding="utf-8")
    return rule_file, draft


@pytest.mark.timeout(60)
@pytest.mark.parametrize("key", ["pattern", "followed_by", "not_preceded_by"])
@pytest.mark.parametrize("pattern", [r"((a+))+$", r"[^，]*[^，]*[^，]*。"])
def test_hostile_user_regex_is_rejected_at_load(tmp_path, run_cli, pattern, key):
    """In process: one line naming the rule file, its line and key, and the reason, wherever
    the pattern sits (a pattern rule, or a condition of a term rule)."""
    rule_file, draft = _lexicon_with(tmp_path, pattern, key)
    code, out, err = run_cli("check", str(draft))
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(rule_file) in lines[0] and "Z901" in lines[0], err
    assert "回溯失控" in lines[0]


@pytest.mark.parametrize("pattern", [r"(a|aa)+$"])
def test_hostile_user_regex_end_to_end(tmp_path, pattern):
    """The real command on a draft that would trigger the backtracking: refused in time."""
    rule_file, draft = _lexicon_with(tmp_path, pattern, "pattern")
    run = run_cli_subprocess("check", str(draft), timeout=BUDGET + 15)
    assert_refused(run, rule_file, "Z901", "回溯", budget=BUDGET)


@pytest.mark.parametrize("pattern", HOSTILE_PATTERNS)
def test_hostile_regex_shapes_are_rejected(pattern):
    """Each shape, straight through ``compile_pattern``: refused with a reason (each of these
    backtracks for minutes in Python's ``re`` on a few thousand characters)."""
    from wenfeng.rules.matching import compile_pattern

    with pytest.raises(ValueError, match="回溯失控"):
        compile_pattern(pattern)


def test_hostile_regex_screen_keeps_ordinary_patterns():
    """Ordinary shapes pass (and the shipped lexicons' own patterns load in every test)."""
    from wenfeng.rules.matching import compile_pattern

    for fine in [r"\d+年\d+月", r"(?:一|二|三)+", r"(?:切实|切实地|有效|有效地){3,}",
                 r"(?<![\d.])\d+(?:\.\d+)?[千百]", r"(?P<m>[，、；：])(?P=m)+", r"[^，。]{0,30}的"]:
        assert compile_pattern(fine).pattern == fine
