"""The proofreading engine: 错别字 found the way a proofreader finds them, not only by list.

``Proofreader.analyse(text, boundaries)`` returns :class:`Suggestion` objects for one paragraph:

- ``spelling`` — a stretch that jieba cannot make a word of (single characters, a rare or unknown
  token) where swapping one character for a homophone (pypinyin) or a look-alike (形近字表) gives a
  frequent word, and the sentence scores better under jieba's own word model (:mod:`.spelling`);
- ``list`` — the published lists (公文助手 词表, 《咬文嚼字》 十大语文差错) with their contexts
  (:mod:`.lists`);
- ``repeat`` / ``phrase`` — 重字 and a fixed 公文 phrase with a character dropped or swapped
  (:mod:`.near_miss`);
- ``measure`` / ``zuo`` / ``de`` — 二/两 before a measure word, 作/做, 的/地/得 (:mod:`.usage`).

Each suggestion carries a grade — 必错 / 疑似 / 提示, as the tools drafters know — and the reason.
The package is pure: it asks a :class:`wenfeng.segment.Segmenter` for word counts and tags and
never imports jieba itself.  The rule kind ``typo`` (``rules/kinds/typo.py``) turns suggestions into
findings.
"""

from .engine import Proofreader, Suggestion

__all__ = ["Proofreader", "Suggestion"]
