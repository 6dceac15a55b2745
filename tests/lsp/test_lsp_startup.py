"""Start-up: the first diagnostics are complete with rjieba, and never wait for jieba.

rjieba loads its dictionary in about 0.1 s, while the server answers ``initialize``: the first
check waits for it and the first result is the full one.  With jieba (``WENFENG_SEGMENTER=jieba``,
or where rjieba is not installed) a fresh server checks before the dictionary is loaded (it is
loaded only once the first result is out), so a draft whose terms need word boundaries first gets
a provisional result — said so in ``wenfeng/stats`` — and then, for the same version, the full
one.  Requests never see the provisional result.
"""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI

pytestmark = pytest.mark.slow  # starts real language servers

# "要进一步加强" is V407 (token boundaries: needs jieba; the purpose opener 为进一步 is not
# flagged); "尊敬的" is H201 (a character rule)
TERMS = QINGSHI.replace("为加强", "要进一步加强")
JIEBA = {"WENFENG_SEGMENTER": "jieba"}


def codes(diagnostics):
    return {d.code for d in diagnostics}


async def test_with_rjieba_the_first_result_is_the_full_one(start):
    s = await start()
    uri = s.open("draft.txt", TERMS)
    full = await s.diagnostics(uri, 1)
    assert {"H201", "V407"} <= codes(full)
    assert [codes(p.diagnostics) for p in s.publications(uri)] == [codes(full)]
    assert [st["complete"] for st in s.rec.stats if st["uri"] == uri] == [True]


async def test_first_result_is_provisional_then_the_full_one_follows(start):
    s = await start(env=JIEBA)
    uri = s.open("draft.txt", TERMS)
    full = await s.diagnostics(uri, 1)          # waits past the provisional publication
    assert {"H201", "V407"} <= codes(full)
    first, *later = [p for p in s.publications(uri) if p.version == 1]
    assert "H201" in codes(first.diagnostics) and "V407" not in codes(first.diagnostics)
    assert later and codes(later[-1].diagnostics) == codes(full)
    stats = [st["complete"] for st in s.rec.stats if st["uri"] == uri]
    assert stats[0] is False and stats[-1] is True


async def test_with_jieba_even_a_clean_draft_is_provisional_first(start):
    """The typo engine reads every sentence with word boundaries, so with jieba no draft is
    complete before the dictionary is loaded: provisional first, then the full result."""
    s = await start(env=JIEBA)
    uri = s.open("draft.txt", QINGSHI)
    await s.stats(uri)                          # the complete one
    assert [p.version for p in s.publications(uri)] == [1, 1]
    assert [st["complete"] for st in s.rec.stats if st["uri"] == uri] == [False, True]


async def test_requests_answer_with_the_complete_result(start):
    s = await start(env=JIEBA)
    uri = s.open("draft.txt", TERMS)
    stats = await s.command("wenfeng.server.showStats", uri)   # sent before any result is out
    assert stats["complete"] is True and stats["version"] == 1


async def test_a_pull_client_is_refreshed_when_the_full_result_is_ready(start):
    from lsprotocol import types

    s = await start("neovim", pull_refresh=True, env=JIEBA)
    uri = s.open("draft.txt", TERMS)
    answers = []
    for _ in range(3):  # the provisional answer is followed by a refresh, then the full one
        refreshes = s.client.diagnostic_refresh_count
        report = await s.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        answers.append(codes(report.items))
        if "V407" in answers[-1]:
            break
        await s.wait_for(lambda: s.client.diagnostic_refresh_count > refreshes)
    assert answers[0] == {"H201"} and {"H201", "V407"} <= answers[-1]
