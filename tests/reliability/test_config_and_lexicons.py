"""Which configuration and lexicons wenfeng trusts (issue 19, items 6 and 7).

wenfeng.toml is looked for up to the project root (a VCS folder) or the home folder only, never
used when another user owns it or others can change it, and ``check -v`` / ``stats`` say which
one applies.  Catastrophic user patterns run on RE2 (linear time) or are refused, on both paths
(RE2 installed or not).  A FIFO or a link to /dev/zero in a lexicon folder is refused at once.
jieba's dictionary cache lives in the user's private cache folder.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .hostile import run_cli as run_cli_subprocess

CLEAN = "关于申请经费的请示\n市政府：\n为做好防汛工作，拟申请经费20万元。\n妥否，请批示。\n"
OFF = '[rules]\nL101 = false\nL102 = false\nD301 = false\n'


def _project(tmp_path: Path, marker: str | None) -> Path:
    """tmp/wenfeng.toml (turning a rule into an error) above tmp/proj[/.git]/sub/d.txt."""
    (tmp_path / "wenfeng.toml").write_text('[levels]\nD301 = "error"\n', encoding="utf-8")
    proj = tmp_path / "proj"
    (proj / "sub").mkdir(parents=True)
    if marker:
        (proj / marker).mkdir()
    draft = proj / "sub" / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    return draft


def test_search_stops_at_the_project_root(tmp_path):
    from wenfeng.config import find_config

    draft = _project(tmp_path, ".git")
    assert find_config(draft) is None
    (tmp_path / "other").mkdir()
    draft2 = _project(tmp_path / "other", None)
    assert find_config(draft2) == tmp_path / "other" / "wenfeng.toml"


def test_search_stops_at_home(tmp_path, monkeypatch):
    from wenfeng.config import find_config

    draft = _project(tmp_path, None)
    monkeypatch.setenv("HOME", str(tmp_path / "proj"))
    assert find_config(draft) is None


def test_a_config_others_can_write_is_not_used(tmp_path, run_cli):
    from wenfeng.config import find_config

    cfg = tmp_path / "wenfeng.toml"
    cfg.write_text('profile = "nope"\n', encoding="utf-8")  # would be an error if used
    cfg.chmod(0o666)
    draft = tmp_path / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    assert find_config(draft) is None
    code, out, err = run_cli("check", "-v", str(draft))
    assert code in (0, 1), err
    assert f"未使用 {cfg}" in err and "其他用户可以修改" in err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to own a file as another user")
def test_another_users_config_is_not_used(tmp_path, run_cli):
    cfg = tmp_path / "wenfeng.toml"
    cfg.write_text('profile = "nope"\n', encoding="utf-8")
    os.chown(cfg, 4321, 4321)
    draft = tmp_path / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    code, out, err = run_cli("stats", str(draft))
    assert code == 0, err
    assert f"未使用 {cfg}：该文件属于其他用户" in out


def test_check_v_and_stats_say_which_config_applies(tmp_path, run_cli):
    cfg = tmp_path / "wenfeng.toml"
    cfg.write_text(OFF, encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    code, _, err = run_cli("check", "-v", str(draft))
    assert f"配置：{cfg}" in err
    code, out, _ = run_cli("stats", str(draft))
    assert f"配置：{cfg}" in out
    code, out, _ = run_cli("stats", "--format", "json", str(draft))
    assert any(str(cfg) in line for line in json.loads(out)["config"])
    cfg.unlink()
    code, out, _ = run_cli("stats", str(draft))
    assert "配置：内置默认设置" in out


# --- user regexes ------------------------------------------------------------------------

SLOW = ".*的.*的.*的.*吗"


def _slow_rule_lexicon(tmp_path: Path, pattern: str = SLOW) -> tuple[Path, Path]:
    rules = tmp_path / "lex" / "rules"
    rules.mkdir(parents=True)
    (rules / "mine.toml").write_text(
        '[[rules]]\nid = "Z901"\nkind = "pattern"\nlevel = "warning"\nname = "问句"\nmessage = "问句"\n'
        f'source = "本单位"\npattern = {json.dumps(pattern, ensure_ascii=False)}\n'
        '[[rules.examples]]\nbad = "我的书的封面的颜色吗"\n', encoding="utf-8")
    (tmp_path / "wenfeng.toml").write_text('lexicons = ["lex"]\n', encoding="utf-8")
    draft = tmp_path / "d.txt"
    paragraph = "我们的工作的成效的体现" * 600  # 6,600 字, many 的, no 吗
    draft.write_text(f"关于测试的请示\n{paragraph}\n这样的安排的效果的好吗\n", encoding="utf-8")
    return rules / "mine.toml", draft


def test_a_catastrophic_pattern_runs_on_re2_quickly(tmp_path):
    pytest.importorskip("re2")
    _, draft = _slow_rule_lexicon(tmp_path)
    run = run_cli_subprocess("check", "--format", "json", str(draft), timeout=120)
    assert run.code in (0, 1), run.err
    assert run.seconds < 20, f"{run.seconds:.1f} s"
    found = [f for f in json.loads(run.out)["files"][0]["findings"] if f["rule"] == "Z901"]
    assert found and found[-1]["line"] == 3  # the match is still found


def test_without_re2_a_catastrophic_pattern_is_refused(tmp_path, run_cli, monkeypatch):
    from wenfeng.rules import regex_engine

    monkeypatch.setattr(regex_engine, "_re2", None)
    monkeypatch.setattr(regex_engine, "_RE2_PATTERNS", {})
    rule_file, draft = _slow_rule_lexicon(tmp_path, ".*之.*之.*之.*乎")
    started = time.monotonic()
    code, _, err = run_cli("check", str(draft))
    assert time.monotonic() - started < 20
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, err
    assert str(rule_file) in lines[0] and "Z901" in lines[0] and "google-re2" in lines[0]


def test_ordinary_user_patterns_stay_on_re(tmp_path):
    from wenfeng.rules import regex_engine

    regex_engine.vet("关于.*的通知")
    regex_engine.vet(r"\d+年\d+月")
    assert regex_engine.lookup("关于.*的通知") is None and regex_engine.lookup(r"\d+年\d+月") is None


# --- lexicon files ------------------------------------------------------------------------

def _user_lexicon(tmp_path: Path) -> Path:
    rules = tmp_path / "lex" / "rules"
    rules.mkdir(parents=True)
    (rules / "mine.toml").write_text(
        '[[rules]]\nid = "Z901"\nkind = "existence"\nlevel = "info"\nname = "x"\nmessage = "x"\n'
        'source = "本单位"\nterms = ["老总"]\n[[rules.examples]]\nbad = "老总"\n', encoding="utf-8")
    (tmp_path / "wenfeng.toml").write_text('lexicons = ["lex"]\n', encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    return draft


@pytest.mark.parametrize("kind", ["fifo rule file", "fifo allowlist", "dictionary to /dev/zero"])
def test_special_files_in_a_lexicon_are_refused_at_once(tmp_path, kind):
    draft = _user_lexicon(tmp_path)
    lex = tmp_path / "lex"
    if kind == "fifo rule file":
        bad = lex / "rules" / "pipe.toml"
        os.mkfifo(bad)
    elif kind == "fifo allowlist":
        (lex / "allowlists").mkdir()
        bad = lex / "allowlists" / "names.txt"
        os.mkfifo(bad)
    else:
        (lex / "dicts").mkdir()
        bad = lex / "dicts" / "words.txt"
        bad.symlink_to("/dev/zero")
    run = run_cli_subprocess("check", str(draft), timeout=60)
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    assert str(bad) in run.err_lines[0] and "不是普通文件" in run.err_lines[0]
    assert run.seconds < 20


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_infinite_limits_are_refused(tmp_path, run_cli, value):
    (tmp_path / "wenfeng.toml").write_text(f'[limits."请示"]\nwords = {{ general = {value} }}\n',
                                           encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    code, _, err = run_cli("check", str(draft))
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "应为正数" in lines[0], err


# --- jieba's cache ------------------------------------------------------------------------

def test_jieba_cache_is_private_and_per_user(tmp_path):
    cache = tmp_path / "xdg"
    planted = Path("/tmp") / "jieba.cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "WENFENG_SEGMENTER": "jieba"}  # (rjieba has no cache)
    env.pop("WENFENG_CACHE_DIR", None)
    code = ("from wenfeng.segment import Segmenter, cache_dir; s = Segmenter(); s.initialize();"
            "print(cache_dir()); print(s.tokens('关于申请经费的请示')[:2])")
    before = planted.stat().st_mtime if planted.exists() else None
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    folder = cache / "wenfeng"
    assert done.stdout.splitlines()[0] == str(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(folder.glob("jieba*.cache")), "jieba did not cache in the private folder"
    after = planted.stat().st_mtime if planted.exists() else None
    assert before == after, "the shared /tmp/jieba.cache was written"


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    from wenfeng import cachedir

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("WENFENG_CACHE_DIR", str(shared))
    folder = cachedir.cache_dir()
    assert folder != shared and stat.S_IMODE(folder.stat().st_mode) == 0o700
