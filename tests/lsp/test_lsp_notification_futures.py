"""pygls 2.1 keeps the future of every notification a generator handler runs (didOpen, didChange,
didClose…) in ``_request_futures`` for ever — about 1 KB per keystroke.  The server's protocol
drops the finished ones: after many edits only a handful remain."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from wenfeng.lsp.server import create_server


async def test_finished_notification_futures_are_not_kept():
    server = create_server()
    protocol = server.protocol
    protocol._send_data = lambda data: None  # no client: answers go nowhere
    protocol._handle_request(1, types.INITIALIZE, types.InitializeParams(
        capabilities=types.ClientCapabilities(), process_id=None, root_uri=None))
    await asyncio.sleep(0.1)
    protocol._handle_notification(types.INITIALIZED, types.InitializedParams())
    uri = "untitled:draft.txt"
    protocol._handle_notification(types.TEXT_DOCUMENT_DID_OPEN, types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="关于的请示\n")))
    for version in range(2, 202):
        protocol._handle_notification(
            types.TEXT_DOCUMENT_DID_CHANGE, types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text=f"关于第{version}稿的请示\n")]))
    await asyncio.sleep(0.2)
    assert server.workspace.get_text_document(uri).version == 201  # the edits were applied
    assert len(protocol._request_futures) < 10                      # and not remembered
    server.checks.shutdown(wait=False, cancel_futures=True)
