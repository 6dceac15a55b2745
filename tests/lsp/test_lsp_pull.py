"""Pull diagnostics (``textDocument/diagnostic``) for clients that pull and accept refresh
requests; every other client gets pushed diagnostics."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI, long_qingshi
from lsprotocol import types

pytestmark = pytest.mark.slow  # starts real language servers


def pull(s, uri, previous=None):
    return s.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous))


async def test_pull_client_pulls_and_is_refreshed_after_server_side_changes(start):
    s = await start("neovim", pull_refresh=True)
    assert s.result.capabilities.diagnostic_provider is not None
    uri = s.open("draft.txt", long_qingshi(1600))
    report = await pull(s, uri)
    assert {"L101"} <= {d.code for d in report.items}
    unchanged = await pull(s, uri, report.result_id)
    assert unchanged.kind == "unchanged" and unchanged.result_id == report.result_id

    version = s.replace(uri, 0, 0, "尊敬的各位领导，")
    changed = await pull(s, uri, report.result_id)
    assert changed.kind == "full" and changed.result_id != report.result_id
    await s.stats(uri)  # the stats notification still follows every check
    assert s.versions[uri] == version

    refreshes = s.client.diagnostic_refresh_count
    await s.command("wenfeng.server.setDoctype", uri, "综合性报告")
    assert s.client.diagnostic_refresh_count == refreshes + 1
    after = await pull(s, uri, changed.result_id)
    assert "L101" not in {d.code for d in after.items}
    assert s.rec.published == []  # never pushed to a pull client


async def test_neovim_without_refresh_support_gets_pushed_utf8_diagnostics(start):
    s = await start("neovim")
    assert s.result.capabilities.diagnostic_provider is None
    assert s.encoding == "utf-8"
    uri = s.open("draft.txt", QINGSHI)
    assert any(d.code == "H201" for d in await s.diagnostics(uri, 1))
