"""The engine skips a rule for a paragraph its prefilter rules out; that must never hide a hit.
Every rule with a prefilter is run on every paragraph of the corpus and its rule examples, and
wherever it finds something the prefilter must have let the paragraph through."""

from __future__ import annotations

from pathlib import Path

from wenfeng.model import LINTED_KINDS
from wenfeng.rules.context import BlockContext
from wenfeng.rules.examples import expand_example
from wenfeng.rules.matching import Prefilter
from wenfeng.sources import load_path, load_text

ROOT = Path(__file__).resolve().parents[1]


def test_a_prefilter_never_rules_out_a_paragraph_with_a_hit(engine):
    engine.segmenter.initialize()
    docs = [load_path(p) for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    docs += [load_text(expand_example(ex.bad), fmt=ex.fmt) for c in engine.rules.values()
             for ex in c.rule.examples if ex.bad]
    filtered = [c for c in engine.rules.values() if not c.document_scope and c.prefilter]
    assert len(filtered) > 50
    checked = skipped = 0
    for doc in docs:
        for block in doc.blocks:
            if block.kind not in LINTED_KINDS:
                continue
            ctx = BlockContext(block, engine.segmenter, "报告")
            for compiled in filtered:
                if block.kind not in compiled.rule.blocks:
                    continue
                test = compiled.prefilter
                out = test.rules_out(ctx.norm if test.normalized else block.text)
                hits = list(compiled.module.run(compiled.rule, compiled.prepared, ctx))
                assert not (out and hits), (compiled.rule.id, block.text[:40])
                checked += 1
                skipped += out
    assert skipped > checked // 2  # and it does skip most of the work


def test_pairs_are_tested_only_when_a_first_character_is_there():
    test = Prefilter(True, frozenset("甲"), frozenset({"进一", "加强"}))
    assert not test.rules_out("甲")
    assert not test.rules_out("要加强管理")
    assert test.rules_out("要加紧管理，强化")  # 加 and 强, but never "加强"
    assert test.rules_out("无关的文字")
