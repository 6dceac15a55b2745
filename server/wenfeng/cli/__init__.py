"""The ``wenfeng`` command line: :mod:`.main` (parser and commands) and :mod:`.folder_report`.

Compiled regexes are served from the cache folder from here on (:mod:`wenfeng.regex_cache`),
before :mod:`.main` imports the modules that compile theirs at import time.
"""

from .. import regex_cache

regex_cache.install()

from .main import main  # noqa: E402 - after the regex cache is installed

__all__ = ["main"]
