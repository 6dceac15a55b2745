"""When checks run and which results reach the editor.

Edits are debounced per document; checks run in a thread pool, at most one per document at a
time: an edit arriving while its document is being checked leaves one *pending* check, which
starts when the running one ends and reads the document as it is then — so however fast the
typing, outdated versions are never checked (only the newest one is).  A result is delivered
only if no newer one has been delivered for that document and the document still has the text it
was computed for — so fast typing never leaves squiggles from an older version on screen.
Requests that need the current result (pull diagnostics, hover, code lens, commands) await it
here instead of sleeping.  Pure asyncio: no pygls.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from typing import Callable

from .snapshot import CheckResult, Snapshot

log = logging.getLogger(__name__)


class Scheduler:
    """Debounced, ordered checks per document URI."""

    def __init__(self, executor: Executor,
                 snapshot_of: Callable[[str], Snapshot | None],
                 run: Callable[[Snapshot], CheckResult],
                 deliver: Callable[[CheckResult], None],
                 is_current: Callable[[Snapshot, bool], bool]) -> None:
        self._executor = executor
        self._snapshot_of = snapshot_of      # None when the document is not (or no longer) checked
        self._run = run
        self._deliver = deliver
        self._is_current = is_current        # (snapshot, same settings generation required?)
        self._timers: dict[str, asyncio.Task[None]] = {}
        self._running: dict[str, tuple[Snapshot, asyncio.Future[CheckResult]]] = {}  # the latest
        # per document, the one check to start when its running check ends (snapshot taken then)
        self._pending: dict[str, asyncio.Future[CheckResult]] = {}
        self._inflight: set[asyncio.Future[CheckResult]] = set()  # every check not yet handled
        self._delivered: dict[str, int] = {}
        self._latest: dict[str, CheckResult] = {}

    def schedule(self, uri: str, delay: float, force: bool = False) -> None:
        """Check ``uri`` after ``delay`` seconds of quiet (0: now).  Unless ``force``d, nothing
        starts when the latest or running check already covers the document as it is."""
        self._cancel_timer(uri)
        if not force and self._covered(uri):
            return
        if delay <= 0:
            self._start(uri)
        else:
            self._timers[uri] = asyncio.get_running_loop().create_task(self._after(uri, delay))

    def forget(self, uri: str) -> None:
        """The document closed: drop its timer and results (running checks are discarded)."""
        self._cancel_timer(uri)
        self._running.pop(uri, None)
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._delivered.pop(uri, None)
        self._latest.pop(uri, None)

    def busy(self) -> bool:
        """Whether a check is due or under way (read from other threads: a snapshot answer)."""
        return bool(self._inflight or self._timers)

    def latest(self, uri: str) -> CheckResult | None:
        return self._latest.get(uri)

    def provisional(self) -> list[str]:
        """Documents whose latest delivered result is provisional (``complete`` is False)."""
        return [uri for uri, result in self._latest.items() if not result.complete]

    async def settled(self) -> None:
        """Wait until every check started so far has finished and been delivered or dropped."""
        while self._inflight:
            await asyncio.wait(list(self._inflight))

    async def current(self, uri: str, *, flush: bool = True) -> CheckResult | None:
        """The result for the document as it is now, under the current settings.

        ``flush`` starts a pending debounced check at once; otherwise the debounce is awaited.
        """
        for _ in range(8):  # each round waits for a newer check; edits may keep coming
            latest = self._latest.get(uri)
            if latest and self._is_current(latest.snapshot, True) and (
                    latest.complete or not self._running_current(uri)):
                return latest  # (a provisional result only while no re-check is under way)
            timer = self._timers.get(uri)
            if timer and not flush:
                await asyncio.wait([timer])
                continue
            self._cancel_timer(uri)
            running = self._running.get(uri)
            future = (running[1] if running is not None and self._is_current(running[0], True)
                      else self._start(uri))
            if future is None:
                return None
            await asyncio.wait([future])
            if not future.cancelled() and future.exception() is None:
                result = future.result()
                if self._is_current(result.snapshot, True):
                    return result
        return self._latest.get(uri)

    # -- internals ----------------------------------------------------------------------------
    def _covered(self, uri: str) -> bool:
        latest = self._latest.get(uri)
        return bool((latest and self._is_current(latest.snapshot, True))
                    or self._running_current(uri))

    def _running_current(self, uri: str) -> bool:
        running = self._running.get(uri)
        return bool(running and self._is_current(running[0], True))

    def _cancel_timer(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer:
            timer.cancel()

    async def _after(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if self._timers.get(uri) is asyncio.current_task():
            del self._timers[uri]
        self._start(uri)

    def _start(self, uri: str) -> asyncio.Future[CheckResult] | None:
        running = self._running.get(uri)
        if running is not None and not running[1].done():
            # one check per document at a time: this one starts when the running one ends
            pending = self._pending.get(uri)
            if pending is None:
                pending = asyncio.get_running_loop().create_future()
                self._pending[uri] = pending
                self._inflight.add(pending)
                pending.add_done_callback(self._inflight.discard)
            return pending
        snapshot = self._snapshot_of(uri)
        if snapshot is None:
            return None
        future = asyncio.get_running_loop().run_in_executor(self._executor, self._run, snapshot)
        self._running[uri] = (snapshot, future)
        self._inflight.add(future)
        future.add_done_callback(lambda f: self._finished(uri, f))
        return future

    def _finished(self, uri: str, future: asyncio.Future[CheckResult]) -> None:
        self._inflight.discard(future)
        running = self._running.get(uri)
        if running and running[1] is future:
            del self._running[uri]
        try:
            self._deliver_if_newest(uri, future)
        finally:
            self._start_pending(uri)

    def _start_pending(self, uri: str) -> None:
        """The running check of ``uri`` ended: start its pending one, on the document as it is
        now (every version typed meanwhile is skipped)."""
        pending = self._pending.pop(uri, None)
        if pending is None or pending.done():
            return
        latest = self._latest.get(uri)
        if latest is not None and self._is_current(latest.snapshot, True):
            pending.set_result(latest)  # the check that just ended covers the document as it is
            return
        started = self._start(uri)
        if started is None:
            pending.cancel()
            return

        def relay(done: asyncio.Future[CheckResult]) -> None:
            if pending.done():
                return
            if done.cancelled():
                pending.cancel()
            elif (exc := done.exception()) is not None:
                pending.set_exception(exc)
            else:
                pending.set_result(done.result())
        started.add_done_callback(relay)

    def _deliver_if_newest(self, uri: str, future: asyncio.Future[CheckResult]) -> None:
        if future.cancelled():
            return
        if (exc := future.exception()) is not None:
            log.error("检查 %s 失败：%r", uri, exc)
            return
        result = future.result()
        if result.stopped:
            return  # ended early: the document had changed (a newer check follows)
        ticket = result.snapshot.ticket
        if ticket <= self._delivered.get(uri, 0) or not self._is_current(result.snapshot, False):
            return  # a newer result is out, or the text changed since: never publish stale
        self._delivered[uri] = ticket
        self._latest[uri] = result
        self._deliver(result)
