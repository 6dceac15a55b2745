"""The check scheduler on its own: debounce, and no older result ever delivered over a newer
one — with the order in which checks finish forced by the test."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from pygls.workspace.position_codec import PositionCodec

from wenfeng.lsp.scheduler import Scheduler
from wenfeng.lsp.snapshot import CheckResult, Snapshot


class Editor:
    """One document whose version the test moves on; checks wait for the test's go-ahead."""

    def __init__(self) -> None:
        self.version = 1
        self.tickets = 0
        self.gates: dict[int, threading.Event] = {}
        self.started: list[int] = []
        self.delivered: list[int] = []

    def snapshot(self, uri: str) -> Snapshot:
        self.tickets += 1
        return Snapshot(uri=uri, version=self.version, text=f"v{self.version}", path=None,
                        language_id="plaintext", layers=(), doctype=None, ignores=frozenset(),
                        codec=PositionCodec(), ticket=self.tickets, generation=0)

    def run(self, snapshot: Snapshot) -> CheckResult:
        self.started.append(snapshot.version)
        self.gates.setdefault(snapshot.ticket, threading.Event()).wait(10)
        return CheckResult(snapshot, None)

    def release(self, ticket: int) -> None:
        self.gates.setdefault(ticket, threading.Event()).set()

    def is_current(self, snapshot: Snapshot, same_generation: bool) -> bool:
        return snapshot.version == self.version


@pytest.fixture
def editor():
    ed = Editor()
    with ThreadPoolExecutor(max_workers=2) as pool:
        ed.scheduler = Scheduler(pool, ed.snapshot, ed.run,
                                 lambda r: ed.delivered.append(r.snapshot.version), ed.is_current)
        yield ed
        for ticket in range(1, ed.tickets + 1):
            ed.release(ticket)


async def test_edits_during_a_check_leave_one_pending_check_of_the_newest_version(editor):
    editor.scheduler.schedule("u", 0)            # ticket 1, version 1: slow
    for version in range(2, 7):                  # typed on while it runs
        editor.version = version
        editor.scheduler.schedule("u", 0)
    assert editor.started == [1]                 # nothing else runs meanwhile
    editor.release(1)                            # v1 ends (outdated: dropped) …
    editor.release(2)                            # … and the one pending check takes ticket 2
    await editor.scheduler.settled()
    assert editor.started == [1, 6]              # versions 2–5 were never checked
    assert editor.delivered == [6]


async def test_a_pending_check_is_what_current_awaits(editor):
    editor.scheduler.schedule("u", 0)
    editor.version = 2
    editor.scheduler.schedule("u", 0)
    editor.release(1)
    editor.release(2)
    result = await editor.scheduler.current("u")
    assert result.snapshot.version == 2 and editor.delivered == [2]


async def test_closing_a_document_drops_its_pending_check(editor):
    editor.scheduler.schedule("u", 0)
    editor.version = 2
    editor.scheduler.schedule("u", 0)
    editor.scheduler.forget("u")
    editor.release(1)
    await editor.scheduler.settled()
    assert editor.started == [1] and editor.delivered == []


async def test_a_result_for_text_that_changed_meanwhile_is_dropped(editor):
    editor.scheduler.schedule("u", 0)
    editor.version = 2                           # typed on, no check for v2 yet
    editor.release(1)
    await editor.scheduler.settled()
    assert editor.delivered == []
    editor.scheduler.schedule("u", 0)
    editor.release(2)
    result = await editor.scheduler.current("u")
    assert result.snapshot.version == 2 and editor.delivered == [2]


async def test_debounce_coalesces_a_burst_and_current_flushes_it(editor):
    for version in range(1, 6):
        editor.version = version
        editor.scheduler.schedule("u", 60)       # a minute: only a flush can start it
    assert editor.started == []
    editor.release(1)
    result = await editor.scheduler.current("u")  # e.g. a pull request: run it now
    assert editor.started == [5] and result.snapshot.version == 5 and editor.delivered == [5]
