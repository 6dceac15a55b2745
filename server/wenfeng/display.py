"""Names made safe to show: file names can hold bytes that are not UTF-8 (a GBK name unpacked
from a Windows zip) and control characters (ESC, BEL) that a terminal would obey.

``shown()`` is applied where a path or message leaves the program (terminal, JSON, CSV, HTML):
undecodable bytes — which Python keeps as lone surrogates — become ``\\xNN`` and control
characters ``\\x1b``-style escapes, so printing never fails and never drives the terminal.
``cell()`` keeps a spreadsheet from running a CSV cell as a formula.  The real path is kept
for reading and writing files.
"""

from __future__ import annotations

import re
import sys

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:  # a byte Python could not decode (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def shown(text: str) -> str:
    """``text`` with undecodable bytes and control/bidi characters escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


#: What Excel and WPS read as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never evaluates: a leading ' (OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_streams() -> None:
    """Anything printed that still holds an undecodable byte is escaped rather than raising
    (a last guard: names are passed through :func:`shown` where they are printed)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # replaced by a test harness, or detached
            pass
