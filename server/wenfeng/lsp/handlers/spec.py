"""What a handler entry is: an LSP method (or ``workspace/executeCommand`` id) and its function.

Each handler module lists its entries in ``HANDLERS``; :func:`wenfeng.lsp.handlers.register_all`
attaches them to a server.  pygls injects the server as the first argument because it is
named ``ls``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Handler:
    name: str                  # LSP method, or command id when ``command``
    fn: Callable[..., Any]
    options: Any = None        # the method's registration options (pygls builds capabilities)
    command: bool = False

    def attach(self, server: Any) -> None:
        if self.command:
            server.command(self.name)(self.fn)
        elif self.options is None:
            server.feature(self.name)(self.fn)
        else:
            server.feature(self.name, self.options)(self.fn)


def feature(method: str, fn: Callable[..., Any], options: Any = None) -> Handler:
    return Handler(method, fn, options)


def command(command_id: str, fn: Callable[..., Any]) -> Handler:
    return Handler(command_id, fn, command=True)
