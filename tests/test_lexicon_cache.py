"""The compiled-lexicon cache: an engine loaded from it finds exactly what a freshly compiled one
finds; it is keyed by the lexicons' content (an edited rule file is compiled again); a damaged
cache file is rebuilt, never fatal."""

from __future__ import annotations

import re
from pathlib import Path

from wenfeng.config import Settings
from wenfeng.rules import lexicon_cache
from wenfeng.rules.engine import Engine
from wenfeng.rules.lexicon import roots_for
from wenfeng.rules.matching import LazyPattern
from wenfeng.sources import load_path

ROOT = Path(__file__).resolve().parents[1]


def patterns(engine: Engine) -> list:
    """The regexes the prepared rules hold directly (pattern rules: ``Prepared.regex``)."""
    return [c.prepared.regex for c in engine.rules.values()
            if isinstance(getattr(c.prepared, "regex", None), (re.Pattern, LazyPattern))]


def test_an_engine_from_the_cache_finds_the_same(private_cache):
    compiled = Engine()
    assert len(list(private_cache.glob("lexicons-*.pickle"))) == 1
    cached = Engine()
    assert any(isinstance(p, LazyPattern) for p in patterns(cached))
    assert not any(isinstance(p, LazyPattern) for p in patterns(compiled))
    assert cached.rules.keys() == compiled.rules.keys()
    assert cached.segmenter.user_words == compiled.segmenter.user_words
    for path in sorted((ROOT / "examples").glob("*.*")) + sorted(
            (ROOT / "tests" / "corpus").glob("*.txt"))[:6]:
        doc = load_path(path)
        a = compiled.check(doc, Settings()).findings
        b = cached.check(doc, Settings()).findings
        assert a == b, path.name


def test_the_key_follows_the_lexicons_content(private_cache, tmp_path):
    extra = tmp_path / "mine"
    (extra / "rules").mkdir(parents=True)
    rule = extra / "rules" / "mine.toml"
    rule.write_text('[[rules]]\nid = "X901"\nkind = "substitution"\nlevel = "warning"\n'
                    'name = "试"\nmessage = "改“{found}”"\nsource = "自定"\n'
                    'terms = { "甲乙" = "丙" }\n', encoding="utf-8")
    before = lexicon_cache.key(roots_for([extra]))
    assert before == lexicon_cache.key(roots_for([extra]))
    rule.write_text(rule.read_text(encoding="utf-8").replace("丙", "丁"), encoding="utf-8")
    assert lexicon_cache.key(roots_for([extra])) != before
    assert lexicon_cache.key(roots_for([tmp_path / "absent"])) is None  # the loader reports it


def test_a_damaged_cache_file_is_rebuilt(private_cache):
    Engine()
    [path] = private_cache.glob("lexicons-*.pickle")
    path.write_bytes(path.read_bytes()[:100])
    engine = Engine()  # compiled again, not an exception
    assert engine.rules and not any(isinstance(p, LazyPattern) for p in patterns(engine))
    assert Engine().rules.keys() == engine.rules.keys()  # and the rewritten file loads


def test_the_cache_can_be_turned_off(private_cache, monkeypatch):
    monkeypatch.setenv("WENFENG_NO_CACHE", "1")
    Engine()
    assert not private_cache.exists() or not list(private_cache.glob("lexicons-*.pickle"))


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("WENFENG_CACHE_DIR", str(blocker / "cache"))
    assert Engine().rules


def test_a_lazy_pattern_behaves_like_the_compiled_one():
    lazy = LazyPattern(r"(\d+)年", 0)
    real = re.compile(r"(\d+)年")
    text = "2024年和2025年"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.sub(r"\1", text) == real.sub(r"\1", text)
    assert lazy.pattern == real.pattern and lazy.groups == 1
