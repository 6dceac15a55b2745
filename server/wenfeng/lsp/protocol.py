"""JSON-RPC as pygls speaks it, with one gap closed: a request whose params do not fit its
method is answered with an InvalidParams error.

pygls only logs such a request (the message cannot be turned into its params class), so the
client would wait for an answer forever.  Here the error goes back under the request's id and the
message is then dropped.
"""

from __future__ import annotations

from typing import Any

from pygls.exceptions import JsonRpcException
from pygls.protocol import JsonRPCNotification, LanguageServerProtocol

#: What a message becomes once it has been answered: ``handle_message`` ignores anything that
#: is not JSON-RPC 2.0.
ANSWERED = JsonRPCNotification(method="", jsonrpc="answered", params=None)


class WenfengProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], None, exc.to_response_error())
                return ANSWERED
            raise
