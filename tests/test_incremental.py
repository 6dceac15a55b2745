"""The incremental path gives exactly what a full re-lint gives.

The engine caches per paragraph (rule hits, jieba boundaries, 字数 per paragraph, per-paragraph
document checks), and the language server applies keystroke-sized edits to its copy of the text
and re-checks through that warm engine.  After a random sequence of edits — typing lexicon terms,
deleting, splitting and joining paragraphs, pasting half-width punctuation and characters outside
the BMP, retitling the draft so its 文种 changes — the findings must be exactly those of a fresh
engine with empty caches on the final text.  Nothing here is timed (performance lives in bench/).
"""

from __future__ import annotations

import asyncio
import os
import random
import sys

import pytest

from wenfeng.config import Settings
from wenfeng.model import BlockKind, Level
from wenfeng.rules.engine import Engine, get_engine
from wenfeng.sources import load_text

TITLES = ["关于申请专项经费的请示", "关于2023年工作情况的报告", "关于做好防汛工作的通知",
          "在全市工作会议上的讲话", "关于组织开展调研的函"]
PLAIN = ["全市各级各部门认真落实年度目标任务", "，", "。", "\n", "\n\n", "（一）", "二、", "1.", ",", "(",
         ")", "；", "𠀀", "2024年", "5.2%", "  ", "妥否,请批示。", "请予批准。"]


def corpus_snippets(engine: Engine) -> list[str]:
    """Texts that make rules fire: every rule's bad examples (limit fillers left out)."""
    snippets = []
    for compiled in engine.rules.values():
        for ex in compiled.rule.examples:
            if ex.bad and "{filler" not in ex.bad and ex.fmt == "txt":
                snippets.append(ex.bad)
    assert len(snippets) > 50, "the lexicons should provide plenty of bad examples"
    return snippets


def base_text(snippets: list[str], rng: random.Random) -> str:
    body = rng.sample(snippets, min(40, len(snippets)))
    return f"{TITLES[0]}\n市人民政府：\n" + "\n".join(body) + "\n市发展和改革委员会\n2024年3月15日\n"


def random_edit(text: str, snippets: list[str], rng: random.Random) -> tuple[int, int, str]:
    """``(start, end, replacement)`` in code points: a keystroke, a paste, a cut or a retitle."""
    roll = rng.random()
    if roll < 0.08:  # retitle: the 文种 (and with it which rules apply) changes
        end = text.find("\n")
        return 0, max(end, 0), rng.choice(TITLES)
    pos = rng.randrange(len(text) + 1)
    if roll < 0.45:  # type a character or a short piece
        return pos, pos, rng.choice(PLAIN) if rng.random() < 0.6 else rng.choice("的了是在和与及")
    if roll < 0.65:  # paste a term-bearing sentence
        piece = rng.choice(snippets)
        return pos, pos, piece[:rng.randrange(1, len(piece) + 1)]
    if roll < 0.9:  # delete (backspace, or a selection, possibly across paragraphs)
        return pos, min(len(text), pos + rng.choice([1, 1, 1, 2, 5, 30])), ""
    return pos, min(len(text), pos + rng.randrange(1, 6)), rng.choice(PLAIN)  # overwrite


def as_tuples(report) -> list[tuple]:
    return [(f.rule, f.level, f.start, f.end, f.message, f.source, f.fixes, f.link, f.group,
             f.document_level, dict(f.data)) for f in report.findings]


SETTINGS = [Settings(), Settings(rules={"S": False}, levels={"H201": Level.HINT}),
            Settings(allowlist=("进行",))]


@pytest.fixture(scope="module")
def snippets():
    return corpus_snippets(get_engine())


@pytest.mark.slow  # random walk
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_warm_engine_after_random_edits_equals_fresh_engine(seed, snippets):
    rng = random.Random(seed)
    warm = Engine()                 # its caches fill up with every intermediate text
    text = base_text(snippets, rng)
    for step in range(80):
        start, end, new = random_edit(text, snippets, rng)
        text = text[:start] + new + text[end:]
        settings = SETTINGS[step % len(SETTINGS)] if rng.random() < 0.2 else SETTINGS[0]
        warm.check(load_text(text), settings)
    warm.check(load_text(text), SETTINGS[0])
    # one more keystroke inside a long paragraph: only that paragraph is checked afresh
    block = max((b for b in load_text(text).blocks if b.kind is BlockKind.BODY),
                key=lambda b: len(b.text))
    at = block.start + len(block.text) // 2
    text = text[:at] + "的" + text[at:]
    before = len(warm._cache)
    warm_reports = [warm.check(load_text(text), SETTINGS[0])]
    assert len(warm._cache) - before == 1
    warm_reports += [warm.check(load_text(text), s) for s in SETTINGS[1:]]

    fresh = Engine()
    fresh.clear_caches()            # also empties the shared per-text caches (counting, …)
    for settings, warm_report in zip(SETTINGS, warm_reports):
        fresh.clear_caches()
        fresh_report = fresh.check(load_text(text), settings)
        assert fresh_report.findings, "the edited draft should still have findings"
        assert as_tuples(warm_report) == as_tuples(fresh_report)
        assert warm_report.counts == fresh_report.counts
        assert warm_report.limits == fresh_report.limits
        assert warm_report.doctype == fresh_report.doctype


