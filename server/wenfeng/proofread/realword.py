"""Real-word errors: a correct word typed for its homophone where the context wants the other.

“基础实施” is two good words, so the spelling check (which looks only at stretches jieba cannot
make words of) never sees it.  But jieba's dictionary holds many fixed collocations as single
entries — 基础设施, 公共设施, 反映问题 … — so a collocation is visible in the unigram model: with
one character of a real word replaced by a homophone (or a look-alike), the word and its
neighbour become one dictionary entry that the original text is not.

A candidate counts only when

- the window runs from one token edge to another over two or more tokens, and is itself no word;
- the replaced character sits in a real word of two or more characters (a lone character is the
  spelling check's), is not a common function character, and is a homophone of the new one
  (same usual reading) or a look-alike;
- the corrected window is a dictionary word counted at least ``MIN_FREQ`` times, and the text
  around it scores at least ``GAIN`` nats better with the correction (jieba's own route).

The same holds for whole words that drafters mix up although they sound or look different
(实施/设施, 普通/普遍: ``lexicons/typos/confusable_words.txt``): the word is replaced by its
partner, and the partner with a neighbouring token must make a dictionary entry
(``PAIR_MIN_FREQ``: a listed pair needs less evidence than any homophone would).

Evidence from one dictionary entry is never overwhelming, so every finding is 疑似 (info).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .confusion import HOMOPHONE, SHAPE
from .spelling import FUNCTION_FREQ, is_han
from .suggestion import SUSPECT, Suggestion

if TYPE_CHECKING:
    from .spelling import SpellingModel

MIN_FREQ = 50     # the collocation must be an entry jieba counted at least this often
GAIN = 6.0        # nats the context must gain with the correction
CONTEXT = 3       # characters of context on each side when scoring
WORD_MIN = 100    # a replaced character's word must be counted at least this often
PAIR_MIN_FREQ = 3  # a listed pair's collocation: any dictionary entry …
PAIR_GAIN = 0.0    # … that jieba's route prefers to the two words apart


def partners(groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    """``word → the words it is confused with`` from the groups of ``confusable_words.txt``."""
    out: dict[str, list[str]] = {}
    for group in groups:
        for word in group:
            out.setdefault(word, []).extend(w for w in group if w != word)
    return {w: tuple(dict.fromkeys(ps)) for w, ps in out.items()}


def find(model: "SpellingModel", text: str, edges: list[int], blocked: bytearray,
         pairs: dict[str, tuple[str, ...]] | None = None) -> list[Suggestion]:
    model.ensure(text)  # every slice of ``text`` is now in ``table`` if it is a word at all
    freq = model.freq
    windows = model._windows
    edge_set = set(edges)
    any_blocked = 1 in blocked
    token_at: list[tuple[int, int]] | None = None  # token of each character: (start, end)
    best: dict[tuple[int, int], Suggestion] = {}
    n = len(text)
    last = len(edges) - 1
    for i, ws in enumerate(edges):
        for length in (3, 4):
            we = ws + length
            if we > n or we not in edge_set:
                continue
            if edges[i + 1] == we or i + length <= last and edges[i + length] == we:
                continue  # one token (the spelling check's), or lone characters only (no word)
            window = text[ws:we]
            # (the cheapest test first: most windows have no blank an indexed word fits, or are
            # words; what a window is, whatever its context, the model remembers)
            info = windows.get(window)
            if info is None:
                info = model.window(window)
            places = info[1]
            if not places or any_blocked and 1 in blocked[ws:we]:
                continue
            if token_at is None:
                token_at = [(0, 0)] * n
                for a, b in zip(edges, edges[1:]):
                    for x in range(a, b):
                        token_at[x] = (a, b)
            for k in places:
                p = ws + k
                a, b = token_at[p]
                if b - a < 2 or freq(text[a:b]) < WORD_MIN or freq(text[p]) >= FUNCTION_FREQ:
                    continue
                for cand, relation, common in model.options(window, k):
                    if common < MIN_FREQ or relation not in (HOMOPHONE, SHAPE):
                        continue
                    s = _score(model, text, ws, we, cand, relation)
                    if s is not None:
                        known = best.get((ws, we))
                        if known is None or s.evidence > known.evidence:
                            best[(ws, we)] = s
    if pairs:
        _pairs(model, text, edges, blocked, pairs, best)
    taken: list[Suggestion] = []
    for s in sorted(best.values(), key=lambda s: -s.evidence):
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return taken


def _pairs(model: "SpellingModel", text: str, edges: list[int], blocked: bytearray,
           pairs: dict[str, tuple[str, ...]], best: dict[tuple[int, int], Suggestion]) -> None:
    """A listed word whose partner makes a dictionary entry with a neighbouring token."""
    freq = model.freq
    for i, (a, b) in enumerate(zip(edges, edges[1:])):
        word = text[a:b]
        others = pairs.get(word)
        if not others or any(blocked[a:b]):
            continue
        for x in edges[max(0, i - 2):i + 1]:
            for y in edges[i + 1:i + 4]:
                if (x, y) == (a, b) or not 3 <= y - x <= 6 or any(blocked[x:y]):
                    continue
                if not is_han(text[x:y]) or freq(text[x:y]) > 0:
                    continue
                for other in others:
                    cand = text[x:a] + other + text[b:y]
                    if freq(cand) < PAIR_MIN_FREQ:
                        continue
                    s = _score(model, text, x, y, cand, "易混词", f"“{word}”“{other}”易混",
                               PAIR_GAIN)
                    if s is not None:
                        s = Suggestion(a, b, other, s.grade, "wordpair", s.why,
                                       evidence=s.evidence)
                        known = best.get((a, b))
                        if known is None or s.evidence > known.evidence:
                            best[(a, b)] = s


def _score(model: "SpellingModel", text: str, ws: int, we: int, cand: str,
           relation: str, why: str = "", least: float = GAIN) -> Suggestion | None:
    a, b = max(ws - CONTEXT, 0), min(we + CONTEXT, len(text))
    while a < ws and not is_han(text[a]):
        a += 1
    while b > we and not is_han(text[b - 1]):
        b -= 1
    gain = model.gain(text[a:b], text[a:ws] + cand + text[we:b], ws - a, text[ws:we], cand)
    if gain < least:
        return None
    why = why or f"{relation}误用"
    return Suggestion(ws, we, cand, SUSPECT, "realword", f"{why}，“{cand}”是固定搭配",
                      evidence=gain)
