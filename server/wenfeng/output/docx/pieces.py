"""Cut Word runs so every finding starts and ends on a run boundary, formatting kept.

A Word comment (and a tracked change) can only enclose whole runs, but a finding may start in
the middle of one ("……切实有效地进一步全面加强……" is one run).  Here every run is split at
every offset where some finding or fix begins or ends; both halves keep the run's ``w:rPr``, so
the text looks exactly as before.  The result is a list of *pieces* — ``(start, end, w:r)`` in
document code points — that the comment and revision code can enclose exactly.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass
from typing import Any

from ...sources.docx.walk import RPR, ParaText, T, w


@dataclass
class Piece:
    start: int
    end: int
    element: Any         # the w:r (an lxml element)
    paragraph: int
    in_field: bool = False  # part of a field's result (replaced when the field updates)


def split_run(run, units: list[tuple[int, int]], k: int):
    """Split ``run`` after its first ``k`` shown characters; return the new right-hand run.

    ``units`` lists ``(child index, characters shown)`` for the run's children, as the reader
    counted them.  ``run`` keeps the left part in place; the right part is inserted after it.
    """
    right = copy.deepcopy(run)
    left_children = list(run)
    right_children = list(right)
    acc = 0
    cut, inner = None, 0
    for index, n in units:
        if acc + n <= k:
            acc += n
            continue
        cut, inner = index, k - acc
        break
    if cut is None:
        raise ValueError("split point past the end of the run")
    for index, child in enumerate(left_children):
        if child.tag == RPR or index < cut:
            continue
        if index == cut and inner > 0:
            child.text = child.text[:inner]
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            continue
        run.remove(child)
    for index, child in enumerate(right_children):
        if child.tag == RPR or index > cut:
            continue
        if index == cut:
            if inner > 0:
                child.text = child.text[inner:]
                child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            continue
        right.remove(child)
    run.addnext(right)
    return right


def cut_pieces(paras: list[ParaText], boundaries: set[int]) -> list[Piece]:
    """Split runs at ``boundaries`` (document offsets); return all text pieces in order."""
    pieces: list[Piece] = []
    pos = 0
    for pi, para in enumerate(paras):
        if pi:
            pos += 1
        for run in para.runs:
            if not run.text:
                continue
            start, end = pos, pos + len(run.text)
            cuts = sorted((b - start for b in boundaries if start < b < end), reverse=True)
            made = {}
            for k in cuts:  # right to left: the left part keeps the original child indexes
                made[start + k] = split_run(run.element, run.units, k)
            made[start] = run.element
            keys = sorted(made)
            for i, s in enumerate(keys):
                e = keys[i + 1] if i + 1 < len(keys) else end
                pieces.append(Piece(s, e, made[s], pi, run.field is not None))
            pos = end
    return pieces


class PieceIndex:
    """Find the pieces inside a span quickly."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.starts = [p.start for p in pieces]

    def within(self, start: int, end: int) -> list[Piece]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.pieces) and self.pieces[i].end <= end:
            if self.pieces[i].start >= start:
                out.append(self.pieces[i])
            i += 1
        return out

    def starting_at(self, offset: int) -> Piece | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.pieces[i] if i < len(self.pieces) and self.pieces[i].start == offset else None

    def ending_at(self, offset: int) -> Piece | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        return self.pieces[i] if i >= 0 and self.pieces[i].end == offset else None


def text_elements(run):
    return run.iter(T)


def delete_text_tags(run) -> None:
    """Turn a run into deleted-run form (w:t → w:delText, w:instrText → w:delInstrText)."""
    for t in list(run.iter(T)):
        t.tag = w("delText")
    for instr in list(run.iter(w("instrText"))):
        instr.tag = w("delInstrText")
