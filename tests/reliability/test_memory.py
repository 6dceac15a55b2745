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
