"""The editor path never imports python-docx or lxml, and does without the compiled libraries.

The VS Code extension ships the server with its pure-Python dependencies only
(``clients/vscode/scripts/bundle_python.py`` leaves .docx support, rjieba, google-re2 and OpenCC
out), so a .txt or .md draft must be checked — diagnostics, stats, code actions, hover, code
lens — in a server where those imports fail.  A ``sitecustomize`` on the server's ``PYTHONPATH``
makes them fail and writes down every attempt at docx/lxml, so an import that some ``try``
swallows is caught too; the compiled ones may be tried (they are optional) but are not there.
"""

from __future__ import annotations

from lsp_session import QINGSHI
from lsprotocol import types

BLOCKER = '''
import os, sys

class _Blocked:
    """Meta-path finder: .docx-only packages cannot be imported; attempts are logged."""
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("docx", "lxml"):
            with open(os.environ["WENFENG_BLOCKED_LOG"], "a", encoding="utf-8") as log:
                log.write(name + "\\n")
            raise ImportError(f"{name} is blocked in this test")
        return None

sys.meta_path.insert(0, _Blocked())
for absent in ("rjieba", "re2", "opencc"):  # as if not installed: find_spec() is None
    sys.modules[absent] = None
'''

MARKDOWN = "# 关于申请专项经费的请示\n\n市政府：\n\n为加强管理，尊敬的各位领导，我们认真落实。\n\n妥否，请批示。\n"


async def test_txt_and_md_are_checked_without_docx_and_compiled_libraries(start, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    log = tmp_path / "blocked.log"
    s = await start(env={"PYTHONPATH": str(site), "WENFENG_BLOCKED_LOG": str(log)})
    title = types.Range(types.Position(0, 2), types.Position(0, 2))
    for name, text, language in (("请示.txt", QINGSHI, "plaintext"),
                                 ("请示.md", MARKDOWN, "markdown")):
        uri = s.open(name, text, language)
        diagnostics = await s.diagnostics(uri, 1)
        assert any(d.code == "H201" for d in diagnostics), name
        assert (await s.stats(uri))["doctype"] == "请示"
        assert await s.code_actions(uri, diagnostics[:1])
        assert await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), title.start))
        assert await s.client.text_document_code_lens_async(types.CodeLensParams(
            types.TextDocumentIdentifier(uri)))
        assert await s.command("wenfeng.server.showStats", uri)
    assert not log.exists(), f"the editor path imported: {log.read_text(encoding='utf-8')}"
