"""The wenfeng language server: its state and the few operations every handler builds on.

:class:`WenfengServer` holds the editor settings layers, the stored per-document choices
(:mod:`.state`) and the check :class:`~.scheduler.Scheduler`; the LSP handlers live in
:mod:`.handlers` and stay a few lines each.  :func:`create_server` makes one (a fresh
instance per call); ``run()`` is what ``wenfeng serve`` calls.

Start-up is ordered for the first diagnostics: ``initialize`` is answered before the engine is
imported, while the lexicons (cached compiled, see :mod:`wenfeng.rules.lexicon_cache`) and the
segmenter's dictionary load in the background.  With rjieba the dictionary takes about 0.1 s, so
the first check simply waits for it, and for the typo engine's tables when they are in the cache
folder (milliseconds to open).  Checks made before those tables are built (the first run on a
machine, about a second and a half) — and, with jieba (about a second, holding the GIL), before
its dictionary is loaded — are provisional (see :mod:`.checking`): the other rules' findings are
published at once, the tables (and jieba's dictionary) are loaded only after the first result has
been delivered, then every provisional result is re-checked.  An empty provisional result is
not published: a draft is never shown clean before the typo rules have read it.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import FeatureRequestError
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from .. import __version__
from ..config import CONFIG_NAME
from ..editor_state import DocumentState
from ..segment import loads_quickly
from . import codecache
from .converter import lazy_converter, resolve_all
from .handlers import register_all
from .protocol import STATS, WenfengProtocol
from .scheduler import Scheduler
from .settings import (
    SECTION,
    ConfigFiles,
    EditorLayer,
    checked_language,
    editor_options,
    parse_layer,
)
from .snapshot import CheckResult, Snapshot
from .stats import lens_text
from .trim import PlanCache
from .uris import key_of, state_key
from .workspace import LspTextDocument

log = logging.getLogger("wenfeng.lsp")

CONFIG_TIMEOUT = 5.0  # seconds to wait for a workspace/configuration answer
FIRST_RESULT_WAIT = 10.0  # seconds start-up waits for a first result before it ends anyway
PAUSE = 0.5  # seconds without a check: the user has stopped typing (start-up's last work)
PAUSE_WAIT = 30.0  # seconds start-up's last work waits for such a pause at most


class WenfengServer(LanguageServer):
    """State kept across requests; everything slow happens in ``self.checks`` (a thread pool)."""

    def __init__(self, choices: DocumentState | None = None,
                 checks: ThreadPoolExecutor | None = None) -> None:
        super().__init__("wenfeng", __version__, protocol_cls=WenfengProtocol,
                         converter_factory=lazy_converter,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        # 文种 choices and ignores: on disk, unless the caller keeps them elsewhere
        self.choices = choices if choices is not None else DocumentState()
        self.config_files = ConfigFiles()           # wenfeng.toml, cached by mtime
        self.init_layer = EditorLayer()             # initializationOptions
        self.client_layer: EditorLayer | None = None    # workspace/configuration (global) or pushed
        self.scoped_layers: dict[str, EditorLayer] = {}  # workspace/configuration per document
        self.pull = False                           # client pulls diagnostics (refreshable)
        self.generation = 0                         # bumped when settings or choices change
        self._tickets = itertools.count(1)
        self._shown: set[str] = set()
        self._lenses: dict[str, str] = {}
        self._parsed: dict[str, Any] = {}           # the latest Document read of each buffer
        self.trim_plans = PlanCache()               # 压到限额 plans of recent check results
        # the check threads: this server's own, or a pool shared by many sessions (not ours
        # to shut down)
        self._own_checks = checks is None
        self.checks = checks or ThreadPoolExecutor(max_workers=2,
                                                   thread_name_prefix="wenfeng-check")
        # the typo tables (and jieba) not loaded yet: checks are provisional (rjieba loads at
        # once: checks wait for it)
        self.starting = True
        self._loading = False                       # jieba's dictionary, typo tables loading
        self.one_of_many = False  # one of many sessions in this process (TCP): never gc.freeze
        self._loaded = asyncio.Event()              # set when a load has finished
        self._first_result = threading.Event()      # set when the first result is delivered
        self._settled = threading.Event()  # set when start-up's re-checks are delivered
        self._last_check = 0.0  # time.monotonic() when a check last started or ended
        self.scheduler = Scheduler(self.checks, self.snapshot, self._run_check, self.deliver,
                                   self.is_current)

    # -- client facts ---------------------------------------------------------------------------
    def supports(self, capability: str) -> bool:
        return bool(get_capability(self.client_capabilities, capability, False))

    @property
    def versioned_edits(self) -> bool:
        """Whether workspace edits may name the document version (``documentChanges``)."""
        return self.supports("workspace.workspace_edit.document_changes")

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """To the client's log (window/logMessage) and stderr — never stdout."""
        log.log(logging.WARNING if kind <= types.MessageType.Warning else logging.INFO, message)
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source) -> None:
        """pygls's hook for errors outside a request: log them (a bad message from the client
        is not something to pop up at the user); request errors are already in the answer."""
        if source is not FeatureRequestError:
            self.log(f"内部错误：{error!r}", types.MessageType.Error)

    def warn_once(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """Tell the user (window/showMessage) — once per message until settings change."""
        if message in self._shown:
            return
        self._shown.add(message)
        self.log(message, kind)
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"文风：{message}"))

    # -- documents ------------------------------------------------------------------------------
    def document(self, uri: str) -> TextDocument | None:
        """An open document, or None (never pygls's disk-backed stand-in for unknown URIs)."""
        return self.workspace.text_documents.get(key_of(uri))

    def layers(self, uri: str) -> tuple[EditorLayer, ...]:
        client = self.scoped_layers.get(key_of(uri)) or self.client_layer or EditorLayer()
        return (self.init_layer, client)

    def checked(self, doc: TextDocument) -> bool:
        return checked_language(doc.language_id, editor_options(self.layers(doc.uri))[1])

    def snapshot(self, key: str) -> Snapshot | None:
        doc = self.workspace.text_documents.get(key)
        if doc is None or not self.checked(doc):
            return None
        path = to_fs_path(doc.uri) if doc.uri.startswith("file:") else None
        skey = state_key(doc.uri)
        return Snapshot(uri=doc.uri, version=doc.version, text=doc.source, path=path,
                        language_id=doc.language_id, layers=self.layers(doc.uri),
                        doctype=self.choices.doctype(skey), ignores=self.choices.ignores(skey),
                        codec=doc.position_codec, ticket=next(self._tickets),
                        generation=self.generation,
                        lines=doc.lines if isinstance(doc, LspTextDocument) else None)

    def is_current(self, snapshot: Snapshot, same_generation: bool) -> bool:
        doc = self.document(snapshot.uri)
        return (doc is not None and doc.version == snapshot.version and doc.source == snapshot.text
                and (not same_generation or snapshot.generation == self.generation))

    def _run_check(self, snapshot: Snapshot) -> CheckResult:
        from .checking import check  # the engine loads here, off the event loop

        key = key_of(snapshot.uri)
        self._last_check = time.monotonic()
        try:
            result = check(snapshot, self.config_files, provisional=self.starting,
                           previous=self._parsed.get(key),
                           stop=lambda: not self.is_current(snapshot, False))
        finally:
            self._last_check = time.monotonic()
        if result.document is not None and self.document(snapshot.uri) is not None:
            self._parsed[key] = result.document  # the next check re-reads only changes
        # (bench/run.py counts these lines: checks finished and stopped while typing)
        log.debug("检查 %s 第 %s 版：%s", key, snapshot.version,
                  "中止（已有新版本）" if result.stopped else "完成")
        return result

    def schedule(self, uri: str, *, now: bool = False, force: bool = False) -> None:
        """Check ``uri`` after the debounce (or ``now``); ``force`` even if a check of this very
        text under these settings is done or under way (files on disk may have changed)."""
        debounce_ms = editor_options(self.layers(uri))[0]
        self.scheduler.schedule(key_of(uri), 0 if now else debounce_ms / 1000, force=force)

    async def current(self, uri: str, *, flush: bool = True,
                      complete: bool = True) -> CheckResult | None:
        """The check result for the document as it is now (awaits a running or due check);
        unless ``complete`` is False, a provisional start-up result is awaited past, too."""
        result = await self.scheduler.current(key_of(uri), flush=flush)
        for _ in range(3):
            if not complete or result is None or result.complete:
                break
            self.load_segmenters()  # (already under way, normally)
            await self._loaded.wait()
            result = await self.scheduler.current(key_of(uri), flush=True)
        return result if result is not None and result.report is not None else None

    def closed(self, uri: str) -> None:
        self.scheduler.forget(key_of(uri))
        self._lenses.pop(key_of(uri), None)
        self._parsed.pop(key_of(uri), None)
        self.scoped_layers.pop(key_of(uri), None)
        if not self.pull:
            self.publish(uri, None, [])

    def recheck_all(self, *, force: bool = True) -> None:
        """Re-check open documents: all of them (settings or lexicons changed), or without
        ``force`` those whose last check predates the current settings generation."""
        if force:
            self.generation += 1
            self.config_files.forget()
        self._shown.clear()
        for key, doc in list(self.workspace.text_documents.items()):
            if self.checked(doc):
                self.scheduler.schedule(key, 0)  # skipped where the latest check is current
            elif self.scheduler.latest(key) is not None:  # no longer checked: clear it
                self.scheduler.forget(key)
                if not self.pull:
                    self.publish(doc.uri, doc.version, [])
        if self.pull:
            self.workspace_diagnostic_refresh(None)

    def recheck(self, uri: str) -> None:
        """A stored choice of one document changed."""
        self.generation += 1
        self.schedule(uri, now=True)
        if self.pull:
            self.workspace_diagnostic_refresh(None)

    # -- results ----------------------------------------------------------------------------------
    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def deliver(self, result: CheckResult) -> None:
        """A fresh result: diagnostics (push clients), stats, lens refresh, problems."""
        self._first_result.set()
        for problem in result.problems:
            self.warn_once(problem)
        if result.error is not None:
            self.warn_once(f"无法检查：{result.error}", types.MessageType.Error)
        else:
            self._show(result)
        if self.starting or not result.complete:  # the first result is out: now load the rest
            self.load_segmenters()
        elif not self._settled.is_set():  # (set last: the loader then freezes, holding the GIL)
            self._settled.set()

    def _show(self, result: CheckResult) -> None:
        snap = result.snapshot
        if not self.pull and (result.complete or result.diagnostics):
            self.publish(snap.uri, snap.version, result.diagnostics)
        self.protocol.notify(STATS, result.stats)
        assert result.report is not None  # no report only with an error, handled above
        lens = lens_text(result.report)
        if self._lenses.get(key_of(snap.uri)) != lens:
            self._lenses[key_of(snap.uri)] = lens
            if self.supports("workspace.code_lens.refresh_support"):
                self.workspace_code_lens_refresh(None)

    # -- settings ---------------------------------------------------------------------------------
    def parse(self, raw: Any, origin: str) -> EditorLayer:
        layer = parse_layer(raw, origin, base_dir=self.workspace.root_path)
        for error in layer.errors:
            self.warn_once(error)
        return layer

    async def fetch_configuration(self, uris: list[str]) -> None:
        """Ask the client for the ``wenfeng`` section, globally and for each document."""
        if not self.supports("workspace.configuration"):
            return
        items = [types.ConfigurationItem(section=SECTION)]
        items += [types.ConfigurationItem(scope_uri=u, section=SECTION) for u in uris]
        try:
            answers = await asyncio.wait_for(self.workspace_configuration_async(
                types.ConfigurationParams(items=items)), CONFIG_TIMEOUT)
        except Exception as exc:  # a client that cannot answer: keep what we have
            self.log(f"workspace/configuration 未得到回答：{exc!r}", types.MessageType.Warning)
            return
        answers = list(answers or []) + [None] * len(items)
        before = (self.client_layer, dict(self.scoped_layers))
        self.client_layer = self.parse(answers[0], "编辑器设置 wenfeng")
        for uri, answer in zip(uris, answers[1:]):
            self.scoped_layers[key_of(uri)] = self.parse(answer, "编辑器设置 wenfeng")
        if (self.client_layer, self.scoped_layers) != before:
            self.generation += 1

    def receive_pushed(self, settings: Any) -> None:
        """``workspace/didChangeConfiguration`` settings, for clients that cannot be asked."""
        if self.supports("workspace.configuration"):
            return
        if isinstance(settings, dict) and isinstance(settings.get(SECTION), dict):
            self.client_layer = self.parse(settings[SECTION], "编辑器设置 wenfeng")

    # -- start-up ---------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the built-in lexicons in the background (the first check waits for them if it
        comes sooner), and a fast segmenter's dictionary with them.  jieba's dictionary is left
        for :meth:`load_segmenters`: loading it holds the GIL for about a second, which would
        stall the first check.  Start-up ends once the first result is out (or after
        :data:`FIRST_RESULT_WAIT`): the code cache is written; the garbage collector is turned
        back on and the start-up objects frozen by :meth:`load_segmenters` once the typo tables
        are loaded (or here, when no result came) — none of it while the first check runs."""
        quick = loads_quickly()

        def warm() -> None:
            started = time.perf_counter()
            try:
                from ..rules.engine import get_engine

                engine = get_engine(())
                if quick:
                    engine.segmenter.initialize()
                log.info("词库 %.2f s", time.perf_counter() - started)
            except Exception as exc:  # reported again, to the user, by the first check
                log.warning("预热失败：%s", exc)
            delivered = False
            if not self.one_of_many:  # (a session that ends must not be held by this thread)
                delivered = self._first_result.wait(FIRST_RESULT_WAIT)
            codecache.finish()
            if not delivered:  # (else the loader the first result started finishes start-up)
                if quick:
                    self.freeze_start_up_objects()
                gc.enable()
        threading.Thread(target=warm, name="wenfeng-warm-up", daemon=True).start()

    def freeze_start_up_objects(self) -> None:
        """gc.freeze() what start-up made — unless this server is one of many sessions in the
        process (TCP): a freeze would then pin this session's objects after it ends."""
        if not self.one_of_many:
            _freeze_start_up_objects()

    def load_segmenters(self) -> None:
        """Load jieba's dictionary and the typo tables in the background (once a first result is
        out), then end the start-up phase and re-check every document whose result was
        provisional."""
        if self._loading:
            return
        self._loading = True
        self._loaded.clear()
        loop = asyncio.get_running_loop()

        def load() -> None:
            started = time.perf_counter()
            try:
                from .checking import load_segmenters

                load_segmenters()
                log.info("分词词典、错别字表 %.2f s", time.perf_counter() - started)
            finally:
                try:
                    loop.call_soon_threadsafe(self._segmenters_loaded)
                except RuntimeError:  # the loop is closed (the server stopped): no one to tell
                    pass
                # the full collection of a freeze holds the GIL: not while the re-checks run,
                # and not while the user types (a keystroke would wait for it)
                if not self.one_of_many:
                    self._settled.wait(FIRST_RESULT_WAIT)
                    self._wait_for_a_pause()
                try:  # (the first checks made do with part of the dictionary)
                    from ..rules.engine import complete_dictionaries

                    complete_dictionaries()
                except Exception as exc:  # noqa: BLE001 - a partial one stays correct
                    log.warning("未能加载完整分词词典：%s", exc)
                self.freeze_start_up_objects()
                gc.enable()
        threading.Thread(target=load, name="wenfeng-jieba", daemon=True).start()

    def _wait_for_a_pause(self) -> None:
        """Block (a background thread) until no check has run for :data:`PAUSE` seconds, or at
        most :data:`PAUSE_WAIT`: start-up's last heavy work (the rest of the dictionary, the
        collection before ``gc.freeze``) then falls between keystrokes, not on one."""
        deadline = time.monotonic() + PAUSE_WAIT
        while (now := time.monotonic()) < deadline:
            quiet = now - self._last_check
            if quiet >= PAUSE and not self.scheduler.busy():
                return
            time.sleep(max(0.05, PAUSE - quiet))

    def _segmenters_loaded(self) -> None:
        self.starting = False  # from now on checks wait (for an engine loaded later)
        self._loading = False
        if self._stop_event is not None and self._stop_event.is_set():
            self._loaded.set()
            return  # the session ended while jieba loaded: nothing left to re-check
        provisional = self.scheduler.provisional()
        if not provisional:
            self._settled.set()
        for key in provisional:
            self.scheduler.schedule(key, 0, force=True)
        self._loaded.set()
        if provisional and self.pull:
            self.workspace_diagnostic_refresh(None)

    async def reload_lexicons(self) -> int:
        """Re-read the lexicons off the event loop; report failures; the rule count."""
        from .checking import reload_lexicons

        loop = asyncio.get_running_loop()
        count, problems = await loop.run_in_executor(self.checks, reload_lexicons)
        for problem in problems:
            self.warn_once(problem, types.MessageType.Error)
        return count

    async def watch_config_files(self) -> None:
        """Have the client tell us when a wenfeng.toml changes (if it can)."""
        if not self.supports("workspace.did_change_watched_files.dynamic_registration"):
            return
        watcher = types.FileSystemWatcher(glob_pattern="**/" + CONFIG_NAME)
        registration = types.Registration(
            id="wenfeng-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[watcher]))
        try:
            await self.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception as exc:
            self.log(f"无法监视 {CONFIG_NAME}：{exc!r}", types.MessageType.Warning)

    def shutdown(self) -> None:
        if self._own_checks:
            self.checks.shutdown(wait=False, cancel_futures=True)
        super().shutdown()

    def end_session(self) -> None:
        """A TCP or WebSocket connection closed: stop this session's timers and checks (other
        sessions and the listening socket are untouched)."""
        for key in list(self.workspace.text_documents) if self.protocol._workspace else ():
            self.scheduler.forget(key)
        if self._own_checks:
            self.checks.shutdown(wait=False, cancel_futures=True)
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool:
            self._thread_pool.shutdown(wait=False)
        # pygls memoises get_message_type/get_result_type with lru_cache on the method, which
        # keys on (and so keeps alive) every protocol — and its server — that ever asked
        for name in ("get_message_type", "get_result_type"):
            clear = getattr(getattr(type(self.protocol), name, None), "cache_clear", None)
            if clear is not None:
                clear()


def _freeze_start_up_objects() -> None:
    """Move what start-up made (compiled rules, a dictionary, imported modules) out of the
    garbage collector's sight: they live as long as the server, and without this every full
    collection walks them again — a 50–70 ms stall every few dozen keystrokes.  Once per
    process: a later freeze would pin the sessions (TCP, web) that have ended since."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    resolve_all()  # (the protocol classes no message has needed yet, frozen with the rest)
    gc.collect()
    gc.freeze()
    gc.enable()


_frozen = False


def create_server(*, choices: DocumentState | None = None,
                  checks: ThreadPoolExecutor | None = None) -> WenfengServer:
    """A fresh language server with every handler registered.  Each call makes an independent
    instance (its own settings, scheduler, thread pool and caches of open documents); only the
    compiled lexicons and the stored per-document choices on disk are shared.

    ``choices`` replaces the on-disk store of 文种 choices and ignores (``wenfeng web`` keeps
    each page's in memory); ``checks`` is a thread pool shared with other sessions in the
    process, which this server uses but never shuts down."""
    server = WenfengServer(choices, checks)
    register_all(server)
    return server


def run(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> int:
    """LSP over stdio (or TCP) until the client says exit; ``wenfeng serve`` calls it through
    :func:`.launch.serve`."""
    level = os.environ.get("WENFENG_LOG", "WARNING").upper()
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, level, logging.WARNING),
                        format="wenfeng %(levelname)s %(name)s: %(message)s")
    from .transport import serve_stdio, serve_tcp

    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol stream
    if tcp:
        gc.enable()  # (off since launch.py) sessions come and go, never frozen
        return serve_tcp(create_server, host, port)
    code = serve_stdio(create_server(), sys.stdin.buffer, protocol_out)
    # exit (or the editor gone): end now — a check still running in a worker thread would
    # otherwise keep the process alive, as an orphan, until it finishes
    sys.stderr.flush()
    os._exit(code)
