"""Chinese numerals as used in 公文 序次语 and dates (一…九十九, 〇/○/零 digits).

Several checks need to read "三、", "（十二）" or "二〇二四年" as numbers, and to write a number
back in the form the standard wants; this keeps that arithmetic in one place.
"""

from __future__ import annotations

DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_CHARS = "一二三四五六七八九十百"
_NAMES = "零一二三四五六七八九"


def cn_to_int(text: str) -> int | None:
    """Value of a counting numeral ("三" 3, "十二" 12, "二十" 20, "一百零五" 105); None if not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def digit_string(text: str) -> str | None:
    """Digit-by-digit numerals ("二〇二四" → "2024"); None if a character is not a digit name."""
    out = []
    for ch in text:
        if ch not in DIGITS:
            return None
        out.append(str(DIGITS[ch]))
    return "".join(out)


def int_to_cn(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (numbers up to 99 are enough for 序次语)."""
    if n < 10:
        return _NAMES[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NAMES[tens]) + "十" + ("" if ones == 0 else _NAMES[ones])
