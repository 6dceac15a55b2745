"""The typo model leaves the first character of a town's or village's name alone (对翔凤镇 is not
对象凤镇), and still corrects the same shape where no small place follows."""

import pytest

from wenfeng.place_names import changes_a_place_start, starts_small_place
from wenfeng.rules.engine import get_engine
from wenfeng.sources import load_text


def _typos(text: str) -> list[str]:
    report = get_engine(()).check(load_text(text))
    return [text[f.start:f.end] for f in report.findings if f.rule in ("P906", "P907")]


@pytest.mark.parametrize("text, expected", [
    ("近日，县委组织部对翔凤镇桂花树村开展调研。", []),   # 翔凤镇 (鹤峰县), a real dev document
    ("县委组织部对翔凤开展了专题调研。", ["对翔"]),         # no 镇 after it: the guess stands
    ("要认真贯切落实乡村振兴战略部署。", ["贯切"]),         # 落实 is a word, not a village's name
])
def test_the_model_and_small_place_names(text, expected):
    assert _typos(text) == expected


def test_the_shape_of_a_place_start():
    def known(w):
        return w in {"落实", "对象"}

    assert starts_small_place("对翔凤镇", 1, known)
    assert starts_small_place("到桂花社区", 1, known)
    assert not starts_small_place("贯切落实乡村", 2, known)   # a word before 乡
    assert not starts_small_place("对翔凤县", 1, known)       # 县 names are dictionary words
    assert changes_a_place_start("对翔凤镇", 0, 2, "对象", known)
    assert not changes_a_place_start("对翔凤镇", 0, 2, "兑翔", known)   # the first character
    assert not changes_a_place_start("对翔凤镇", 0, 2, None, known)
