"""The server's converter resolves lsprotocol's forward references lazily (``lsp/converter.py``):
the same messages as pygls's default converter, fewer classes resolved before ``initialize``.

Resolution is process-wide state, so each converter is made in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, sys
from lsprotocol import types
from wenfeng.lsp.converter import lazy_converter, resolve_all, _unresolved
from pygls.protocol import default_converter

lazy = sys.argv[1] == "lazy"
converter = lazy_converter() if lazy else default_converter()
params = {
    "processId": 7, "rootUri": "file:///tmp/w",
    "capabilities": {
        "textDocument": {"publishDiagnostics": {"versionSupport": True, "tagSupport": {"valueSet": [1, 2]}},
                         "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
                         "diagnostic": {"dynamicRegistration": True, "relatedDocumentSupport": False},
                         "synchronization": {"didSave": True}},
        "workspace": {"configuration": True, "workspaceEdit": {"documentChanges": True},
                      "didChangeWatchedFiles": {"dynamicRegistration": True}},
        "general": {"positionEncodings": ["utf-16", "utf-8"]}},
    "initializationOptions": {"settings": {"debounceMs": 0}},
    "workspaceFolders": [{"uri": "file:///tmp/w", "name": "w"}],
}
structured = converter.structure(params, types.InitializeParams)
diagnostic = types.Diagnostic(
    range=types.Range(types.Position(1, 2), types.Position(1, 5)), message="m",
    severity=types.DiagnosticSeverity.Warning, code="W1",
    related_information=[types.DiagnosticRelatedInformation(
        types.Location("file:///a", types.Range(types.Position(0, 0), types.Position(0, 1))), "r")])
edit = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
    types.OptionalVersionedTextDocumentIdentifier("file:///a", 3),
    [types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 1)), "x")])])
out = {"params": converter.unstructure(structured),
       "diagnostic": converter.unstructure(diagnostic),
       "edit": converter.unstructure(edit),
       "action": converter.unstructure(types.CodeAction("t", kind=types.CodeActionKind.QuickFix,
                                                        diagnostics=[diagnostic], edit=edit))}
classes = [v for v in types.ALL_TYPES_MAP.values() if isinstance(v, type)]
out["unresolved"] = sum(map(_unresolved, classes))
if lazy:
    resolve_all()
    out["after"] = sum(map(_unresolved, classes))
    out["same_again"] = converter.unstructure(edit) == out["edit"]
print(json.dumps(out))
"""


def _run(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout)


def test_lazy_converter_gives_the_same_messages_and_resolves_later():
    eager, lazy = _run("eager"), _run("lazy")
    for key in ("params", "diagnostic", "edit", "action"):
        assert lazy[key] == eager[key], key
    assert lazy["params"]["capabilities"]["general"]["positionEncodings"] == ["utf-16", "utf-8"]
    assert eager["unresolved"] == 0
    assert lazy["unresolved"] > 300  # most classes were never converted, so never resolved
    assert lazy["after"] == 0 and lazy["same_again"]
