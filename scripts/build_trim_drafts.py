"""Build the over-limit drafts in tests/trim/drafts/ from the 政府工作报告 corpus.

Each draft is one section of a 政府工作报告 (a "（一）……" task section: public text written by
careful drafters) framed as a 请示 (1,600–2,100 字, over the 1,500-字 一般 limit) or a 专项报告
(2,550–2,800 字, over 2,500): a title "关于……的请示/报告", 主送机关, an opening, two or three
parts, the request and "妥否，请批示。" (请示) or "特此报告。" (报告), 落款 and date.  The framing
sentences are what real 请示/报告 carry; about half of the openings and closings include a
common 意义/表态 sentence, the rest do not.  Deterministic: the same corpus gives the same files.

Usage: python scripts/build_trim_drafts.py CORPUS_DIR OUT_DIR   (CORPUS_DIR: ../shared/corpus/gwr)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))
from wenfeng.metrics.counting import word_count  # noqa: E402

SECTION = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
PART = re.compile(r"^[一二三四五六七八九十]+、")
YEARS = ["2008", "2009", "2010", "2011", "2012", "2014", "2016", "2017", "2018", "2019", "2021",
         "2022"]
SENDERS = ["市发展和改革委员会", "市人民政府办公室", "市财政局", "市科学技术局", "市商务局",
           "市农业农村局", "市生态环境局", "市人力资源和社会保障局"]
OPENERS = [
    "为{topic}，根据国家和省有关部署，结合我市实际，我们研究提出了有关工作安排。",
    "为{topic}，我们深入调研，广泛听取意见，研究提出了有关工作安排。做好这项工作，对于推动全市经济社会高质量发展具有十分重要的意义。",
    "按照市委、市政府部署，为{topic}，我们结合实际研究提出了有关工作安排。",
    "为{topic}，我们提高政治站位，统一思想，提高认识，研究提出了有关工作安排。",
]
CLOSINGS = [
    "",
    "我们将在市委、市政府的坚强领导下，抓紧抓实各项工作，为全市高质量发展作出新的更大贡献。",
    "",
    "下一步，我们将切实加强组织领导，密切配合，确保各项工作落到实处。",
]


def sections(path: Path) -> list[tuple[str, list[str]]]:
    """(heading text, paragraphs) of each "（一）……" section."""
    out: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        m = SECTION.match(line)
        if m:
            out.append((m.group(2), []))
        elif PART.match(line):
            if out and out[-1][1]:
                out.append(("", []))  # a new part ends the last section
        elif out and out[-1][0]:
            out[-1][1].append(line)
    return [(h, ps) for h, ps in out if h and ps]


def topic_of(heading: str) -> str:
    first = re.split(r"[，。；]", heading)[0]
    return first.strip()


def take(paragraphs: list[str], budget: int) -> list[str]:
    """Whole paragraphs while they fit; the last one cut at a sentence end."""
    chosen, total = [], 0
    for p in paragraphs:
        n = word_count(p)
        if total + n <= budget:
            chosen.append(p)
            total += n
            continue
        sentences = re.findall(r"[^。！？]+[。！？]", p)
        part = ""
        for s in sentences:
            if total + word_count(part + s) > budget:
                break
            part += s
        if part:
            chosen.append(part)
        break
    return chosen


def build(kind: str, n: int, heading: str, paragraphs: list[str], year: str) -> str | None:
    topic = topic_of(heading)
    sender = SENDERS[n % len(SENDERS)]
    # n // 2: 请示 and 报告 alternate, so each kind gets every opening and closing in turn
    opener = OPENERS[(n // 2) % len(OPENERS)].format(topic=topic)
    closing = CLOSINGS[(n // 2) % len(CLOSINGS)]
    date = f"2025年{n % 12 + 1}月{n % 27 + 1}日"
    if kind == "请示":
        target = 1620 + (n * 37) % 460       # 1,620–2,079 字
        request = (f"为保障上述工作顺利推进，拟由{sender}牵头制定具体实施方案，恳请市政府同意上述工作安排，"
                   "并统筹安排相关工作经费。")
        fixed = word_count(opener + "现将有关事项请示如下。" + request + "妥否，请批示。") + 12
        body = take(paragraphs, target - fixed)
        if len(body) < 2:
            return None
        half = max(1, len(body) // 2)
        lines = [f"关于{topic}有关事项的请示", "", "市人民政府：",
                 opener + "现将有关事项请示如下。", "一、基本情况", *body[:half],
                 "二、工作安排", *body[half:], "三、请示事项", request, "妥否，请批示。"]
    else:
        target = 2560 + (n * 53) % 230       # 2,560–2,789 字
        fixed = word_count(opener + "现将有关情况报告如下。" + closing + "特此报告。") + 16
        body = take(paragraphs, target - fixed)
        if len(body) < 2:
            return None
        half = max(1, len(body) // 2)
        lines = [f"关于{topic}工作情况的报告", "", "市人民政府：",
                 opener + "现将有关情况报告如下。", "一、主要工作", *body[:half],
                 "二、下一步工作安排", *body[half:]]
        if closing:
            lines.append(closing)
        lines.append("特此报告。")
    lines += ["", sender, date, ""]
    return "\n".join(lines)


def main(corpus: str, out: str) -> int:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    n = 0
    made: list[str] = []
    for year in YEARS:
        path = Path(corpus) / f"{year}-政府工作报告.txt"
        secs = sections(path)
        k = 0
        while k < len(secs) and n < 40:
            # the draft's text: this section, continued into the next ones when it is short
            kind = "请示" if n % 2 == 0 else "报告"
            need = 2200 if kind == "请示" else 2900
            pool, j = [], k
            while j < len(secs) and sum(word_count(p) for p in pool) < need:
                pool += secs[j][1]
                j += 1
            text = build(kind, n, secs[k][0], pool, year)
            if text is None or sum(word_count(p) for p in pool) < need:
                break
            name = f"{n + 1:02d}-{kind}-{year}-{k + 1}.txt"
            (target / name).write_text(text, encoding="utf-8")
            made.append(name)
            n += 1
            k = j
    print(f"{len(made)} drafts written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
