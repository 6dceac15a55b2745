"""``wenfeng serve``: what has to happen before lsprotocol and pygls are imported.

Importing them makes some 570 classes, whose generated code :mod:`.codecache` can serve from
disk only if it is installed first; and start-up makes some 400,000 objects and next to no
garbage, so collecting as they are made costs about a tenth of it: the collector stays off
until :meth:`~.server.WenfengServer.warm_up` has frozen them (a TCP server turns it back on at
once).
"""

from __future__ import annotations

import gc

from . import codecache


def prepare() -> None:
    """Turn the collector off and install the code cache (idempotent): as early as possible —
    ``python -m wenfeng serve`` calls it before the command line is even imported."""
    gc.disable()
    codecache.install()


def serve(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> int:
    prepare()
    from ..proofread import sizing

    sizing.use_editor_sizes()  # a session of days: the typo engine's memos stay small
    from .server import run  # lsprotocol is imported here, after the cache is installed

    return run(tcp=tcp, host=host, port=port)