@pytest.mark.slow  # many full checks
def test_cache_is_keyed_on_doctype_and_settings(snippets):
    """The per-paragraph cache must not hand one 文种's or one setting's hits to another."""
    warm_engine, fresh = Engine(), Engine()
    body = "\n".join(snippets)
    for title in TITLES:
        for settings in SETTINGS:
            text = f"{title}\n市人民政府：\n{body}\n"
            warm = warm_engine.check(load_text(text), settings)  # cache holds the other combinations
            fresh.clear_caches()
            cold = fresh.check(load_text(text), settings)
            assert as_tuples(warm) == as_tuples(cold), (title, settings)


def test_counting_caches_match_the_per_character_definitions():
    """字数, 汉字, 字符数, syllables and grid cells come from cached per-text tables; they must
    equal the per-character definitions in counting.py on any text."""
    from wenfeng.metrics import counting

    rng = random.Random(5)
    alphabet = ("公文字数统计，。、；：？！“”（）《》——…" "abcXYZ0123456789%％０９Ａ .,;:!?()-_/"
                "\u3000\u00a0\u200b\ufeff\t\u2028\u00ad𠀀𪚥가あア")
    texts = ["", " ", "2024年GDP增长5.2%", "\u3000\u3000正文"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80))) for _ in range(300)]
    for text in texts:
        assert counting.word_count(text) == sum(1 for _ in counting.word_units(text)), text
        assert counting.han_count(text) == sum(1 for ch in text if counting.is_han(ch)), text
        assert counting.chars_no_spaces(text) == sum(1 for ch in text if not counting.is_space(ch))
        assert counting.syllables(text) == sum(n for _, n in counting.spoken_units(text)), text
        halves = sum(0 if counting.is_space(ch) and ch != "\u3000" else
                     2 if counting.is_east_asian(ch) or ch == "\u3000" else
                     2 if __import__("unicodedata").east_asian_width(ch) in ("W", "F") else 1
                     for ch in text)
        assert counting.cells(text) == halves / 2, text


def test_prefilters_never_skip_a_paragraph_that_matches(engine):
    """Rules skip paragraphs lacking the characters a match needs; on every rule example the
    prefilter must agree with running the regex."""
    from wenfeng.rules.matching import needed_chars, normalize

    checked = 0
    for compiled in engine.rules.values():
        regex = getattr(compiled.prepared, "regex", None)
        if regex is None:
            continue
        needs = needed_chars(regex)
        for ex in compiled.rule.examples:
            for text in (ex.bad, ex.good):
                if not text:
                    continue
                for para in normalize(text).split("\n"):
                    if regex.search(para):
                        checked += 1
                        assert needs is None or not needs.isdisjoint(para), (compiled.rule.id, para)
    assert checked > 50


def test_a_positive_lookaround_narrows_the_prefilter():
    """(?<=议案)，(?=建议) needs 议 in the paragraph, not only the comma it matches; a negative
    lookaround requires nothing."""
    import re

    from wenfeng.rules.matching import needed_chars

    pattern = re.compile("(?<=议案)，(?=建议)|(?<=建议)，(?=批评)")
    assert needed_chars(pattern) == frozenset("议建")
    assert pattern.search("对代表议案，建议的办理") and not pattern.search("一般的，普通的")
    assert needed_chars(re.compile("(?<!甲)乙")) == frozenset("乙")


# -- the same through a real language server session --------------------------------------------


def utf16_position(text: str, offset: int) -> dict[str, int]:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


