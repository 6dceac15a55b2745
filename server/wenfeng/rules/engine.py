"""The engine: compile the lexicons once, then ``check(document, settings) -> Report``.

Block-scope rules run per paragraph and their results are cached by the paragraph's text (plus
the 文种 and the rule selection), so re-checking an edited document only re-runs the paragraphs
that changed; jieba is consulted only for paragraphs where a term actually occurs.  The
findings of each run of 32 paragraphs are kept together too, so that a keystroke in a long
document costs one look-up per run rather than one per paragraph.  Document-scope
rules (limits, structure) are cheap and always re-run.  Kinds return raw hits; this module alone
turns them into findings with messages, levels and fixes.
"""

from __future__ import annotations

import re
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from operator import attrgetter, sub
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import cachedir, doctypes
from ..config import Settings
from ..datafiles import key_line
from ..errors import ConfigError, LexiconError
from ..metrics import counting, limits
from ..model import Block, DocTypeDecision, Document, Finding, Fix, Level, Report
from ..segment import Segmenter
from ..sources import parts
from ..sources.suppressions import suppressed
from ..traditional import match_script
from . import lexicon_cache, matching
from .checks import registry as checks_registry
from .context import BlockContext, DocContext, DocHit, Hit
from .kinds import MODULES
from .lexicon import Lexicon, Profile, roots_for
from .lexicon import load as load_lexicon
from .matching import text_chars, text_pairs
from .spec import Rule

_BLOCK_CACHE_SIZE = 20_000
# … and by the bytes the entries hold, so that a long paragraph edited keystroke by keystroke in
# an editor does not pile up thousands of copies of itself (memory stays flat in long sessions)
_BLOCK_CACHE_BYTES = 8_000_000
#: What one cached hit costs (its tuple, Hit object and fields dict), an estimate on the high side.
_HIT_BYTES = 600


def _entry_bytes(text: str, result: list) -> int:
    return sys.getsizeof(text) + sys.getsizeof(result) + _HIT_BYTES * len(result)


#: The findings made of a cached paragraph's hits are kept too (an editor re-checks the whole
#: document on every keystroke, and building them again costs more than looking the hits up), for
#: at most this many paragraphs and about this many bytes (a finding with its message and fix).
_FINDINGS_MEMO_SIZE = 4096
_FINDINGS_MEMO_BYTES = 4_000_000
_FINDING_BYTES = 1_500


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    module: Any
    prepared: Any

    @cached_property
    def prefilter(self) -> matching.Prefilter | None:
        """What a paragraph must contain for the rule to match it (None: no such test)."""
        make = getattr(self.module, "prefilter", None)
        return make(self.rule, self.prepared) if make else None

    @cached_property
    def document_scope(self) -> bool:
        if self.module.SCOPE == "document":
            return True
        checker = getattr(self.module, "is_document_scope", None)
        return bool(checker and checker(self.prepared))

    @cached_property
    def loads_slowly(self) -> bool:
        """Whether the kind has tables of its own to load first (``ready``/``load``: typo)."""
        return hasattr(self.module, "ready")


class _SafeFields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# “（少{saves}字）” in a message: dropped when a fix saves nothing (or adds 字)
_SAVES_NOTE = re.compile(r"[（(][^（）()]*\{saves\}[^（）()]*[）)]")


def render(template: str, fields: dict[str, Any]) -> str:
    try:
        return template.format_map(_SafeFields(fields))
    except (ValueError, IndexError):  # a stray brace in a user message: show it as written
        return template


_FINGERPRINT_SPAN = 64
_FOUND_IN_DATA = 200


def fingerprint(document: Document, rule_id: str, start: int, end: int, width: int = 6) -> str:
    """Identify a finding by its rule, text and a little context, so an "ignore here" survives
    edits elsewhere in the document."""
    text = document.text
    if end - start > _FINGERPRINT_SPAN:
        # long spans (text past a length limit, most of a long document): its ends and length,
        # never the whole span — hashing it cost 1.5 ms a keystroke on 280,000 字, and an
        # "ignore here" on such a finding should survive edits inside it
        found = f"{text[start:start + 8]}…{end - start}…{text[end - 8:end]}"
    else:
        found = text[start:end]
    return f"{rule_id}|{text[max(0, start - width):start]}|{found}|{text[end:end + width]}"


