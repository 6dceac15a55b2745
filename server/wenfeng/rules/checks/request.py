"""请示 and 报告 rules of 《党政机关公文处理工作条例》第十五条 that need the whole document.

A 请示 asks for one thing (一文一事), ends with a request formula by custom ("妥否，请批示"),
and goes to one superior body; a 报告 must not carry a request
(``report_with_request``).  Closings are matched on the
normalized text, so "妥否,请批示" pasted with a half-width comma counts too.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...lru import map_texts, short_text_cache
from ...model import BlockKind
from ..context import DocContext, DocHit
from ..matching import normalize
from .base import blocks, check

# The formula that closes a 请示 (one per matter).
FINAL_CLOSING = re.compile(
    r"(?:以上请示)?(?:妥否|当否|可否|是否妥当|是否可行|如无不妥)[，]?\s*"
    r"请(?:批示|指示|示下|审批|批复|批准|审定|核准)|特此请示")
# Any request formula, for "is there a closing at all".
ANY_REQUEST = re.compile(
    FINAL_CLOSING.pattern
    + r"|请予(?:以)?(?:批准|批复|审批|审定|支持|核准|研究)|请(?:批示|审批|批复|审定|核准|批准)"
    r"|恳请[^。；]{0,30}?(?:批准|批复|审批|同意|支持|审定|研究)")
# “一并请示”, or asking support for several 方面 of work at once (“就以上三方面的工作给予……支持”)
_SECOND_MATTER = re.compile(
    r"一并请示|另请示|同时请示|顺便请示|另外请示|再请示"
    r"|(?:就|对)以上(?:几|[二三四五六七八九十两])(?:个)?方面的?(?:工作|问题|事项)"
    r"|以下(?:几|[二三四五六七八九十两])(?:个)?方面的?(?:工作|问题|事项)[^。；]{0,30}?"
    r"(?:支持|帮助|解决|批准|扶持)")
_SPLIT = re.compile(r"[、，；]")


def _body(ctx: DocContext):
    return [b for b in ctx.document.blocks if b.kind in (BlockKind.BODY, BlockKind.HEADING)]


@check("request_one_matter")
def request_one_matter(ctx: DocContext, rule) -> Iterator[DocHit]:
    """Several closing formulas in separate paragraphs, or "一并请示", mean several matters.
    Wording that names several matters is reported once (its first place), closings each."""
    seen = 0
    named = False
    for block in _body(ctx):
        text = normalize(block.text)
        extra = _SECOND_MATTER.search(text)
        if extra:
            if not named:
                start, end = block.source_span(*extra.span())
                yield DocHit(start, end, None, {"found": block.text[extra.start():extra.end()]})
            named = True
            continue
        m = FINAL_CLOSING.search(text)
        if m:
            seen += 1
            if seen == 2:
                start, end = block.source_span(*m.span())
                yield DocHit(start, end, None, {"found": block.text[m.start():m.end()]})


@check("request_closing")
def request_closing(ctx: DocContext, rule) -> Iterator[DocHit]:
    """A 请示 with no request formula anywhere: anchored on its title (or last paragraph)."""
    body = _body(ctx)
    if not body or any(ANY_REQUEST.search(normalize(b.text)) for b in body):
        return
    anchor = ctx.document.title_blocks[-1] if ctx.document.title_blocks else body[-1]
    yield DocHit(anchor.start, anchor.end, None, {"found": anchor.text}, document_level=True)


def _is_party_government_pair(names: list[str]) -> bool:
    """"市委、市政府" (a 党委 and a 政府 of one level, or their two offices) count as one."""
    if len(names) != 2:
        return False
    a, b = names
    party = a.endswith("委") or "委办公" in a
    government = b.endswith("政府") or "政府办公" in b
    return party and government


@check("single_addressee")
def single_addressee(ctx: DocContext, rule) -> Iterator[DocHit]:
    for block in ctx.document.blocks:
        if block.kind is not BlockKind.ADDRESSEE:
            continue
        text = normalize(block.text).rstrip("：: ")
        names = [n.strip() for n in _SPLIT.split(text) if n.strip()]
        if len(names) < 2 or _is_party_government_pair(names):
            continue
        start, end = block.source_span(0, len(text))
        yield DocHit(start, end, None, {"found": block.text[:len(text)], "count": len(names)})


# What a 请示 asks for.  Money: an amount in the request sentence, or an amount the document
# says is needed (“需资金12万元”“缺口30万元”) — money already spent (“共投入130万元”) is not
# what it asks for.  Other matters: a proposal (“拟……”), a decision verb in the request
# sentence, or 解决 with an object after it.
_AMOUNT_RE = (r"\d+(?:\.\d+)?\s*(?:多|余)?\s*(?:万|亿|千|百)?\s*(?:多|余)?元"
              r"|[一二三四五六七八九十百千两]+(?:多|余)?(?:万|亿)?(?:多|余)?元")
_AMOUNT = re.compile(_AMOUNT_RE)
_NEEDED_AMOUNT = re.compile(
    r"(?:需|需要|缺口|尚缺|尚差|不足|尚欠|申请|请求|补助|拨付|解决|给予|安排|支持|预算|概算|估算)"
    r"[^。；！？]{0,15}?(?:" + _AMOUNT_RE + ")")
_MONEY_ASK = re.compile(
    r"(?:请|申请|解决|给予|拨付|补助|支持)[^。；！？]{0,16}?(?:经费|资金|款项|补助|补贴|费用|拨款)"
    r"|(?:经费|资金|款项|补助|补贴|费用)[^。；！？]{0,12}?(?:请|申请|解决|给予|拨付|支持)")
# a share that names no amount: “帮忙解决部分资金”“给予适当补助” cannot be approved as written
_UNSPECIFIED = re.compile(r"部分(?:资金|经费|款项|费用)|一定(?:的)?(?:资金|经费|数额|补助|补贴)"
                          r"|适当(?:的)?(?:补助|补贴|资金|经费)|一些(?:资金|经费)")
# money asked for in a sentence that names no sum: “这笔支出急需政府支持”
_MONEY_WORDS = re.compile(r"支出|经费|资金|款项|费用|财力")
_DECISION = re.compile(r"批准|同意|审批|核准|审定|认定|立项|备案|增设|设立|调整|变更|任命|免去|"
                       r"列入|纳入|安排|购置|修建|召开|举办|解决[^，。；！？、]{2,}")
_REQUEST_SENTENCE = re.compile(
    r"[^。；！？\n]*(?:请予|恳请|特请|请求|请您|望予|请帮助|请上级|请贵|予以解决|帮助解决|关心解决|"
    r"为盼|为谢|为荷|特向[^。；！？\n]{1,15}申请|申请(?:给予|拨付|解决|补助|安排))[^。；！？\n]*")
# Any wording that asks, once the closing formulas are taken out: a 请示 whose body has none
# only describes a situation (“三个规划总体需经费1190万元。妥否，请批示。”).
# A stated need (“共需经费80万元”“资金缺口大”), which the 请示 should then ask for.
_NEED = re.compile(r"需|缺口|尚缺|不足")
_ANY_ASK = re.compile(
    r"请(?!示)|拟|望|盼|建议|申请|要求(?:上级|市|县|省|区|贵)"
    # a need addressed to the superior: “需市财政安排资金50万元”
    r"|需要?[^。；]{0,8}?(?:财政|政府|上级|贵)[^。；]{0,8}?(?:安排|拨付|解决|支持|补助|给予|批准)")


def _unasked(ctx: DocContext, texts: list[str]) -> Iterator[DocHit]:
    """A 请示 whose body states a need (an amount, “需……”) but asks nothing outside its closing
    formula: one document-level hit."""
    rest = [FINAL_CLOSING.sub("", ANY_REQUEST.sub("", t)) for t in texts]
    if not any(FINAL_CLOSING.search(t) or ANY_REQUEST.search(t) for t in texts):
        return  # no closing either: D611 reports that
    title = normalize(ctx.document.title)
    if _ANY_ASK.search(title.replace("请示", "")):
        return  # the title may carry the ask: 关于申请拨付防汛经费的请示
    if any(_ANY_ASK.search(t) for t in rest):
        yield from _money_without_sum(ctx, texts)
        return
    if not any(_NEED.search(t) or _AMOUNT.search(t) for t in rest):
        return  # nothing stated that could be asked for: too little to judge
    # the last sentence that states the matter (“……需经费1190万元。”) carries the finding
    body = _body(ctx)
    closing = max(i for i, t in enumerate(texts)
                  if FINAL_CLOSING.search(t) or ANY_REQUEST.search(t))
    for block, text in reversed(list(zip(body, rest))[:closing + 1]):
        sentences = list(_SENTENCE.finditer(text))
        if sentences:
            m = sentences[-1]
            start, end = block.source_span(m.start(), m.end())
            yield DocHit(start, end, None,
                         {"found": block.text[m.start():m.end()],
                          "reason": "正文只陈述情况，没有写明请求上级批准或解决什么"},
                         document_level=True)
            return


_SENTENCE = re.compile(r"[^。；！？\n]*[\u4e00-\u9fff][^。；！？\n]*[。；！？]?")


def _money_without_sum(ctx: DocContext, texts: list[str]) -> Iterator[DocHit]:
    """A 请示 that asks only in passing (“这笔支出急需政府支持”) for money it never puts a sum on:
    the asking sentence, when no amount stands anywhere in the document."""
    if any(_AMOUNT.search(t) for t in [normalize(ctx.document.title), *texts]):
        return
    for block, text in zip(_body(ctx), texts):
        rest = FINAL_CLOSING.sub("", ANY_REQUEST.sub("", text))
        for m in _SENTENCE.finditer(rest):
            if _ANY_ASK.search(m.group(0)) and _MONEY_WORDS.search(m.group(0)):
                found = m.group(0).rstrip("。；！？")
                at = text.find(found)
                if at < 0:
                    continue
                start, end = block.source_span(at, at + len(found))
                yield DocHit(start, end, None, {"found": block.text[at:at + len(found)],
                                                "reason": "请求经费支持，却没有写明数额和用途"})
                return


@check("request_stated")
def request_stated(ctx: DocContext, rule) -> Iterator[DocHit]:
    """A 请示 that never says what it asks for: money without an amount, or no matter at all."""
    body = _body(ctx)
    texts = [normalize(b.text) for b in body]
    asks = [(b, m) for b, t in zip(body, texts) for m in _REQUEST_SENTENCE.finditer(t)]
    if not asks:
        yield from _unasked(ctx, texts)
        return
    whole = "\n".join([normalize(ctx.document.title), *texts])
    if _MONEY_ASK.search(whole):
        for block, m in asks:
            vague = _UNSPECIFIED.search(m.group(0))
            if vague and not _AMOUNT.search(m.group(0)):
                start, end = block.source_span(m.start() + vague.start(), m.start() + vague.end())
                yield DocHit(start, end, None, {
                    "found": block.text[m.start() + vague.start():m.start() + vague.end()],
                    "reason": "只请求“部分”“适当”的数目，没有写明请求的数额，上级无从批复"})
                return
        if (_NEEDED_AMOUNT.search(whole) or "拟" in whole
                or any(_AMOUNT.search(m.group(0)) for _, m in asks)):
            return
        reason = "请求解决经费，却没有写明数额和用途"
    elif "拟" in whole or any(_DECISION.search(m.group(0)) for _, m in asks):
        return
    else:
        reason = "没有写明请求上级批准或解决什么"
    block, m = asks[-1]
    found = block.text[m.start():m.end()].strip("，, ")
    start, end = block.source_span(m.start(), m.start() + len(found))
    yield DocHit(start, end, None, {"found": found, "reason": reason})


_REQUEST_IN_REPORT = re.compile(
    r"(?:妥否|当否|可否|是否妥当)[，]?\s*请(?:批示|指示|示下|审批|批复)|请予(?:批准|批复|审批)|请批示|请审批|请批复")


@check("report_with_request", pattern=str)
def report_with_request(ctx: DocContext, rule) -> Iterator[DocHit]:
    """A 报告 must not carry 请示事项 (条例第十五条): flag request closings inside a 报告."""
    pattern = (re.compile(rule.params["pattern"]) if rule.params.get("pattern")
               else _REQUEST_IN_REPORT)
    looked_at = blocks(ctx, BlockKind.BODY, BlockKind.HEADING)
    for block, spans in zip(looked_at, map_texts(cached_spans, [b.text for b in looked_at],
                                                 pattern.pattern, pattern.flags)):
        for m_start, m_end in spans:
            start, end = block.source_span(m_start, m_end)
            yield DocHit(start, end, None, {"found": block.text[m_start:m_end]})


@short_text_cache(2048)
def cached_spans(source: str, flags: int, text: str) -> tuple[tuple[int, int], ...]:
    """Match spans of ``re.compile(source, flags)`` in normalized ``text``, cached per paragraph:
    a document rule that looks at paragraphs one by one re-scans only the paragraphs an edit
    changed.  (Keyed by the pattern's source: hashing a compiled pattern hashes its program.)"""
    return tuple(m.span() for m in re.compile(source, flags).finditer(normalize(text)))


CHECKS = (request_one_matter, request_closing, request_stated, single_addressee,
          report_with_request)
