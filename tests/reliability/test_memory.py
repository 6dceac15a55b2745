"""Memory stays bounded in a long session: the per-paragraph caches of results and of word
boundaries are bounded by the bytes they hold, not only by their number — with only the count
bound, 20,000 cached copies of a 100,000-字 paragraph edited keystroke by keystroke are 4 GB.

The bounds are lowered here so that a few documents fill them.  The system-level check — RSS of
the real language server over a thousand edits — is in ``test_lsp_stress.py``.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

FILLER = "全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。"
BOUND = 400_000  # bytes each cache may hold in this test


def _document(n: int) -> str:
    """Eight distinct paragraphs of ~5,000 字 (a 尊敬的 in each, so jieba is consulted)."""
    return "在全市工作会议上的讲话\n" + "\n".join(
        f"第{n}稿第{i}段：尊敬的各位领导，" + FILLER * 130 for i in range(8)) + "\n"


def test_caches_are_bounded_by_the_length_they_hold(monkeypatch):
    from wenfeng import segment
    from wenfeng.rules import engine as engine_mod
    from wenfeng.rules.engine import get_engine

    monkeypatch.setattr(engine_mod, "_BLOCK_CACHE_BYTES", BOUND)
    monkeypatch.setattr(segment, "_CACHE_BYTES", BOUND)
    engine = get_engine()
    engine.clear_caches()
    from wenfeng.api import check_text

    seen = 0
    for n in range(12):  # 12 × 40,000 字: more than twice the bound
        report = check_text(_document(n))
        assert any(f.rule == "H201" for f in report.findings)  # still correct while evicting
        seen += sum(sys.getsizeof(b.text) for b in report.document.blocks)
        held = sum(engine_mod._entry_bytes(key[1], hits) for key, hits in engine._cache.items())
        assert held == engine._cache_bytes <= BOUND
        words_held = sum(segment.entry_bytes(text, edges)
                         for text, edges in engine.segmenter._cache.items())
        assert words_held == engine.segmenter._cache_bytes <= BOUND
    assert seen > 2 * BOUND and held > BOUND // 2  # the bound was reached, and the cache is used


def test_a_paragraph_longer_than_the_bound_is_checked_but_not_kept(monkeypatch):
    from wenfeng.api import check_text
    from wenfeng.rules import engine as engine_mod
    from wenfeng.rules.engine import get_engine

    monkeypatch.setattr(engine_mod, "_BLOCK_CACHE_BYTES", 1000)
    engine = get_engine()
    engine.clear_caches()
    text = "在会上的讲话\n尊敬的领导，" + FILLER * 60 + "\n"
    first = check_text(text)
    again = check_text(text)
    assert [f.rule for f in first.findings] == [f.rule for f in again.findings]
    assert "H201" in {f.rule for f in first.findings}
    assert engine._cache_bytes <= 1000


def test_an_editing_session_keeps_the_open_text_not_its_history():
    """Every keystroke replaces one paragraph; the language server's check tells the engine,
    which drops the replaced version's results and word boundaries — the caches then hold what
    is open, however long the user types, and the findings are those of a fresh check."""
    from pygls.workspace.position_codec import PositionCodec

    from wenfeng.api import check_text
    from wenfeng.lsp.checking import check
    from wenfeng.lsp.settings import ConfigFiles, EditorLayer
    from wenfeng.lsp.snapshot import Snapshot
    from wenfeng.rules.engine import get_engine

    engine = get_engine()
    engine.clear_caches()
    term = next(ex.bad for c in sorted(engine.rules.values(), key=lambda c: c.rule.id)
                if c.rule.kind == "substitution" and c.rule.boundary == "token"
                for ex in c.rule.examples[:1] if ex.bad and "\n" not in ex.bad)
    # (the term needs word boundaries: the segmenter's cache is used too)
    paragraphs = [f"第{i}段：尊敬的各位领导，" + FILLER * 3 + term for i in range(6)]
    files, previous, sizes = ConfigFiles(), None, []
    for version in range(1, 61):
        paragraphs[version % 6] = paragraphs[version % 6][:9] + "进一步" + \
            paragraphs[version % 6][9:]
        text = "在全市工作会议上的讲话\n" + "\n".join(paragraphs) + "\n"
        snapshot = Snapshot(uri="file:///tmp/draft.txt", version=version, text=text,
                            path="/tmp/draft.txt", language_id="plaintext",
                            layers=(EditorLayer(), EditorLayer()), doctype=None,
                            ignores=frozenset(), codec=PositionCodec(), ticket=version,
                            generation=0)
        result = check(snapshot, files, previous=previous)
        assert result.report is not None
        previous = result.report.document
        sizes.append((len(engine._cache), len(engine.segmenter._cache)))
        open_texts = {b.text for b in previous.blocks}
        assert {key[1] for key in engine._cache} <= open_texts
        assert engine._cache_bytes == sum(engine_mod_entry_bytes(k[1], v)
                                          for k, v in engine._cache.items())
    assert sizes[-1] == sizes[10] and sizes[-1][0] <= 7 and sizes[-1][1] >= 1
    fresh = check_text(text)
    assert [(f.rule, f.start) for f in result.report.findings] == \
        [(f.rule, f.start) for f in fresh.findings]
    assert any(f.rule == "H201" for f in fresh.findings)


def engine_mod_entry_bytes(text, hits):
    from wenfeng.rules import engine as engine_mod

    return engine_mod._entry_bytes(text, hits)


def test_forget_drops_a_text_under_every_key_and_nothing_else():
    from wenfeng.api import check_text
    from wenfeng.config import Settings
    from wenfeng.rules.engine import forget_paragraphs, get_engine

    engine = get_engine()
    engine.clear_caches()
    text = "关于申请专项经费的请示\n尊敬的领导，" + FILLER + "\n另一段。" + FILLER + "\n"
    check_text(text)
    check_text(text, settings=Settings(rules={"S301": False}))  # the same paragraphs, other settings
    kept = "另一段。" + FILLER
    dropped = "尊敬的领导，" + FILLER
    assert sum(1 for key in engine._cache if key[1] == dropped) == 2
    before = engine._cache_bytes
    forget_paragraphs([dropped, "从未检查过的一段"])
    assert not any(key[1] == dropped for key in engine._cache)
    assert any(key[1] == kept for key in engine._cache)
    assert dropped not in engine._keys_of and 0 < engine._cache_bytes < before
    assert engine.segmenter.cached(dropped) is None
    assert any(f.rule == "H201" for f in check_text(text).findings)  # checked again
