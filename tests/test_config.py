"""wenfeng.toml discovery, precedence, and errors that name the file, line and key."""

from __future__ import annotations

import pytest

from wenfeng.api import check_path
from wenfeng.config import Settings, find_config, layer, load_config, parse_partial
from wenfeng.errors import ConfigError
from wenfeng.model import Level

LONG_REQUEST = "关于经费的请示\n市政府：\n" + "经费使用情况良好。" * 200 + "\n妥否，请批示。\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_found_upward_and_applied(tmp_path):
    write(tmp_path / "wenfeng.toml", '[limits."请示"]\nwords = { general = 5000 }\n')
    draft = write(tmp_path / "a" / "b" / "draft.txt", LONG_REQUEST)
    assert find_config(draft) == tmp_path / "wenfeng.toml"
    report = check_path(draft)
    words = [s for s in report.limits if s.metric == "words"][0]
    assert (words.general, words.maximum) == (5000, None)  # inherited 最多 2000 < 5000 is dropped
    assert not [f for f in report.findings if f.rule == "L101" and f.level == Level.WARNING]


def test_restating_the_default_numbers_keeps_the_profile_clause(tmp_path):
    """An editor config that repeats 1500/2000 for 请示 (the README's eglot example) must not turn
    the 依据 into "使用者设置"; other numbers, or a named source, do."""
    draft = write(tmp_path / "d.txt", LONG_REQUEST)
    default = [s for s in check_path(draft).limits if s.metric == "words"][0].source
    assert "若干措施" in default
    cases = {"words = { general = 1500, maximum = 2000 }": default,
             "words = { general = 1500 }": default,
             "words = { general = 1200, maximum = 2000 }": "使用者设置",
             'words = { general = 1500, maximum = 2000, source = "本局规定" }': "本局规定"}
    for spec, source in cases.items():
        write(tmp_path / "wenfeng.toml", f'[limits."请示"]\n{spec}\n')
        words = [s for s in check_path(draft).limits if s.metric == "words"][0]
        assert words.source == source, spec


def test_rules_and_levels_by_id_and_group(tmp_path):
    write(tmp_path / "wenfeng.toml", '[rules]\nH = false\n[levels]\nL = "info"\n')
    draft = write(tmp_path / "d.txt", "在会议上的讲话\n尊敬的各位领导：\n" + "讲" * 9000)
    report = check_path(draft)
    assert not [f for f in report.findings if f.rule == "H201"]
    l103 = [f for f in report.findings if f.rule == "L103"]
    assert l103 and all(f.level == Level.INFO for f in l103)


def test_per_file_doctype_and_default_doctype(tmp_path):
    write(tmp_path / "wenfeng.toml", 'doctype = "讲话"\n[files]\n"请示*.txt" = "请示"\n')
    a = write(tmp_path / "请示1.txt", "无标题的草稿\n内容。\n")
    b = write(tmp_path / "other.txt", "无标题的草稿\n内容。\n")
    assert check_path(a).doctype.name == "请示"
    assert check_path(b).doctype.name == "讲话"
    assert check_path(b, doctype="简报").doctype.name == "简报"  # --type always wins


def test_profile_and_rate(tmp_path):
    write(tmp_path / "wenfeng.toml", 'profile = "shenzhen-2007"\nspeaking_rate = 180\n')
    draft = write(tmp_path / "d.txt", LONG_REQUEST)
    report = check_path(draft)
    assert report.profile == "shenzhen-2007"
    assert report.counts.rate == 180
    assert [s.general for s in report.limits if s.metric == "words"] == [3000]


def test_extra_lexicon_folder_adds_rules(tmp_path):
    lex = tmp_path / "mylex"
    write(lex / "rules" / "local.toml", '''
[[rules]]
id = "H299"
kind = "existence"
level = "warning"
name = "本地称谓"
message = "不称“{found}”"
source = "本单位规定"
terms = ["老总"]
[[rules.examples]]
bad = "请老总讲话。"
''')
    write(tmp_path / "wenfeng.toml", 'lexicons = ["mylex"]\nallowlist = ["尊敬的"]\n')
    draft = write(tmp_path / "d.txt", "在会上的讲话\n尊敬的各位：\n请老总讲话。\n")
    report = check_path(draft)
    assert [f.rule for f in report.findings if f.group == "H"] == ["H299"]  # allowlist hides H201


@pytest.mark.parametrize("toml, key, line, reason", [
    ('profile = "x"\ncolour = "red"\n', "colour", 2, "未知配置项"),
    ('speaking_rate = 1000\n', "speaking_rate", 1, "语速"),
    ('\n[levels]\nH201 = "loud"\n', "levels.H201", 3, "未知级别"),
    ('[limits."情书"]\nwords = 3\n', "limits.情书", 1, "未知文种"),
    ('[limits."请示"]\nwords = { general = 1500, maximum = 100 }\n', "limits.请示.words.maximum", None,
     "最高限额不能小于一般限额"),
    ('[rules]\nH201 = "yes"\n', "rules.H201", 2, "true 或 false"),
    ('profile = \n', None, 1, "TOML 语法错误"),
])
def test_config_errors_name_file_line_and_key(tmp_path, toml, key, line, reason):
    path = write(tmp_path / "wenfeng.toml", toml)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path) in message and reason in message
    if key:
        assert f"“{key}”" in message
    if line:
        assert f"{path}:{line}" in message


def test_unknown_profile_is_a_config_error(tmp_path):
    write(tmp_path / "wenfeng.toml", 'profile = "atlantis-2099"\n')
    with pytest.raises(ConfigError, match="未知限额方案"):
        check_path(write(tmp_path / "d.txt", LONG_REQUEST))


def test_editor_layers_override_file_layers():
    base = layer(Settings(), parse_partial({"profile": "guoban-2007", "rules": {"H": False}},
                                           origin="wenfeng.toml"))
    editor = parse_partial({"speakingRate": 220, "rules": {"H201": True}, "debounceMs": 300},
                           origin="设置", editor=True)
    final = layer(base, editor)
    assert final.profile == "guoban-2007" and final.speaking_rate == 220
    assert final.rule_enabled("H201") and not final.rule_enabled("H202")
    with pytest.raises(ConfigError, match="未知设置项"):
        parse_partial({"speedRate": 1}, origin="设置", editor=True)
