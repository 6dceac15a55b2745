"""Start-up: the first diagnostics never wait for the typo tables to be built, nor for jieba.

Once the typo engine's tables are in the cache folder (from any earlier run), opening them takes
milliseconds and the first result is complete.  The first run on a machine builds them (about a
second and a half), and jieba's dictionary (``WENFENG_SEGMENTER=jieba``, or where rjieba is not
installed) takes about a second; rjieba's is quick and the first check waits for it.  While either
is loading, a fresh server's first result is provisional — said so in ``wenfeng/stats``
(``complete: false``) — and lacks the typo findings (and, with jieba, those of rules that need
word boundaries); the full result follows for the same version.  A provisional result with no
findings is not published (a draft is never shown clean before the typo rules have read it).
Requests never see the provisional result.
"""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI

pytestmark = pytest.mark.slow  # starts real language servers

# "要进一步加强" is V407 (token boundaries: needs jieba; the purpose opener 为进一步 is not
# flagged); "尊敬的" is H201 (a character rule); "惯彻" is P906 (the typo engine: 贯彻)
TERMS = QINGSHI.replace("为加强", "要进一步加强")
TYPO = TERMS.replace("认真落实", "认真惯彻落实")
ONLY_TYPO = "关于申请专项经费的请示\n市政府：\n为加强管理，我们认真惯彻落实。\n妥否，请批示。\n"
CLEAN = ONLY_TYPO.replace("惯彻", "贯彻")
JIEBA = {"WENFENG_SEGMENTER": "jieba"}


def codes(diagnostics):
    return {d.code for d in diagnostics}


def completeness(s, uri):
    return [st["complete"] for st in s.rec.stats if st["uri"] == uri]


async def test_with_rjieba_the_first_result_lacks_only_the_typo_findings(private_cache, start):
    s = await start()  # a fresh cache folder: the typo tables are built after the first result
    uri = s.open("draft.txt", TYPO)
    full = await s.diagnostics(uri, 1)          # waits past the provisional publication
    assert codes(full) >= {"H201", "V407", "P906"}
    first, *later = [p for p in s.publications(uri) if p.version == 1]
    assert codes(first.diagnostics) == codes(full) - {"P906"}  # the rest at once
    assert later and codes(later[-1].diagnostics) == codes(full)
    assert completeness(s, uri) == [False, True]


async def test_a_typo_arrives_in_the_complete_publication_with_no_empty_one_before(private_cache, start):
    s = await start()  # a fresh cache folder: the typo tables are built after the first result
    uri = s.open("draft.txt", ONLY_TYPO)
    stats = await s.stats(uri)                  # the complete one
    assert stats["complete"] is True
    assert [(p.version, codes(p.diagnostics)) for p in s.publications(uri)] == [(1, {"P906"})]
    assert completeness(s, uri) == [False, True]


async def test_a_clean_draft_is_published_once_complete(private_cache, start):
    s = await start()  # a fresh cache folder: the typo tables are built after the first result
    uri = s.open("draft.txt", CLEAN)
    await s.stats(uri)
    assert [(p.version, list(p.diagnostics)) for p in s.publications(uri)] == [(1, [])]
    assert completeness(s, uri) == [False, True]


async def test_with_the_tables_in_the_cache_folder_the_first_result_is_complete(private_cache,
                                                                                 start):
    first = await start()                       # builds the typo tables into the cache folder
    await first.stats(first.open("draft.txt", CLEAN))
    s = await start()                           # a later start: the tables are opened at once
    uri = s.open("draft.txt", ONLY_TYPO)
    stats = await s.stats(uri)
    assert stats["complete"] is True
    assert [(p.version, codes(p.diagnostics)) for p in s.publications(uri)] == [(1, {"P906"})]
    assert completeness(s, uri) == [True]


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


async def test_with_jieba_a_clean_draft_is_published_once_complete(start):
    s = await start(env=JIEBA)
    uri = s.open("draft.txt", CLEAN)
    await s.stats(uri)                          # the complete one
    assert [(p.version, list(p.diagnostics)) for p in s.publications(uri)] == [(1, [])]
    assert completeness(s, uri) == [False, True]


async def test_requests_answer_with_the_complete_result(start):
    s = await start(env=JIEBA)
    uri = s.open("draft.txt", TERMS)
    stats = await s.command("wenfeng.server.showStats", uri)   # sent before any result is out
    assert stats["complete"] is True and stats["version"] == 1


async def test_with_rjieba_a_request_sees_the_typo_findings(start):
    from wenfeng.lsp.code_actions import FIX_ALL

    s = await start()
    uri = s.open("draft.txt", ONLY_TYPO)
    actions = await s.code_actions(uri, [], only=[FIX_ALL])   # sent before any result is out
    assert [a.kind for a in actions] == [FIX_ALL]
    assert "贯彻" in str(actions[0].edit)       # the typo's fix: the complete result's


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
