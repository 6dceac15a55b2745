"""Re-reading an edited buffer from its previous parse gives exactly a fresh parse.

``reparse_text`` (what the language server uses on every keystroke) re-reads only the lines an
edit touched.  After random sequences of edits — typing, pasting several lines, deleting across
paragraphs, line breaks of every kind (``\\r\\n`` split in two and joined again, U+2028, form
feeds), retitling, 落款 and 附件 lines appearing and disappearing so that the parts of the
document move — the result must equal ``parse_text`` on the final text, block for block.
"""

from __future__ import annotations

import random

import pytest

from wenfeng.sources.incremental import common_prefix, common_suffix, reparse_text
from wenfeng.sources.text import parse_text

PIECES = ["\n", "\n", "\r\n", "\r", "\u2028", "\x0c", "\x85", " ", "\u3000", "\t", "一、", "（一）",
          "1.", "关于申请专项经费的请示", "关于做好防汛工作的通知", "市人民政府：", "文种：请示",
          "为进一步加强管理，尊敬的各位领导，我们认真落实。", "妥否，请批示。", "附件：1.实施方案",
          "2.经费预算表", "市发展和改革委员会", "2024年3月15日", "（联系人：张三，电话：1234）",
          "抄送：市委办公室。", "x", "𠀀", "，", "。"]


def random_text(rng: random.Random, pieces: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(pieces))


@pytest.mark.parametrize("seed", range(12))
def test_reparse_after_random_edits_equals_a_fresh_parse(seed):
    rng = random.Random(seed)
    text = random_text(rng, rng.randrange(20, 120))
    document = parse_text(text, path="draft.txt")
    for _ in range(150):
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.choice([0, 0, 1, 1, 2, 6, 40, 400]))
        text = text[:start] + random_text(rng, rng.choice([0, 1, 1, 2, 8])) + text[end:]
        document = reparse_text(document, text, path="draft.txt")
        fresh = parse_text(text, path="draft.txt")
        assert document == fresh
        assert document.blocks == fresh.blocks and document.marker_doctype == fresh.marker_doctype


def test_a_keystroke_reuses_the_paragraphs_it_did_not_touch():
    body = "\n".join(f"第{i}段正文，认真落实各项任务。" for i in range(200))
    text = f"关于做好防汛工作的通知\n各区县人民政府：\n{body}\n市人民政府\n2024年3月15日\n"
    before = parse_text(text)
    at = text.index("第100段") + 3
    after = reparse_text(before, text[:at] + "的" + text[at:])
    assert after == parse_text(text[:at] + "的" + text[at:])
    assert all(a is b for a, b in zip(after.blocks[:95], before.blocks[:95]))  # kept as they were
    moved = after.blocks[150]
    assert moved.text == before.blocks[150].text and moved.start == before.blocks[150].start + 1


def test_anything_but_a_plain_text_parse_is_parsed_afresh():
    text = "关于申请专项经费的请示\n市政府：\n为加强管理。\n"
    assert reparse_text(None, text) == parse_text(text)
    assert reparse_text(parse_text(text, path="a.txt"), text, path="b.txt") == parse_text(text, path="b.txt")


def test_common_prefix_and_suffix():
    rng = random.Random(3)
    for _ in range(300):
        a = "".join(rng.choice("ab") for _ in range(rng.randrange(0, 9000)))
        b = a[:rng.randrange(len(a) + 1)] + rng.choice(["", "a", "b", "ba"]) + a[rng.randrange(len(a) + 1):]
        p = common_prefix(a, b)
        assert a[:p] == b[:p] and (p == min(len(a), len(b)) or a[p] != b[p])
        limit = min(len(a), len(b)) - p
        s = common_suffix(a, b, limit)
        assert s <= limit and a[len(a) - s:] == b[len(b) - s:]
        assert s == limit or a[len(a) - s - 1] != b[len(b) - s - 1]
