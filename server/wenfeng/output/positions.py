"""Document offsets → 1-based line and column (code points), as the CLI and SARIF report them.

Line breaks are the same ones the reader splits on (\\r\\n, \\r, \\n, U+2028…), so a \\r\\n file and
its \\n twin give identical positions.
"""

from __future__ import annotations

import bisect

from ..sources.text import split_lines


class LineTable:
    def __init__(self, text: str) -> None:
        self._lines = split_lines(text)
        self._starts = [start for _, start, _ in self._lines]

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)``, both 1-based, column in code points."""
        k = max(0, bisect.bisect_right(self._starts, offset) - 1)
        _, start, end = self._lines[k]
        return k + 1, min(offset, end) - start + 1
