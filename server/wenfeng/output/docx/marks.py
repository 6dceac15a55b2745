"""Place Word comments and tracked changes on pieces of runs.

Comments: a ``w:commentRangeStart`` before the first enclosed element, a ``w:commentRangeEnd``
after the last, then a run holding the ``w:commentReference`` (what python-docx's own
``add_comment`` writes, but around arbitrary elements: a run, or a ``w:del``/``w:ins`` we made).

Fixes (``--apply-fixes``) are written as *tracked changes* by "文风检查": the old text becomes a
``w:del``, the new text a ``w:ins`` with the old run's formatting.  The copy reads as the fixed
text (Word shows the edits; 审阅 → 接受 keeps them), and nothing of the draft is lost.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from ...sources.docx.walk import RPR, W_NS, w
from .pieces import Piece, PieceIndex, delete_text_tags

AUTHOR = "文风检查"
INITIALS = "WF"
_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS})
_HOIST = {w("fldSimple")}  # a reference inside a simple field would vanish when it updates


def _element(tag: str, **attrs: str):
    el = etree.Element(w(tag))
    for key, value in attrs.items():
        el.set(w(key), value)
    return el


def _outer(element, stop_tags=_HOIST):
    while element.getparent() is not None and element.getparent().tag in stop_tags:
        element = element.getparent()
    return element


class Revisions:
    """Writes tracked deletions/insertions with unique ids."""

    def __init__(self, body, index: PieceIndex) -> None:
        ids = [int(x) for x in _IDS(body)
               if str(x).lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1000
        self.date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.index = index
        self.wrapper: dict[int, object] = {}   # id(run) → w:del around it
        self.inserted: dict[int, object] = {}  # offset → w:ins placed there

    def _attrs(self) -> dict[str, str]:
        self.next_id += 1
        return {"id": str(self.next_id), "author": AUTHOR, "date": self.date}

    def apply(self, start: int, end: int, replacement: str) -> bool:
        """Replace [start, end) by ``replacement`` as tracked changes; False if not possible."""
        if "\n" in replacement:
            return False
        pieces = self.index.within(start, end)
        if sum(p.end - p.start for p in pieces) != end - start:
            return False  # the span crosses a paragraph mark or text we do not own
        if len({p.paragraph for p in pieces}) > 1:
            return False
        if any(id(p.element) in self.wrapper or p.in_field for p in pieces):
            return False  # already changed, or text a field would overwrite
        if start == end:
            anchor = self.index.starting_at(start) or self.index.ending_at(start)
            if anchor is None:
                return False
            style_from, after = anchor.element, anchor.start != start
        else:
            style_from, after = pieces[0].element, True
        for piece in pieces:
            deleted = _element("del", **self._attrs())
            piece.element.addprevious(deleted)
            deleted.append(piece.element)
            delete_text_tags(piece.element)
            self.wrapper[id(piece.element)] = deleted
        if replacement:
            run = etree.Element(w("r"))
            rpr = style_from.find(RPR)
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            t = etree.SubElement(run, w("t"))
            t.text = replacement
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            inserted = _element("ins", **self._attrs())
            inserted.append(run)
            if pieces:
                self.node(pieces[-1]).addnext(inserted)
            else:
                assert anchor is not None  # no pieces: a zero-width span, anchored above
                if after:
                    self.node(anchor).addnext(inserted)
                else:
                    self.node(anchor).addprevious(inserted)
            self.inserted[start] = inserted
        return True

    def node(self, piece: Piece):
        """The outermost element standing for a piece (its w:del wrapper if deleted)."""
        return self.wrapper.get(id(piece.element), piece.element)


def add_comment_range(first, last, comment_id: int) -> None:
    """Enclose ``first`` … ``last`` (elements in reading order) in comment ``comment_id``."""
    first, last = _outer(first), _outer(last)
    first.addprevious(_element("commentRangeStart", id=str(comment_id)))
    reference = etree.Element(w("r"))
    rpr = etree.SubElement(reference, RPR)
    etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(reference, w("commentReference")).set(w("id"), str(comment_id))
    last.addnext(reference)
    last.addnext(_element("commentRangeEnd", id=str(comment_id)))
