"""Read plain-text drafts: bytes → str (encoding detection) → paragraphs → :class:`Document`.

Chinese Windows still saves GB18030/GBK; editors save UTF-8 with or without BOM and sometimes
UTF-16.  We decode exactly (never replacing characters), refuse what is not text, and keep the
text as read — line ends included — so every offset points into the file and ``--fix`` can write
it back unchanged apart from the fixes.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import Block, Document, Suppression
from .parts import Paragraph, classify, find_marker

# Line breaks a draft may contain: \r\n, \r, \n, and the Unicode line/paragraph separators.
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")
_CJK_ENCODINGS = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312"}
_BIG5_ENCODINGS = {"big5", "big5hkscs", "cp950"}
# Whitespace that surrounds a paragraph's content (ASCII, U+3000 ideographic space, NBSP…).
_OUTER_WS = " \t\u3000\u00a0\u2002\u2003\u2009\ufeff"


#: Below this many bytes charset-normalizer's guess is unreliable (a 20-byte GBK draft comes
#: back as cp949 or UTF-16): such a file is read as GB18030 if it looks like common Chinese.
_SHORT = 4096


def _plausible_gbk(data: bytes) -> bool:
    """GB18030-decodable, and its double-byte characters nearly all from the GB 2312 rows of
    punctuation (0xA1–0xA3) and level-1 汉字 (0xB0–0xD7) — what Chinese prose is made of, and
    what mis-decoded Japanese or Latin text is not."""
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    common = other = 0
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        if 0xA1 <= b <= 0xA3 or 0xB0 <= b <= 0xD7:
            common += 1
        else:
            other += 1
        i += 4 if i + 1 < len(data) and 0x30 <= data[i + 1] <= 0x39 else 2
    return common >= 4 and other * 10 <= common


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode a text file; return ``(text, encoding)`` or raise :class:`InputError`."""
    if not data:
        raise InputError("文件为空，没有可检查的内容", path=path)
    # UTF-32 LE before UTF-16 LE (its BOM begins with UTF-16 LE's); the byte order is kept in the
    # name so that --fix writes the file back as it was (files.encode_text adds the BOM)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                     (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                body = data[len(bom):] if enc != "utf-8-sig" else data
                return body.decode(enc), enc
            except UnicodeDecodeError as exc:
                at = exc.start + (len(bom) if enc != "utf-8-sig" else 0)
                raise InputError(f"文件以 {enc} 标记开头，但第 {at} 字节处无法按 {enc} 解码",
                                 path=path) from None
    if b"\x00" in data[:8192]:
        raise InputError("这是二进制文件，不是文本（可检查 .txt、.md、.docx）", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    # Not UTF-8: let charset-normalizer tell Chinese legacy encodings from everything else, so
    # a Latin-1 or Shift-JIS file is refused instead of turning into plausible-looking 汉字.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    guess = (best.encoding if best else "").lower().replace("-", "_")
    if guess in _CJK_ENCODINGS or guess in _BIG5_ENCODINGS:
        enc = "gb18030" if guess in _CJK_ENCODINGS else "big5hkscs"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise InputError(f"看起来是 {enc} 编码，但第 {exc.start} 字节处无法解码", path=path) from None
    if len(data) <= _SHORT and _plausible_gbk(data):  # too short for the detector to tell
        return data.decode("gb18030"), "gb18030"
    raise InputError(
        f"无法识别文件编码：第 {first_bad} 字节起不是 UTF-8，也不像 GB18030/GBK"
        f"{'（疑似 ' + best.encoding + '）' if best else ''}；请另存为 UTF-8 后再检查",
        path=path,
    )


# control characters other than \t \n \x0b \x0c \r
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def check_is_text(text: str, path: str | None = None) -> None:
    """Refuse decoded content that is mostly control characters (a binary file in disguise)."""
    sample = text[:20000]
    if not sample.strip():
        raise InputError("文件只有空白，没有可检查的内容", path=path)
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise InputError("文件含大量控制字符，不像文本文件", path=path)


def split_lines(text: str, start: int = 0, end: int | None = None,
                first_line: int = 0) -> list[tuple[int, int, int]]:
    """Return ``(line_no, start, end)`` for each line, ends excluding the line break.

    ``start``/``end`` restrict this to ``text[start:end]`` (``start`` at a line start), whose
    first line is number ``first_line``; offsets stay offsets into ``text``."""
    end = len(text) if end is None else end
    lines = []
    pos = start
    line_no = first_line
    for m in LINE_BREAK_RE.finditer(text, start, end):
        lines.append((line_no, pos, m.start()))
        pos = m.end()
        line_no += 1
    lines.append((line_no, pos, end))
    return lines


def paragraphs_from_text(text: str, start: int = 0, end: int | None = None,
                         first_line: int = 0) -> list[Paragraph]:
    """Every non-blank line is a paragraph (公文 paragraphs are lines); outer spaces trimmed.
    ``start``, ``end`` and ``first_line`` as for :func:`split_lines`."""
    out = []
    for line_no, line_start, line_end in split_lines(text, start, end, first_line):
        line = text[line_start:line_end]
        stripped_left = len(line) - len(line.lstrip(_OUTER_WS))
        content = line.strip(_OUTER_WS)
        if not content:
            continue
        s = line_start + stripped_left
        out.append(Paragraph(text=content, start=s, end=s + len(content), line=line_no))
    return out


def build_document(text: str, paragraphs: list[Paragraph], *, fmt: str, path: str | None,
                   encoding: str = "utf-8", marker: str | None = None,
                   extra: dict | None = None,
                   suppressions: tuple[Suppression, ...] = ()) -> Document:
    """Classify paragraphs and assemble the :class:`Document` (shared by all readers)."""
    kinds = classify(paragraphs)
    if marker is None:
        _, marker = find_marker(paragraphs)
    blocks = tuple(
        Block(index=i, kind=kind, text=p.text, start=p.start, end=p.end, offsets=p.offsets,
              line=p.line)
        for i, (p, kind) in enumerate(zip(paragraphs, kinds))
    )
    return Document(text=text, blocks=blocks, fmt=fmt, path=path, encoding=encoding,
                    marker_doctype=marker, extra=extra or {}, suppressions=suppressions)


def parse_text(text: str, path: str | None = None, encoding: str = "utf-8") -> Document:
    """Editor or file text of a plain-text draft → :class:`Document`."""
    return build_document(text, paragraphs_from_text(text), fmt="txt", path=path,
                          encoding=encoding)
