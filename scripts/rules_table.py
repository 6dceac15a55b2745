"""Regenerate the rule table of docs/rules.md from the lexicons (never edited by hand).

    python scripts/rules_table.py          # rewrite docs/rules.md between the markers
    python scripts/rules_table.py --check  # exit 1 if docs/rules.md is stale (a test does this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from wenfeng.rules.engine import get_engine

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- rules-table:begin -->", "<!-- rules-table:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table() -> str:
    lexicon = get_engine().lexicon
    rules = sorted(lexicon.rules.values(), key=lambda r: r.id)
    counts: dict[str, int] = {}
    for r in rules:
        counts[r.group] = counts.get(r.group, 0) + 1
    lines = ["| 分组 | 规则数 |", "|---|---|"]
    titles = {g.id: g.title for g in lexicon.groups.values()}
    lines += [f"| {g} {titles.get(g, '')} | {n} |" for g, n in sorted(counts.items())]
    lines += ["", "| 编号 | 级别 | 名称 | 适用文种 | 依据 | 例子 |", "|---|---|---|---|---|---|"]
    for r in rules:
        example = next((ex.bad for ex in r.examples if ex.bad and "{filler" not in ex.bad), None)
        if example is None:
            example = "（超出限额的长文）" if any(ex.bad for ex in r.examples) else ""
        example = example.split("\n")[0]
        if len(example) > 40:
            example = example[:40] + "…"
        scope = "、".join(sorted(r.doctypes)) or "全部"
        lines.append(f"| {r.id} | {r.level.label} | {_cell(r.name)} | {scope} | {_cell(r.source)} | "
                     f"{_cell(example)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    readme = ROOT / "docs" / "rules.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    new = f"{head}{BEGIN}\n{table()}\n{END}{tail}"
    if "--check" in argv:
        if new != text:
            print("docs/rules.md 的规则表已过期：运行 python scripts/rules_table.py", file=sys.stderr)
            return 1
        return 0
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
