"""JSON-RPC as pygls speaks it, with two gaps closed and one shortcut.

The gap: a request whose params do not fit its method is answered with an InvalidParams error.
pygls only logs such a request (the message cannot be turned into its params class), so the
client would wait for an answer forever.  Here the error goes back under the request's id and the
message is then dropped.  And a leak: pygls 2.1 files the future of every notification handled
by a generator handler (its own didOpen/didChange/didClose, which then call ours) under a fresh
id in ``_request_futures`` and never removes it — about 1 KB per keystroke, for as long as the
user types; finished ones are dropped after each notification.

Before ``initialize`` a request is answered with ServerNotInitialized (-32002) and a notification
other than ``exit`` is dropped, as LSP asks (pygls would run the handler and answer with an
internal error and a traceback); after ``shutdown`` a request gets InvalidRequest (pygls drops
it, and the client would wait forever).

The shortcut: ``textDocument/publishDiagnostics`` is written out by
:func:`publish_json` instead of cattrs — the same JSON, several times faster for the
hundreds of diagnostics of a long document, on every keystroke — and sent as UTF-8 without
``\\u`` escapes (a third fewer bytes to encode, write and read).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcServerNotInitialized
from pygls.protocol import JsonRPCNotification, LanguageServerProtocol

#: wenfeng's own notification (and request) carrying a document's figures (docs/PROTOCOL.md).
STATS = "wenfeng/stats"

#: What a message becomes once it has been answered: ``handle_message`` ignores anything that
#: is not JSON-RPC 2.0.
ANSWERED = JsonRPCNotification(method="", jsonrpc="answered", params=None)


def _position_json(p: types.Position) -> dict[str, int]:
    return {"line": p.line, "character": p.character}


def diagnostic_json(d: types.Diagnostic) -> dict[str, Any] | None:
    """What pygls's converter makes of a diagnostic as :func:`.diagnostics.to_diagnostic` builds
    them, written out directly (cattrs takes most of a publication's time on a long document);
    None for a diagnostic with parts this does not cover (the converter is used for those)."""
    if d.tags is not None or d.related_information is not None or not isinstance(d.data, dict) \
            or not isinstance(d.code, (str, type(None))):
        return None
    out: dict[str, Any] = {"range": {"start": _position_json(d.range.start),
                                     "end": _position_json(d.range.end)},
                           "message": d.message}
    if d.severity is not None:
        out["severity"] = d.severity.value
    if d.code is not None:
        out["code"] = d.code
    if d.code_description is not None:
        out["codeDescription"] = {"href": d.code_description.href}
    if d.source is not None:
        out["source"] = d.source
    out["data"] = d.data
    return out


def publish_json(params: types.PublishDiagnosticsParams) -> dict[str, Any] | None:
    """``params`` as JSON-ready dicts (equal to the converter's), or None to let it do this."""
    diagnostics = []
    for d in params.diagnostics:
        if (item := diagnostic_json(d)) is None:
            return None
        diagnostics.append(item)
    out: dict[str, Any] = {"uri": params.uri, "diagnostics": diagnostics}
    if params.version is not None:
        out["version"] = params.version
    return out


_BEFORE_INITIALIZE = {types.INITIALIZE, types.EXIT}


class WenfengProtocol(LanguageServerProtocol):
    def handle_message(self, message):
        method = getattr(message, "method", None)
        if self._workspace is None and method is not None and method not in _BEFORE_INITIALIZE:
            if getattr(message, "id", None) is not None:
                self._send_response(message.id, None,
                                    JsonRpcServerNotInitialized().to_response_error())
            return
        if self._shutdown and method not in (None, types.EXIT) \
                and getattr(message, "id", None) is not None:  # pygls would never answer
            self._send_response(message.id, None, JsonRpcInvalidRequest(
                "服务器已收到 shutdown，只接受 exit").to_response_error())
            return
        super().handle_message(message)

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], None, exc.to_response_error())
                return ANSWERED
            raise

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        # (a request's finished future is popped when it is answered; popping it first is
        # harmless: the answer pops with a default, and a finished future cannot be cancelled)
        finished = [key for key, future in self._request_futures.items() if future.done()]
        for key in finished:
            del self._request_futures[key]

    def _send_data(self, data: Any) -> None:
        # a publication written as UTF-8 (the Content-Length counted in bytes, as LSP says)
        # rather than pygls's \u escapes: a long document's diagnostics, Chinese messages with
        # their 依据, are a third smaller and quicker to encode — on every keystroke
        if isinstance(data, types.PublishDiagnosticsNotification) and self.writer is not None \
                and (params := publish_json(data.params)) is not None:
            body = json.dumps({"params": params, "method": data.method,
                               "jsonrpc": data.jsonrpc}, ensure_ascii=False).encode("utf-8")
            if self._include_headers:
                body = (f"Content-Length: {len(body)}\r\n"
                        f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
                        ).encode("ascii") + body
            written = self.writer.write(body)
            if inspect.isawaitable(written):
                asyncio.ensure_future(written)
            return
        super()._send_data(data)

    def _serialize_message(self, data: Any) -> Any:
        if isinstance(data, types.PublishDiagnosticsNotification) \
                and (params := publish_json(data.params)) is not None:
            return {"params": params, "method": data.method, "jsonrpc": data.jsonrpc}
        return super()._serialize_message(data)
