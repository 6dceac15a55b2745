"""Benchmark inputs, made at run time from the corpus beside the repository.

Nothing here is committed: the corpus lives in ``../shared/corpus/gwr`` (relative to the
repository root) and every input is copied or generated into ``bench/out/inputs`` (git-ignored).
Generation is deterministic (fixed seeds), so two runs measure the same texts.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CORPUS = REPO.parent / "shared" / "corpus" / "gwr"
OUT = BENCH / "out"
INPUTS = OUT / "inputs"

#: The single report (~20,000 字) used for the one-document numbers.
REPORT_20K = "2016-政府工作报告.txt"


def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*-政府工作报告.txt"))
    if len(files) < 15:
        sys.exit(f"bench: the corpus is missing — expected 15 政府工作报告 in {CORPUS} "
                 f"(found {len(files)}). The benchmark reads ../shared/corpus/gwr relative to the "
                 f"repository root; see bench/README.md.")
    return files


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def body_paragraphs(text: str) -> list[str]:
    """Corpus paragraphs long enough to be prose (no headings, no 称呼 lines)."""
    return [p.strip() for p in text.splitlines() if len(p.strip()) >= 60]


@dataclass(frozen=True)
class Inputs:
    page: Path           # a one-page draft (the bundled 请示 example)
    draft2k: Path        # a 2,000-字 draft with lexicon terms typed in (needs segmentation)
    unique: list[tuple[int, Path]]  # (字, folder of ~20,000-字 files) of never-repeated text
    drafts2000: Path     # 2,000 drafts of never-repeated paragraphs (`wenfeng report`)
    report: Path         # one report, ~20,000 字
    all15: Path          # all fifteen joined, ~280,000 字
    draft: Path          # a generated 5,000-字 draft (报告 form), clean prose from the corpus
    draft_terms: Path    # the same draft with eight lexicon terms typed in (jieba is needed)
    ten: list[Path]      # ten reports closest to 20,000 字 (memory with ten documents open)
    reports: list[Path]  # the fifteen reports (CLI check)
    drafts: Path         # folder of 200 generated drafts (CLI report)


_TITLES = ["关于{year}年{topic}工作情况的报告", "关于{topic}有关事项的请示", "关于做好{topic}工作的通知",
           "关于{year}年{topic}工作的总结报告"]
_TOPICS = ["稳就业保民生", "优化营商环境", "乡村振兴", "生态环境保护", "安全生产", "科技创新",
           "深化改革开放", "社会保障", "教育发展", "医疗卫生"]


def sentences(texts: list[str]) -> list[str]:
    """Every sentence of the corpus prose (ending in 。！？；), deduplicated, in corpus order."""
    seen: dict[str, None] = {}
    for text in texts:
        for para in body_paragraphs(text):
            for m in re.finditer(r"[^。！？；]+[。！？；]", para):
                seen.setdefault(m.group(0), None)
    return list(seen)


class UniqueParagraphs:
    """Paragraphs that never repeat: 2–6 corpus sentences drawn at random (a 100-字 paragraph has
    about 10¹⁵ possible draws), so that a large input measures real work and not the engine's
    per-paragraph cache, which copies of the same text would hit."""

    def __init__(self, texts: list[str], seed: int) -> None:
        self.sentences = sentences(texts)
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def __call__(self) -> str:
        while True:
            para = "".join(self.rng.choice(self.sentences)
                           for _ in range(self.rng.randint(2, 6)))
            if para not in self.seen:
                self.seen.add(para)
                return para

    def text(self, target: int) -> str:
        """Paragraphs, one per line, up to ``target`` characters."""
        out, total = [], 0
        while total < target:
            para = self()
            out.append(para)
            total += len(para) + 1
        return "\n".join(out) + "\n"


def make_draft(paragraphs: list[str], rng: random.Random, target: int, title: str) -> str:
    """A 公文-shaped draft: title, 主送机关, corpus paragraphs up to ``target`` 字, 落款, date."""
    lines = [title, "", "市人民政府：", ""]
    total = 0
    start = rng.randrange(len(paragraphs))
    i = start
    while total < target:
        para = paragraphs[i % len(paragraphs)]
        lines.append(para)
        total += len(para)
        i += 1
    lines += ["", "市发展和改革委员会", "2024年3月15日"]
    return "\n".join(lines) + "\n"


def prepare() -> Inputs:
    files = corpus_files()
    INPUTS.mkdir(parents=True, exist_ok=True)
    texts = {f.name: read(f) for f in files}

    report = INPUTS / "report-20k.txt"
    report.write_text(texts[REPORT_20K], encoding="utf-8")
    all15 = INPUTS / "all-15.txt"
    all15.write_text("\n".join(texts[f.name].rstrip("\n") for f in files) + "\n", encoding="utf-8")

    paragraphs = [p for f in files for p in body_paragraphs(texts[f.name])]
    rng = random.Random(20240315)
    draft = INPUTS / "draft-5k.txt"
    draft.write_text(make_draft(paragraphs, rng, 5000, "关于2023年全市经济社会发展情况的报告"),
                     encoding="utf-8")

    # ten documents of about 20,000 字: the reports whose length is closest to it
    by_size = sorted(files, key=lambda f: abs(len(texts[f.name]) - 20000))[:10]
    ten = []
    for k, f in enumerate(sorted(by_size)):
        path = INPUTS / f"open-{k:02d}.txt"
        path.write_text(texts[f.name], encoding="utf-8")
        ten.append(path)

    reports_dir = INPUTS / "reports"
    reports_dir.mkdir(exist_ok=True)
    reports = []
    for f in files:
        path = reports_dir / f.name
        path.write_text(texts[f.name], encoding="utf-8")
        reports.append(path)

    drafts = INPUTS / "drafts-200"
    drafts.mkdir(exist_ok=True)
    rng = random.Random(7)
    for k in range(200):
        title = rng.choice(_TITLES).format(year=rng.randrange(2015, 2025), topic=rng.choice(_TOPICS))
        size = rng.choice([800, 1500, 2500, 4000, 6000])
        (drafts / f"draft-{k:03d}.txt").write_text(make_draft(paragraphs, rng, size, title),
                                                   encoding="utf-8")
    draft_terms = INPUTS / "draft-5k-terms.txt"
    draft_terms.write_text(with_terms(draft.read_text(encoding="utf-8"), random.Random(8)),
                           encoding="utf-8")

    page = INPUTS / "page.txt"
    page.write_text((REPO / "examples" / "请示-申请专项经费.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    draft2k = INPUTS / "draft-2k-terms.txt"
    draft2k.write_text(with_terms(make_draft(paragraphs, random.Random(3), 1900,
                                             "关于2023年全市安全生产工作情况的报告"),
                                  random.Random(9), count=6), encoding="utf-8")

    fresh = UniqueParagraphs(list(texts.values()), seed=11)
    unique = []
    made = 0
    for size in (500_000, 1_000_000, 2_000_000, 5_000_000):
        folder = INPUTS / f"unique-{size // 1000}k"
        if not (folder / "done").exists():  # slow to make: kept between runs
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            for k in range(size // 20_000):
                (folder / f"u{k:04d}.txt").write_text(
                    f"关于第{k}项工作情况的报告\n\n市人民政府：\n\n" + fresh.text(20_000),
                    encoding="utf-8")
            (folder / "done").write_text("", encoding="utf-8")
        made += size
        unique.append((size, folder))

    drafts2000 = INPUTS / "drafts-2000"
    if not (drafts2000 / "done").exists():
        shutil.rmtree(drafts2000, ignore_errors=True)
        drafts2000.mkdir()
        rng = random.Random(17)
        for k in range(2000):
            title = rng.choice(_TITLES).format(year=rng.randrange(2015, 2025),
                                               topic=rng.choice(_TOPICS))
            size = rng.choice([800, 1500, 2500, 4000, 6000])
            paras, total = [], 0
            while total < size:
                paras.append(fresh())
                total += len(paras[-1])
            (drafts2000 / f"draft-{k:04d}.txt").write_text(
                make_draft(paras, random.Random(k), size, title), encoding="utf-8")
        (drafts2000 / "done").write_text("", encoding="utf-8")
    return Inputs(page, draft2k, unique, drafts2000, report, all15, draft, draft_terms, ten,
                  reports, drafts)


def with_terms(text: str, rng: random.Random, count: int = 8) -> str:
    """Append bad examples of token-boundary term rules to body paragraphs, so that checking
    the draft has to consult jieba (the corpus prose alone needs it in few paragraphs)."""
    from wenfeng.rules.engine import get_engine

    engine = get_engine(())
    examples = [ex.bad for c in sorted(engine.rules.values(), key=lambda c: c.rule.id)
                if c.rule.kind in ("existence", "substitution") and c.rule.boundary == "token"
                for ex in c.rule.examples[:1] if ex.bad and "\n" not in ex.bad]
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if len(line) >= 60]
    for example in rng.sample(examples, min(count, len(examples))):
        i = rng.choice(body)
        lines[i] += example
    return "\n".join(lines)
