"""Where a paragraph names people, so that the proofreading model leaves those characters alone.

The model reads 张忠新 as 张 + a misspelt 重新 and 桂鹏 as a typo for 贵鹏: a given name is a run
of ordinary characters that rarely makes a word.  jieba's tagger knows common names only, so the
places where 公文 list people are recognised by their shape instead:

- an attendee line, “出席人员：张三、李四，县财政局”, up to the end of its sentence;
- a name (or a 顿号 list of names) right after a post (党组成员杜林、张忠新、王智平出席, 县长吴海宏主持),
  ending where a name ends (punctuation, 出席/主持/讲话…, 同志, 等);
- a 顿号 list of names before 出席/参加/列席, and a name before 同志.

Every name starts with a surname from ``lexicons/names/surnames.txt`` and has one or two more
characters.  The spans only ever silence the model's guesses; the published typo lists still apply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .datafiles import shipped_root

_POSTS = (r"(?:党组|党委|常委会|委员会)?(?:副)?(?:成员|委员|常委|书记|主任|省长|市长|州长|县长|区长|旗长|"
          r"镇长|乡长|厅长|局长|处长|科长|部长|所长|站长|院长|校长|主席|秘书长|组长|队长|调研员|"
          r"理事长|会长|社长|检察长|庭长|经理|董事长|代表|干部|负责人|负责同志|领导)")
# where a given name ends: the verbs that follow a name in these lists, 同志, 等, punctuation
_AFTER = r"(?:出席|参加|列席|主持|讲话|强调|指出|要求|表示|同志|等|分别|陪同|参会|一行|带队|率|作|在|到|就|对|向|为)"
_END = r"(?=[，、。；：:（）()\s]|" + _AFTER + r"|$)"
_ATTENDEES = re.compile(r"(?:出席|参加|列席|参会|与会|缺席|请假)(?:会议)?的?(?:人员|领导|同志|单位|对象)?"
                        r"[：:][^。\n]*")


def _surnames() -> list[str]:
    path = shipped_root() / "names" / "surnames.txt"
    words = [w for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split()]
    return sorted(words, key=len, reverse=True)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    surname = "(?:" + "|".join(map(re.escape, _surnames())) + ")"
    # a third character only when it does not start what follows a name (朱波|出席)
    name = surname + r"[\u4e00-\u9fff](?:(?!" + _AFTER + r")[\u4e00-\u9fff])?"
    names = name + r"(?:、" + name + r")*"
    return (
        re.compile(_POSTS + r"(?P<n>" + names + r")" + _END),
        re.compile(r"(?P<n>" + name + r"(?:、" + name + r")+)(?=等?(?:同志)?(?:出席|参加|列席|陪同|参会))"),
        re.compile(r"(?P<n>" + name + r")(?=同志)"),
    )


def spans(text: str) -> list[tuple[int, int]]:
    """Code-point spans of ``text`` (simplified characters) that hold personal names."""
    found = [(m.start(), m.end()) for m in _ATTENDEES.finditer(text)]
    for pattern in _patterns():
        found.extend((m.start("n"), m.end("n")) for m in pattern.finditer(text))
    return found


def overlaps(found: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in found)
