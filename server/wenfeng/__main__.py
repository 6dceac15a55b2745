"""``python -m wenfeng …`` — the same as the ``wenfeng`` command."""

import sys

from .cli import main

sys.exit(main())
