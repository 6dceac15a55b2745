"""The compiled-regex cache (wenfeng.regex_cache): a pattern made from it is the pattern ``re``
makes (same code), a command served from it prints what one without it prints, and a damaged
file or ``WENFENG_NO_CACHE`` only means compiling as usual."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wenfeng import regex_cache
from wenfeng.rules.engine import Engine
from wenfeng.rules.matching import LazyPattern, compile_lazy

ROOT = Path(__file__).resolve().parents[1]
ORIGINAL = regex_cache._original or regex_cache._sre_compile.compile  # re's own compile


@pytest.fixture
def fresh(private_cache, monkeypatch):
    """The cache as in a new process: nothing stored, nothing installed."""
    was_installed = regex_cache._original is not None
    regex_cache.uninstall()
    monkeypatch.setattr(regex_cache, "_stored", {})
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_new", 0)
    yield private_cache
    regex_cache.uninstall()
    if was_installed:  # (wenfeng.cli installed it for this test process: put it back)
        regex_cache.install()


def lexicon_patterns() -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def collect(obj, depth=4):
        if isinstance(obj, (re.Pattern, LazyPattern)):
            found.append((obj.pattern, obj.flags))
        elif depth and isinstance(obj, dict):
            for v in obj.values():
                collect(v, depth - 1)
        elif depth and isinstance(obj, (list, tuple, set, frozenset)):
            for v in obj:
                collect(v, depth - 1)
        elif depth and hasattr(obj, "__dataclass_fields__"):
            for name in obj.__dataclass_fields__:
                collect(getattr(obj, name), depth - 1)

    engine = Engine()
    for compiled in engine.rules.values():
        compile_lazy(compiled.prepared)
        collect(compiled.prepared)
    return found


def test_every_lexicon_pattern_made_from_the_cache_is_the_one_re_makes(fresh):
    patterns = lexicon_patterns() + [(r"(?P<year>\d{4})年(?:(\d+)月)?", 0), (rb"[\x80-\xff]+", 0),
                                     (r"(?i)abc|d(?x: e f)", 0), (r"^\s*第.{1,3}条", re.M)]
    assert len(patterns) > 50
    for pattern, flags in patterns:
        flags = flags & ~re.UNICODE if isinstance(pattern, str) else flags  # (as given to re)
        assert regex_cache._make(pattern, regex_cache._parts(pattern, flags)) == \
            ORIGINAL(pattern, flags), pattern


def test_patterns_are_stored_and_served_from_the_file(fresh):
    regex_cache.install()
    made = regex_cache._sre_compile.compile(r"检查[^，。]{0,8}(考核|督查)", 0)  # what re calls
    assert made == ORIGINAL(r"检查[^，。]{0,8}(考核|督查)", 0)
    regex_cache.save()
    files = list(fresh.glob("regex-*.marshal"))
    assert len(files) == 1
    stored = regex_cache._load(files[0])
    assert (r"检查[^，。]{0,8}(考核|督查)", 0) in stored
    again = regex_cache._make(r"检查[^，。]{0,8}(考核|督查)", stored[r"检查[^，。]{0,8}(考核|督查)", 0])
    assert again == made and again.search("开展检查和考核").group(1) == "考核"
    with pytest.raises(re.error):  # a bad pattern still raises re's own error
        regex_cache._sre_compile.compile("(unclosed", 0)


def test_a_damaged_file_is_ignored(fresh):
    regex_cache.install()
    regex_cache._sre_compile.compile("一[二三]", 0)
    regex_cache.save()
    (file,) = fresh.glob("regex-*.marshal")
    data = file.read_bytes()
    file.write_bytes(data[:len(data) // 2])
    assert regex_cache._load(file) == {}
    # a header from another Python, or an entry whose code _sre rejects
    file.write_bytes(b"wenfeng-regex-0\n" + data)
    assert regex_cache._load(file) == {}
    regex_cache._stored[("一[二三]", 0)] = (0, b"\x01\x02", 0, {}, ())
    assert regex_cache._sre_compile.compile("一[二三]", 0) == ORIGINAL("一[二三]", 0)


def test_with_caches_off_nothing_is_installed(fresh, monkeypatch):
    monkeypatch.setenv("WENFENG_NO_CACHE", "1")
    regex_cache.install()
    assert regex_cache._original is None
    assert not list(fresh.glob("regex-*.marshal"))


def test_a_command_served_from_the_cache_prints_the_same(tmp_path):
    draft = ROOT / "examples" / "简报-基层减负工作.txt"
    env = dict(os.environ, WENFENG_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("WENFENG_NO_CACHE", None)

    def run(extra: dict[str, str]) -> list:
        out = subprocess.run([sys.executable, "-m", "wenfeng", "check", "--format", "json",
                              str(draft)], capture_output=True, text=True, env={**env, **extra},
                             cwd=ROOT).stdout
        return json.loads(out)

    first = run({})
    assert list((tmp_path / "cache").glob("regex-*.marshal"))
    assert run({}) == first == run({"WENFENG_NO_CACHE": "1"})
