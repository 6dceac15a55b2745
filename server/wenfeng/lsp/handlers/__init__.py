"""LSP handlers: module-level functions, one module per concern, each listed in its module's
``HANDLERS``; :func:`register_all` attaches them to a :class:`~wenfeng.lsp.server.WenfengServer`.

Adding a handler: write ``async def name(ls, params)`` in the module of its concern and add
``feature(types.METHOD, name)`` (or ``command(id, name)``) to that module's ``HANDLERS``.
Pull-diagnostic handlers (``documents.PULL_HANDLERS``) are attached in ``initialize``, only
for clients that pull.
"""

from __future__ import annotations

from typing import Any

from . import actions, commands, display, documents, lifecycle, trim

MODULES = (lifecycle, documents, actions, display, commands, trim)


def register_all(server: Any) -> None:
    for module in MODULES:
        for handler in module.HANDLERS:
            handler.attach(server)