@pytest.mark.slow  # random walk through a real server
@pytest.mark.parametrize("seed", [7])
async def test_server_after_random_incremental_edits_equals_fresh_lint(seed, snippets, tmp_path):
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    rng = random.Random(seed)
    text = base_text(snippets, rng)
    published: dict[int, list[types.Diagnostic]] = {}   # complete results only
    pending: dict[int, list[types.Diagnostic]] = {}
    arrived = asyncio.Event()
    client = LanguageClient("wenfeng-incremental-test", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            pending[params.version] = params.diagnostics

    @client.feature("wenfeng/stats")  # follows each publication; provisional ones say so
    def on_stats(params) -> None:
        version = getattr(params, "version", None)
        if version in pending and getattr(params, "complete", True):
            published[version] = pending[version]
            arrived.set()

    @client.feature(types.WORKSPACE_CONFIGURATION)
    def on_configuration(params: types.ConfigurationParams):
        return [{"debounceMs": 0} for _ in params.items]

    env = dict(os.environ, WENFENG_STATE_DIR=str(tmp_path / "state"))
    await client.start_io(sys.executable, "-m", "wenfeng", "serve", env=env)
    try:
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri(),
            initialization_options={"settings": {"debounceMs": 0}}))
        client.initialized(types.InitializedParams())
        uri = (tmp_path / "draft.txt").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
        version = 1
        for _ in range(60):
            start, end, new = random_edit(text, snippets, rng)
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(**utf16_position(text, start)),
                                  end=types.Position(**utf16_position(text, end))), text=new)
            text = text[:start] + new + text[end:]
            version += 1
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change]))
            if rng.random() < 0.3:  # sometimes wait (warm cache), sometimes type on (coalescing)
                await wait_for_version(published, arrived, version)
        await wait_for_version(published, arrived, version)
        got = sorted((d.code, d.data["start"], d.data["end"], d.message) for d in published[version])
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    fresh = Engine()
    fresh.clear_caches()
    report = fresh.check(load_text(text), Settings())
    assert report.findings
    expected = sorted((f.rule, f.start, f.end) for f in report.findings)
    assert [g[:3] for g in got] == expected
    by_span = {(f.rule, f.start, f.end): f.message for f in report.findings}
    for code, start, end, message in got:
        assert message.startswith(by_span[(code, start, end)])


async def wait_for_version(published: dict, arrived: asyncio.Event, version: int) -> None:
    async def wait() -> None:
        while version not in published:
            arrived.clear()
            await arrived.wait()
    await asyncio.wait_for(wait(), 60)


def test_word_limit_crossing_matches_the_unit_by_unit_walk(snippets):
    """The 字数 limit span starts where the counted units pass the limit; skipping whole
    paragraphs by their cached 字数 must land on the same offset as walking every unit."""
    from wenfeng.metrics import limits

    rng = random.Random(9)
    for _ in range(20):
        text = base_text(snippets, rng)
        document = load_text(text)
        total = sum(1 for _ in limits._units(document, "words", 200))
        for threshold in [0, 1, rng.randrange(total + 1), total - 1, total, total + 5]:
            walk = next((offset for offset, amount in limits._units(document, "words", 200)
                         if amount > threshold), None)
            assert limits.crossing(document, "words", threshold, 200) == walk


def test_check_now_before_jieba_is_ready_is_a_subset_then_the_full_report(snippets):
    """``check_now`` (for a language server's first diagnostics) leaves out only token-boundary
    rules in paragraphs jieba has not segmented yet, caches nothing partial, and is the full check
    once jieba is loaded (the typo tables, loaded in this process or waiting in the cache folder,
    are opened by check_now itself: tests/lsp/test_lsp_startup.py has the case where they are
    not built yet)."""
    text = base_text(snippets, random.Random(12))
    early = Engine()                # its jieba dictionary is not loaded yet
    assert not early.segmenter.ready
    partial, complete = early.check_now(load_text(text))
    assert not complete and not early.segmenter.ready

    reference = Engine()
    reference.clear_caches()
    full = reference.check(load_text(text))
    token_rules = {i for i, c in reference.rules.items() if c.rule.boundary == "token"}
    got, expected = set(map(repr, as_tuples(partial))), set(map(repr, as_tuples(full)))
    rule_of = {repr(t): t[0] for t in as_tuples(full)}
    assert got < expected                              # strictly fewer, nothing invented
    assert {rule_of[t] for t in expected - got} <= token_rules  # only token-boundary rules wait
    assert {t for t in expected if rule_of[t] not in token_rules} <= got

    early.segmenter.initialize()
    again, complete = early.check_now(load_text(text))
    assert complete
    assert as_tuples(again) == as_tuples(full)
