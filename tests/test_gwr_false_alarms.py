"""False alarms at scale: the 政府工作报告 of 2008–2022 were drafted with the greatest care, so
warning- and error-level findings on them (length limits aside) must stay rare.

The corpus sits outside the repository (``../shared/corpus/gwr`` next to the checkout, present
in CI); without it the test is skipped.  The findings that remain are printed and explained in
``tests/corpus/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GWR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gwr"
MAX_PER_10K = 1.0


@pytest.mark.skipif(not GWR.is_dir() or not any(GWR.glob("*.txt")),
                    reason=f"政府工作报告语料不在 {GWR}（CI 中提供）")
def test_gwr_warning_rate():
    from wenfeng.api import check_path

    words = 0
    remaining: list[str] = []
    for path in sorted(GWR.glob("*.txt")):
        report = check_path(path)
        words += report.counts.words
        text = report.document.text
        for f in report.findings:
            if f.level.label in ("warning", "error") and f.group != "L":
                line = text.count("\n", 0, f.start) + 1
                context = text[max(0, f.start - 12):f.end + 8].replace("\n", "⏎")
                remaining.append(f"{path.name}:{line} {f.rule} {f.level.label} “{context}”")
    assert words > 200_000, "the corpus looks truncated"
    rate = len(remaining) / words * 10_000
    print(f"\n{len(remaining)} warning/error findings in {words} 字: {rate:.2f} per 10,000 字")
    for line in remaining:
        print("  " + line)
    assert rate < MAX_PER_10K, "\n".join(remaining)
