"""``python -m wenfeng …`` — the same as the ``wenfeng`` command.

``python -m wenfeng serve`` is how editors start the language server: its start-up
preparations (:func:`.lsp.launch.prepare`) then come before the command line's own imports,
whose dataclasses are generated code the code cache serves too.
"""

import sys

if sys.argv[1:2] == ["serve"]:
    from .lsp.launch import prepare

    prepare()

from .cli import main  # noqa: E402 - after the server's preparations

sys.exit(main())
