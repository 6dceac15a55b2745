"""LSP handlers, one module per concern; each handler is a few lines over the server's helpers.

``register_all(server)`` attaches them to a :class:`~wenfeng.lsp.server.WenfengServer`.  pygls
injects the server as the first argument because it is named ``ls``.
"""

from __future__ import annotations

from . import actions, commands, display, documents, lifecycle


def register_all(server) -> None:
    for module in (lifecycle, documents, actions, display, commands):
        module.register(server)
