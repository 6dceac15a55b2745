"""The Chinese words of a trim plan: headline, code-action title, what is left, where a cut is.

Kept apart from the planning so the CLI, the language server and the VS Code checklist say the
same thing in the same words.
"""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Document

GRADE_LABELS = {"safe": "安全", "likely": "较稳妥", "review": "需斟酌"}
CLASS_LABELS = {"fix": "简化说法", "adverbs": "强调副词", "filler": "套话", "pledge": "表态结尾",
                "significance": "意义铺垫", "repeat": "重复表述", "wordy": "可省字词"}
TARGET_LABELS = {"general": "一般限额", "maximum": "最高限额"}
PART_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+)、")


def number(n: int | float) -> str:
    """1472 → "1,472" (how the figures are written in the issue and in Word's status bar)."""
    return f"{int(n):,}"


def headline(before: int, after: int, limit: int | None, target: str, count: int,
             advice: str) -> str:
    label = TARGET_LABELS[target]
    if limit is None:
        return "该文种没有字数限额"
    if before <= limit:
        return f"正文 {number(before)} 字，已在{label} {number(limit)} 字以内，无需精简"
    if after <= limit:
        return f"采纳这 {count} 处 → {number(after)} 字（{label} {number(limit)} 字以内）"
    head = f"采纳这 {count} 处 → {number(after)} 字，" if count else f"正文 {number(before)} 字，"
    return f"{head}仍超出{label} {number(after - limit)} 字" + (f"：{advice}" if advice else "")


def summary(before: int, after: int, limit: int | None, count: int) -> str:
    """The code action's title: "精简到限额以内：9 处，减少 211 字"."""
    if limit is None or before <= limit or not count:
        return ""
    if after <= limit:
        return f"精简到限额以内：{count} 处，减少 {before - after} 字"
    return f"精简篇幅：{count} 处，减少 {before - after} 字（仍超出 {after - limit} 字）"


def action_title(before: int, after: int, limit: int | None, count: int, target: str) -> str:
    """The editor's code action: "精简到限额（9处，约减211字）"; when the plan falls short,
    "精简篇幅（12处，约减180字，仍超出64字）"."""
    if limit is None or before <= limit or not count:
        return ""
    goal = "精简到限额" if target == "general" else "精简到最高限额"
    if after <= limit:
        return f"{goal}（{count}处，约减{before - after}字）"
    return f"精简篇幅（{count}处，约减{before - after}字，仍超出{TARGET_LABELS[target]}{after - limit}字）"


def advice(document: Document, counts: dict[int, int]) -> str:
    """Where most text remains: the largest part (一、二、…) or, without parts, paragraph.

    ``counts`` maps each counted block's index to its 字 after the planned cuts.
    """
    parts: list[tuple[Block, int]] = []
    for block in document.body_blocks:
        if block.kind is BlockKind.HEADING and PART_HEADING.match(block.text):
            parts.append((block, 0))
        if parts:
            head, total = parts[-1]
            parts[-1] = (head, total + counts.get(block.index, 0))
    if len(parts) >= 2:
        head, total = max(parts, key=lambda p: p[1])
        numeral = PART_HEADING.match(head.text).group(1)  # type: ignore[union-attr]
        return f"建议压缩第{numeral}部分（{head.text.strip()}，约 {number(total)} 字）"
    paragraphs = [b for b in document.body_blocks if b.kind is BlockKind.BODY]
    if not paragraphs:
        return ""
    longest = max(paragraphs, key=lambda b: counts.get(b.index, 0))
    position = paragraphs.index(longest) + 1
    opening = longest.text.strip()[:10]
    return f"建议压缩第 {position} 段（“{opening}……”，约 {number(counts.get(longest.index, 0))} 字）"


def location(document: Document, block_index: int) -> str:
    """"第 3 段（二、资金需求）": the paragraph's place among the body paragraphs, and its part."""
    position = 0
    part = ""
    for block in document.body_blocks:
        if block.kind is BlockKind.HEADING and PART_HEADING.match(block.text):
            part = block.text.strip()
        if block.kind is BlockKind.BODY:
            position += 1
        if block.index == block_index:
            return f"第 {position} 段" + (f"（{part}）" if part else "")
    return ""