class Engine:
    """Compiled lexicons + segmenter + per-block cache. Thread-safe for concurrent checks."""

    def __init__(self, extra_lexicons: Iterable[str | Path] = ()) -> None:
        extra = tuple(extra_lexicons)
        digest = lexicon_cache.key(roots_for(extra)) if cachedir.enabled() else None
        state = lexicon_cache.load(digest) if digest else None
        if not (isinstance(state, tuple) and len(state) == 3
                and isinstance(state[0], Lexicon)):  # (a file of the wrong shape: compile)
            state = _compile(extra)
            if digest:
                lexicon_cache.save(digest, state)
        lexicon: Lexicon = state[0]
        prepared: dict[str, Any] = state[1]
        words: list[tuple[str, int | None]] = state[2]
        self.lexicon = lexicon
        self.rules: dict[str, CompiledRule] = {
            rule_id: CompiledRule(rule, MODULES[rule.kind], prepared[rule_id])
            for rule_id, rule in self.lexicon.rules.items()}
        self.segmenter = Segmenter(words)
        self._cache: OrderedDict[tuple, list[tuple[str, Hit]]] = OrderedDict()
        self._cache_bytes = 0
        self._keys_of: dict[str, set[tuple]] = {}  # paragraph text → its cache keys (forget)
        # cache key → (the hits, the paragraph's start, the findings made of them there)
        self._findings: OrderedDict[tuple, tuple[list, int, list[Finding]]] = OrderedDict()
        self._findings_bytes = 0
        # run key (_run_key) → (the run's start, the findings made of its paragraphs there)
        self._runs: OrderedDict[tuple, tuple[int, list[Finding]]] = OrderedDict()
        self._runs_of: dict[str, set[tuple]] = {}  # paragraph text → the kept runs holding it
        self._runs_bytes = 0
        # settings.cache_key (a long tuple, hashed again for every paragraph otherwise) → a
        # number never reused, so that the per-paragraph keys hash quickly
        self._settings_ids: OrderedDict[tuple, int] = OrderedDict()
        self._next_settings_id = 0
        # (settings id, 文种, format) → (block rules, document rules) that apply
        self._active: dict[tuple, tuple[list[CompiledRule], list[CompiledRule]]] = {}
        self._lock = threading.Lock()
        self._slow = [c for c in self.rules.values() if c.loads_slowly]
        self._waited: set[str] = set()  # rules check_now left out while their tables load

    # -- public API -------------------------------------------------------------------------
    def profile(self, settings: Settings) -> Profile:
        try:
            return self.lexicon.profiles[settings.profile]
        except KeyError:
            available = "、".join(sorted(self.lexicon.profiles))
            raise ConfigError(f"未知限额方案 “{settings.profile}”（可用：{available}）",
                              key="profile") from None

    def decide_doctype(self, document: Document, settings: Settings,
                       explicit: str | None = None) -> DocTypeDecision:
        return doctypes.decide(document, explicit, settings.doctype_for(document.path))

    def check(self, document: Document, settings: Settings | None = None,
              explicit_doctype: str | None = None, *,
              stop: Callable[[], bool] | None = None) -> Report:
        """The report on ``document``.  ``stop``, asked now and then while the check runs (an
        editor: "has the text changed since?"), ends it early with :class:`CheckStopped` when it
        answers True — a result nobody will read is not finished."""
        return self._check(document, settings, explicit_doctype, self.segmenter, stop)[0]

    def check_now(self, document: Document, settings: Settings | None = None,
                  explicit_doctype: str | None = None, *,
                  stop: Callable[[], bool] | None = None) -> tuple[Report, bool]:
        """Check without waiting for slow loads: ``(report, complete)``.

        While jieba's dictionary is still loading (the first second or so of a language server),
        rules that need token boundaries in a paragraph not segmented yet are left out for that
        paragraph; while a kind's own tables are not loaded (the typo engine's), its rules are
        left out.  ``complete`` is then False: call :meth:`load` and check again for the full
        report.  With everything loaded this is exactly :meth:`check`.
        """
        for c in self._slow:  # tables waiting in the cache folder open in milliseconds: no wait
            if not c.module.ready(c.prepared) and c.module.loads_quickly(c.prepared,
                                                                         self.segmenter):
                c.module.load(c.prepared, self.segmenter)
        if self.segmenter.ready and all(c.module.ready(c.prepared) for c in self._slow):
            return self.check(document, settings, explicit_doctype, stop=stop), True
        return self._check(document, settings, explicit_doctype, _NoWait(self.segmenter), stop)

    def load(self) -> None:
        """Load what :meth:`check_now` did not wait for: jieba's dictionary and the tables of
        the rules it left out (slow; run off an editor's event loop).  The segmenter may still
        hold part of its dictionary (enough for the texts seen): :func:`complete_dictionaries`
        loads the rest once the complete result is out."""
        self.segmenter.initialize()
        for rule_id in sorted(self._waited):
            compiled = self.rules.get(rule_id)
            if compiled is not None:
                compiled.module.load(compiled.prepared, self.segmenter)
        self._waited.clear()

    def load_tables(self, settings: Settings | None = None) -> None:
        """Load the tables of every rule (enabled by ``settings``) that has its own (the typo
        engine's), whether or not a check has asked for them yet: a parent process forking
        workers loads them once here instead of once in every worker."""
        for compiled in self._slow:
            if settings is None or settings.rule_enabled(compiled.rule.id):
                compiled.module.load(compiled.prepared, self.segmenter)

    def _check(self, document: Document, settings: Settings | None,
               explicit_doctype: str | None, segmenter: Any,
               stop: Callable[[], bool] | None = None) -> tuple[Report, bool]:
        if stop is not None and stop():
            raise CheckStopped
        settings = settings or Settings()
        profile = self.profile(settings)
        decision = self.decide_doctype(document, settings, explicit_doctype)
        rate = settings.rate_for(profile)
        counts = counting.counts_for(document, rate)
        doc_limits = settings.limits_for(profile, decision.name) if decision.recognised else {}
        statuses = limits.statuses(doc_limits, counts)
        cache_key = self._settings_id(settings.cache_key)
        # the rules that apply: the same for every keystroke under the same settings and 文种
        chosen = self._active.get((cache_key, decision.name, document.fmt))
        if chosen is None:
            active = [c for c in self.rules.values() if settings.rule_enabled(c.rule.id)
                      and c.rule.applies_to(decision.name, document.fmt)]
            chosen = ([c for c in active if not c.document_scope],
                      [c for c in active if c.document_scope])
            with self._lock:
                if len(self._active) > 256:
                    self._active.clear()
                self._active[(cache_key, decision.name, document.fmt)] = chosen
        block_rules, doc_rules = chosen

        findings: list[Finding] = []
        # the findings of a paragraph depend on the document only through its ignores (their
        # fingerprints read the text around) and a markdown/docx offset map: without those, they
        # are kept per paragraph and only shifted when the paragraph moves
        memo = not settings.ignores
        incomplete: list[Block | None] = []  # what check_now had to leave out
        by_kind: dict[Any, list[CompiledRule]] = {}  # the block rules for each kind of block
        blocks = document.blocks
        # runs of _RUN paragraphs whose findings are kept together (see _run_key): a keystroke
        # in a long document re-reads one run, and every other run is one look-up
        runs = memo and not isinstance(segmenter, _NoWait)
        for r0 in range(0, len(blocks), _RUN):
            if stop is not None and r0 and stop():
                raise CheckStopped
            run = blocks[r0:r0 + _RUN]
            run_key = _run_key(run, decision.name, document.fmt, cache_key) if runs else None
            if run_key is not None:
                with self._lock:
                    kept_run = self._runs.get(run_key)
                    if kept_run is not None:
                        self._runs.move_to_end(run_key)
                if kept_run is not None:
                    delta = run[0].start - kept_run[0]
                    if delta:  # (an edit above it): kept where it is now
                        moved = [_shifted(f, delta) for f in kept_run[1]]
                        with self._lock:
                            if run_key in self._runs:
                                self._runs[run_key] = (run[0].start, moved)
                        kept_run = (run[0].start, moved)
                    findings.extend(kept_run[1])
                    continue
            made_here: list[Finding] = []
            reusable = run_key is not None
            waited = len(incomplete)
            for block in run:
                rules = by_kind.get(block.kind)
                if rules is None:
                    # a kind outside LINTED_KINDS (版头/期号 lines: META) is looked at only by
                    # the rules that name it in `blocks`
                    rules = by_kind[block.kind] = [c for c in block_rules
                                                   if block.kind in c.rule.blocks]
                if not rules:
                    continue
                block_hits = self._block_hits(block, decision.name, rules, cache_key, segmenter,
                                              incomplete)
                if not block_hits:
                    continue
                if memo and block.offsets is None:
                    if reusable and any(type(hit) is not Hit for _, hit in block_hits):
                        reusable = False  # (a kind's own hit class: made afresh each time)
                    made_here.extend(self._block_findings(document, block, block_hits, settings,
                                                          decision.name, cache_key))
                else:
                    made_here.extend(self._made(document, block, block_hits, settings,
                                                decision.name))
            findings.extend(made_here)
            if reusable and run_key is not None and len(incomplete) == waited:
                self._keep_run(run_key, run[0].start, made_here)
        ctx = DocContext(document, decision, counts, profile, settings, self.lexicon, segmenter)
        if stop is not None and stop():
            raise CheckStopped
        for compiled in doc_rules:
            runner = compiled.module.run_document
            try:
                hits = list(runner(compiled.rule, compiled.prepared, ctx))
            except _Unsegmented:
                incomplete.append(None)
                continue
            for hit in hits:
                finding = self._finding(document, compiled.rule, settings, None, hit, decision.name)
                if finding:
                    findings.append(finding)
        # a rule may leave out documents by subject (一票否决 in a 安全生产 notice is kept by 第14条);
        # filtered here, after the per-paragraph cache, which does not know the title
        title = matching.normalize(document.title)
        findings = [f for f in findings if not self.rules[f.rule].rule.exempt_for(title)]
        if document.suppressions:  # the draft's own "wenfeng-disable" comments (.md)
            findings = [f for f in findings if not suppressed(document.suppressions, f)]
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return Report(document=document, doctype=decision, profile=profile.name, counts=counts,
                      limits=statuses, findings=tuple(findings)), not incomplete

    def warm_up(self) -> None:
        """Make now what checks would make on first use: the segmenter's dictionary and every
        rule's regex (compiled lazily when the lexicons come from the cache).  Called before
        forking workers, so that each does not repeat it."""
        self.segmenter.complete()
        for compiled in self.rules.values():
            matching.compile_lazy(compiled.prepared)

    def explain(self, rule_id: str) -> Rule:
        return self.rules[rule_id].rule

    def forget(self, texts: Iterable[str]) -> None:
        """Drop what is cached for these paragraph texts (results and word boundaries).  An
        editor calls it with the paragraphs an edit replaced: each keystroke makes the previous
        version of a paragraph garbage, and without this the caches would fill up with the
        history of the typing — memory climbing for thousands of keystrokes — instead of
        holding the documents open now."""
        norms = []
        with self._lock:
            for text in texts:
                for key in list(self._runs_of.get(text, ())):
                    self._forget_run(key)
                for key in self._keys_of.pop(text, ()):
                    old = self._cache.pop(key, None)
                    if old is not None:
                        self._cache_bytes -= _entry_bytes(text, old)
                    self._forget_findings(key)
                norms.append(matching.normalize(text))
        self.segmenter.forget(norms)

    def clear_caches(self) -> None:
        """Forget every per-paragraph result (the next check is a cold one; benchmarks use it)."""
        with self._lock:
            self._cache.clear()
            self._keys_of.clear()
            self._cache_bytes = 0
            self._findings.clear()
            self._findings_bytes = 0
            self._runs.clear()
            self._runs_of.clear()
            self._runs_bytes = 0
        self.segmenter.clear_cache()
        counting.clear_caches()
        matching.text_chars.cache_clear()
        matching.text_pairs.cache_clear()
        checks_registry.clear_caches()
        parts.clear_caches()

    # -- internals ----------------------------------------------------------------------------
    def _block_hits(self, block: Block, doctype: str, rules: list[CompiledRule],
                    cache_key: int, segmenter: Any = None,
                    incomplete: list | None = None) -> list[tuple[str, Hit]]:
        key = (block.kind, block.text, doctype, cache_key)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        ctx = BlockContext(block, segmenter or self.segmenter, doctype)
        result: list[tuple[str, Hit]] = []
        complete = True
        waits = isinstance(segmenter, _NoWait)  # check_now: slow tables are not waited for
        norm = ctx.norm
        chars = {True: text_chars(norm), False: text_chars(block.text)}
        for compiled in rules:  # (all of them apply to this kind of block)
            test = compiled.prefilter
            # the prefilter's test (Prefilter.rules_out), inlined: it runs ~100 times per paragraph
            if test is not None and test.chars.isdisjoint(chars[test.normalized]) and (
                    not test.pairs or test.pair_starts.isdisjoint(chars[test.normalized])
                    or test.pairs.isdisjoint(text_pairs(norm if test.normalized else block.text))):
                continue
            if waits and compiled.loads_slowly and not compiled.module.ready(compiled.prepared):
                complete = False  # its tables load after this (Engine.load): the rule waits
                with self._lock:
                    self._waited.add(compiled.rule.id)
                continue
            try:
                hits = list(compiled.module.run(compiled.rule, compiled.prepared, ctx))
            except _Unsegmented:  # check_now before jieba is ready: this rule waits
                complete = False
                continue
            result.extend((compiled.rule.id, hit) for hit in hits)
        result = self._drop_superseded(result)
        if not complete:
            if incomplete is not None:
                incomplete.append(block)
            return result  # a preview: never cached
        size = _entry_bytes(block.text, result)
        if size > _BLOCK_CACHE_BYTES:
            return result  # larger than the whole cache: computed, not kept
        with self._lock:
            old = self._cache.pop(key, None)
            if old is not None:
                self._cache_bytes -= _entry_bytes(block.text, old)
            self._cache[key] = result
            self._keys_of.setdefault(block.text, set()).add(key)
            self._cache_bytes += size
            while len(self._cache) > _BLOCK_CACHE_SIZE or self._cache_bytes > _BLOCK_CACHE_BYTES:
                old_key, value = self._cache.popitem(last=False)
                text = old_key[1]
                self._cache_bytes -= _entry_bytes(text, value)
                self._forget_findings(old_key)
                keys = self._keys_of.get(text)
                if keys is not None:
                    keys.discard(old_key)
                    if not keys:
                        del self._keys_of[text]
        return result

    def _keep_run(self, key: tuple, start: int, made: list[Finding]) -> None:
        """Keep the findings of a run of paragraphs (made at ``start``) for the next check."""
        with self._lock:
            self._forget_run(key)
            self._runs[key] = (start, made)
            for text in key[0]:
                self._runs_of.setdefault(text, set()).add(key)
            self._runs_bytes += _FINDING_BYTES * len(made) + _RUN_BYTES
            while len(self._runs) > _RUNS_SIZE or self._runs_bytes > _RUNS_BYTES:
                self._forget_run(next(iter(self._runs)))

    def _forget_run(self, key: tuple) -> None:
        """Drop a kept run (the caller holds the lock)."""
        kept = self._runs.pop(key, None)
        if kept is None:
            return
        self._runs_bytes -= _FINDING_BYTES * len(kept[1]) + _RUN_BYTES
        for text in key[0]:
            keys = self._runs_of.get(text)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._runs_of[text]

    def _settings_id(self, cache_key: tuple) -> int:
        with self._lock:
            number = self._settings_ids.get(cache_key)
            if number is None:
                number = self._settings_ids[cache_key] = self._next_settings_id
                self._next_settings_id += 1
                if len(self._settings_ids) > 64:  # (the entries of a dropped one age out)
                    self._settings_ids.popitem(last=False)
            return number

    def _block_findings(self, document: Document, block: Block, hits: list[tuple[str, Hit]],
                        settings: Settings, doctype: str, cache_key: int) -> list[Finding]:
        """The findings of a paragraph's (cached) ``hits``: as made last time when the
        paragraph has not moved, shifted when it has (an edit above it), made afresh otherwise.
        Only for a paragraph without an offset map, under settings without ignores."""
        key = (block.kind, block.text, doctype, cache_key)
        with self._lock:
            kept = self._findings.get(key)
            if kept is not None:
                self._findings.move_to_end(key)
        if kept is not None and kept[0] is hits:
            if kept[1] == block.start:
                return kept[2]
            made = [_shifted(f, block.start - kept[1]) for f in kept[2]]
        elif any(type(hit) is not Hit for _, hit in hits):
            # (a kind's own hit class: made afresh each time)
            return self._made(document, block, hits, settings, doctype)
        else:
            made = self._made(document, block, hits, settings, doctype)
        with self._lock:
            if key in self._cache:  # (not for a preview check_now did not cache)
                self._forget_findings(key)
                self._findings[key] = (hits, block.start, made)
                self._findings_bytes += _FINDING_BYTES * len(made) + 200
                while (len(self._findings) > _FINDINGS_MEMO_SIZE
                       or self._findings_bytes > _FINDINGS_MEMO_BYTES):
                    self._forget_findings(next(iter(self._findings)))
        return made

    def _made(self, document: Document, block: Block, hits: list[tuple[str, Hit]],
              settings: Settings, doctype: str) -> list[Finding]:
        """The findings of a paragraph's hits, made afresh."""
        return [f for rule_id, hit in hits if (f := self._finding(
            document, self.rules[rule_id].rule, settings, block, hit, doctype))]

    def _forget_findings(self, key: tuple) -> None:
        """Drop the findings kept for a cache key (the caller holds the lock)."""
        kept = self._findings.pop(key, None)
        if kept is not None:
            self._findings_bytes -= _FINDING_BYTES * len(kept[2]) + 200

    def _drop_superseded(self, result: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
        """A paragraph-level finding (e.g. S302 套话过密) replaces the per-term findings of the
        rules it names in ``supersedes`` (S301) inside that paragraph: one finding, not ten."""
        superseded = {sid for rule_id, _ in result
                      for sid in self.rules[rule_id].rule.params.get("supersedes", ())}
        if not superseded:
            return result
        return [(rule_id, hit) for rule_id, hit in result if rule_id not in superseded]

    def _finding(self, document: Document, rule: Rule, settings: Settings,
                 block: Block | None, hit: Hit | DocHit, doctype: str) -> Finding | None:
        if block is not None:
            start, end = block.source_span(hit.start, hit.end)
            found = block.text[hit.start:hit.end]
            contiguous = block.is_contiguous(hit.start, hit.end)
        else:
            start, end = hit.start, hit.end
            found = hit.fields.get("found", document.text[start:end])
            contiguous = True
        if found in settings.allowlist:
            return None
        if settings.ignores and (
                (rule.id, fingerprint(document, rule.id, start, end)) in settings.ignores):
            return None
        fields: dict[str, Any] = {"found": found, "doctype": doctype, "saves": 0, **hit.fields}
        replacement = hit.replacement
        if replacement is not None:  # a fix in a traditional-character text stays traditional
            replacement = match_script(replacement, found)
        fixes: list[Fix] = []
        if replacement is not None and contiguous:
            saves = counting.word_count(document.text[start:end]) - counting.word_count(replacement)
            fields.update(expected=replacement, saves=saves)
            action = f"删除“{found}”" if replacement == "" else f"将“{found}”改为“{replacement}”"
            tail = f"（减少 {saves} 字）" if saves > 0 else ""
            fixes.append(Fix(start, end, replacement, title=action + tail, safe=rule.fix_safe))
        for fix_start, fix_end, text in getattr(hit, "fixes", ()):
            fixes.append(Fix(fix_start, fix_end, text, title=f"改为“{text}”", safe=rule.fix_safe))
        level = getattr(hit, "level", None) or settings.level_for(rule.id, rule.level)
        if isinstance(level, str):
            level = Level.parse(level)
        return Finding(
            rule=rule.id, level=level, start=start, end=end,
            message=render(rule.message if fields.get("saves", 0) > 0
                           else _SAVES_NOTE.sub("", rule.message), fields),
            source=rule.source, fixes=tuple(fixes),
            link=rule.link, group=rule.group,
            document_level=bool(getattr(hit, "document_level", False)),
            # a document-level span (the text past a length limit) can be thousands of 字; it is
            # not repeated in the data every editor message carries (the message says it all)
            data={"found": "" if getattr(hit, "document_level", False)
                  and len(found) > _FOUND_IN_DATA else found,
                  **({"expected": replacement} if replacement is not None else {}),
                  "saves": fields.get("saves", 0)},
        )


def _compile(extra_lexicons: tuple) -> tuple[Lexicon, dict[str, Any], list]:
    """Load and prepare the lexicons: ``(lexicon, rule id → prepared, user dictionary words)``
    — what :mod:`.lexicon_cache` keeps on disk."""
    lexicon = load_lexicon(extra_lexicons)
    prepared: dict[str, Any] = {}
    words: list[tuple[str, int | None]] = list(lexicon.dict_words)
    for rule in lexicon.rules.values():
        module = MODULES[rule.kind]
        try:
            prepared[rule.id] = module.prepare(rule, lexicon)
        except ValueError as exc:
            raw = Path(rule.file).read_text(encoding="utf-8")
            key = getattr(exc, "key", "kind")
            raise LexiconError(str(exc), path=rule.file, line=key_line(raw, rule.id, key),
                               key=f"{rule.id}.{key}") from None
        if rule.boundary == "token":
            words.extend((w, None) for w in module.dict_words(prepared[rule.id]))
    return lexicon, prepared, words


def _shifted(finding: Finding, delta: int) -> Finding:
    """``finding`` moved by ``delta`` code points (its paragraph moved)."""
    return Finding(
        rule=finding.rule, level=finding.level, start=finding.start + delta,
        end=finding.end + delta, message=finding.message, source=finding.source,
        fixes=tuple(Fix(f.start + delta, f.end + delta, f.replacement, f.title, f.safe)
                    for f in finding.fixes),
        link=finding.link, group=finding.group, document_level=finding.document_level,
        data=finding.data)


#: Paragraphs per run whose findings are kept together, and how many runs (and bytes: a run's
#: findings, plus its key) are kept: about 100 long documents' worth, a few MB.
_RUN = 32
_RUNS_SIZE = 4096
_RUNS_BYTES = 4_000_000
_RUN_BYTES = 600
_TEXT = attrgetter("text")
_KIND = attrgetter("kind")
_START = attrgetter("start")
_OFFSETS = attrgetter("offsets")


def _run_key(run: tuple[Block, ...], doctype: str, fmt: str, settings_id: int) -> tuple | None:
    """What the findings of a run of paragraphs depend on: their texts and kinds, where each
    starts relative to the first, the 文种, the format and the settings (None when a paragraph
    has an offset map: its findings are made afresh).  Built by ``map`` in C — it is made for
    every run of the document on every keystroke."""
    if tuple(map(_OFFSETS, run)).count(None) != len(run):
        return None
    first = run[0].start
    return (tuple(map(_TEXT, run)), tuple(map(_KIND, run)),
            tuple(map(sub, map(_START, run), repeat(first, len(run)))), doctype, fmt, settings_id)


class CheckStopped(Exception):
    """A check ended early because its ``stop`` said so (its result would not be read)."""


class _Unsegmented(Exception):
    """A rule needed token boundaries that ``check_now`` could not have without waiting."""


class _NoWait:
    """The segmenter as ``check_now`` sees it: boundaries already known, or none yet."""

    def __init__(self, segmenter: Segmenter) -> None:
        self._segmenter = segmenter

    def boundaries(self, text: str) -> frozenset[int]:
        known = self._segmenter.cached(text)
        if known is not None:
            return known
        if not self._segmenter.ready:
            raise _Unsegmented
        return self._segmenter.boundaries(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._segmenter, name)


_ENGINES: dict[tuple[str, ...], Engine] = {}
_ENGINES_LOCK = threading.Lock()


def forget_paragraphs(texts: Iterable[str]) -> None:
    """:meth:`Engine.forget` in every engine made so far."""
    with _ENGINES_LOCK:
        engines = list(_ENGINES.values())
    texts = list(texts)
    for engine in engines:
        engine.forget(texts)


def complete_dictionaries() -> None:
    """Load the whole segmentation dictionary in every engine made so far (a server, once its
    first complete result is out: no later keystroke then pays for it; see ``segment``)."""
    with _ENGINES_LOCK:
        engines = list(_ENGINES.values())
    for engine in engines:
        engine.segmenter.complete()


def get_engine(extra_lexicons: Iterable[str] = (), *, reload: bool = False) -> Engine:
    """A shared engine per set of extra lexicon folders (compiled once per process)."""
    key = tuple(str(p) for p in extra_lexicons)
    with _ENGINES_LOCK:
        if reload or key not in _ENGINES:
            _ENGINES[key] = Engine(key)
        return _ENGINES[key]
