"""Mutants of a real .docx for fuzzing the Word reader: hostile numbers in every kind of numeric
attribute the layout code reads (``w:line="99999999999999999999"``, ``w:sz="1e400"``, nan, …),
damaged ZIP headers (version needed, flags, method, sizes), flipped bytes, dropped and repeated
elements.  Used by ``test_docx_fuzz.py`` (a bounded hypothesis run in CI) and by
``bench/fuzz_docx.py`` (the long run).

The seed is a GB/T 9704-formatted draft written by python-docx with page setup, document grid,
styles, indents, spacing and page-number footers — every part the layout code reads.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import zipfile
from pathlib import Path

HOSTILE_NUMBERS = [
    "99999999999999999999", "-99999999999999999999", "1e400", "-1e400", "1e308", "nan", "inf",
    "-inf", "0", "-0", "-1", "1", "2147483648", "-2147483649", "4294967296", "1.5", "0.0001",
    "", " ", "abc", "0x10", "١٢٣", "１２", "1_000", "+7", "9" * 400, "1e-400", "31680", "-31680",
]
#: Attributes the layout code reads (sizes, spacing, indents, page, grid, numbering, widths).
NUMERIC_ATTRS = ["w:line", "w:sz", "w:szCs", "w:w", "w:h", "w:top", "w:bottom", "w:left", "w:right",
                 "w:gutter", "w:header", "w:footer", "w:linePitch", "w:charSpace", "w:before",
                 "w:after", "w:beforeLines", "w:afterLines", "w:firstLine", "w:firstLineChars",
                 "w:hanging", "w:hangingChars", "w:leftChars", "w:rightChars", "w:start",
                 "w:end", "w:val", "w:ilvl", "w:numId", "w:outlineLvl", "w:gridSpan", "w:space"]
_NUMERIC_VALUE = re.compile(rb'(w:[A-Za-z]+)="(-?[0-9.]+)"')
_ELEMENT = re.compile(rb"<w:(pPr|rPr|spacing|ind|sz|pgSz|pgMar|docGrid|sectPr|tbl|tc|tcW|p)\b[^>]*?/?>")
#: Parts mutated, with weights: mostly those holding the numbers the layout code reads.
XML_PARTS = {"word/document.xml": 10, "word/styles.xml": 5, "word/footer1.xml": 2,
             "word/footer2.xml": 1, "word/settings.xml": 1, "word/numbering.xml": 1,
             "word/theme/theme1.xml": 1}

DRAFT = ("关于进一步加强基层减负工作的通知\n各区县人民政府，市政府各部门：\n"
         "为贯彻落实中央关于整治形式主义为基层减负的部署，现就有关事项通知如下。\n"
         "一、总体要求\n（一）精简文件会议。严格控制发文数量和篇幅。\n"
         "二、工作措施\n1.加强统筹。各单位要认真研究，抓好落实。\n"
         "附件：1.工作台账\n市人民政府办公室\n2024年3月1日\n")


def seed_docx(folder: Path) -> bytes:
    """The seed file's bytes (written with the test suite's GB/T 9704 builder)."""
    builders = str(Path(__file__).resolve().parents[1] / "docx")
    if builders not in sys.path:
        sys.path.insert(0, builders)
    from docx_builders import gb_docx  # noqa: E402  (tests/docx/docx_builders.py)

    path = gb_docx(DRAFT, folder / "seed.docx")
    return path.read_bytes()


def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _pack(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, blob in parts:
            zf.writestr(info.filename, blob)
    return out.getvalue()


def _xml_mutation(rng: random.Random, blob: bytes) -> bytes:
    kind = rng.random()
    if kind < 0.45:  # a hostile value in an existing numeric attribute
        found = list(_NUMERIC_VALUE.finditer(blob))
        if found:
            m = rng.choice(found)
            value = rng.choice(HOSTILE_NUMBERS).encode()
            return blob[:m.start(2)] + value + blob[m.end(2):]
    if kind < 0.7:  # a hostile numeric attribute added to an element that may carry it
        found = list(_ELEMENT.finditer(blob))
        if found:
            m = rng.choice(found)
            attr = rng.choice(NUMERIC_ATTRS).encode()
            if attr + b'="' in m.group(0):
                return blob
            value = rng.choice(HOSTILE_NUMBERS).encode()
            cut = m.start() + len(m.group(1)) + 3
            return blob[:cut] + b" " + attr + b'="' + value + b'"' + blob[cut:]
    if kind < 0.8:  # an element repeated many times
        found = list(_ELEMENT.finditer(blob))
        if found:
            m = rng.choice(found)
            if m.group(0).endswith(b"/>"):
                return blob[:m.end()] + m.group(0) * rng.choice([2, 50, 2000]) + blob[m.end():]
    if kind < 0.9:  # an element removed (its start tag only: often breaks the XML)
        found = list(_ELEMENT.finditer(blob))
        if found:
            m = rng.choice(found)
            return blob[:m.start()] + blob[m.end():]
    out = bytearray(blob)  # flipped bytes
    for _ in range(rng.randint(1, 4)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _zip_mutation(rng: random.Random, data: bytes) -> bytes:
    """A damaged field in a local or central ZIP header."""
    out = bytearray(data)
    local = [m.start() for m in re.finditer(rb"PK\x03\x04", data)]
    central = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    fields = []
    for at in local:  # version needed, flags, method, crc, compressed size, size
        fields += [(at + 4, "<H"), (at + 6, "<H"), (at + 8, "<H"), (at + 14, "<I"),
                   (at + 18, "<I"), (at + 22, "<I")]
    for at in central:  # version made by, version needed, flags, method, sizes, offset
        fields += [(at + 4, "<H"), (at + 6, "<H"), (at + 8, "<H"), (at + 10, "<H"),
                   (at + 20, "<I"), (at + 24, "<I"), (at + 42, "<I")]
    if not fields:
        return data
    at, fmt = rng.choice(fields)
    size = struct.calcsize(fmt)
    if at + size > len(out):
        return data
    value = rng.choice([0, 1, 8, 9, 12, 14, 20, 45, 63, 64, 65, 99, 0x7FFF, 0xFFFF]
                       if fmt == "<H" else [0, 1, 100, 1 << 20, 0x7FFFFFFF, 0xFFFFFFFF])
    struct.pack_into(fmt, out, at, value)
    return bytes(out)


def mutate(seed: bytes, rng: random.Random) -> bytes:
    """One mutant: 1–3 XML mutations in parts the reader uses, sometimes a ZIP header damage."""
    parts = _parts(seed)
    names = [i for i, (info, _) in enumerate(parts) if info.filename in XML_PARTS]
    weights = [XML_PARTS[parts[i][0].filename] for i in names]
    for _ in range(rng.choice([1, 1, 2, 3])):
        i = rng.choices(names, weights)[0]
        info, blob = parts[i]
        parts[i] = (info, _xml_mutation(rng, blob))
    data = _pack(parts)
    if rng.random() < 0.2:
        data = _zip_mutation(rng, data)
    return data
