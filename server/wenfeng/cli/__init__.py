"""The ``wenfeng`` command line: :mod:`.main` (parser and commands) and :mod:`.folder_report`."""

from .main import main

__all__ = ["main"]
