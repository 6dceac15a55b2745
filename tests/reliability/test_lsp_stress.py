"""The language server under stress: over a thousand random incremental edits (inserts, deletes,
replacements across lines, around surrogate pairs, with every line-break style pasted in) at
typing speed and faster, interleaved with code-action, hover and stats requests, a third of them
cancelled.  Afterwards the server is alive, every request got an answer, its text is the
client's (its diagnostics and counts equal a fresh ``wenfeng.api.check_text`` of the client's text,
converted to UTF-16 positions here, independently of the server), and its memory stopped
growing.  Malformed and oversized requests get errors or are ignored — never a crash.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import sys
import time
import uuid
from concurrent.futures import Future
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from .strategies import lexicon_fragments

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

SERVER = [sys.executable, "-m", "wenfeng", "serve"]
EDITS = int(os.environ.get("WENFENG_STRESS_EDITS", "1100"))
EXIT_BUDGET = 3.0  # seconds from `exit` to the process ending, even with a check running (an
                   # editor kills a server that does not exit within a few seconds)
HUGE_BUDGET = 20.0  # seconds another document may wait while a 24 MB one is open
TYPING = 150                    # the first edits come at typing speed (10–40 ms apart)
LINE_END = re.compile(r"\r\n|\r|\n")
EXTRA = ["𠀀", "𪚥", "👨\u200d👩\u200d👧", "🇨🇳", "e\u0301", "\u3000", "\n", "\r\n", "\r", "\u2028",
         "\x0b", "\x0c", "，", "。", ",", "(一)", "一、", "\t", "尊敬的", "进行研究"]


# --- positions, computed here (not by pygls) ----------------------------------------------

def utf16_position(text: str, offset: int) -> types.Position:
    before = text[:offset]
    lines = LINE_END.split(before)
    return types.Position(line=len(lines) - 1, character=len(lines[-1].encode("utf-16-le")) // 2)


def utf16_range(text: str, start: int, end: int) -> types.Range:
    return types.Range(utf16_position(text, start), utf16_position(text, end))


def valid_offset(text: str, offset: int) -> int:
    """Positions cannot address the middle of a "\\r\\n"."""
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        return offset - 1
    return offset


# --- a client that records versions and stats ---------------------------------------------

class Recorder:
    def __init__(self) -> None:
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[str] = []
        self.event = asyncio.Event()


def make_client() -> LanguageClient:
    client = LanguageClient()
    rec = client.rec = Recorder()  # type: ignore[attr-defined]
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(ls, params: types.PublishDiagnosticsParams):
        rec.published.setdefault(params.uri, []).append(params)
        rec.event.set()

    def message(ls, params):
        rec.messages.append(params.message)
        rec.event.set()

    features.update({
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
        types.WINDOW_SHOW_MESSAGE: message,
        "wenfeng/stats": lambda ls, params: None,
        types.WORKSPACE_CODE_LENS_REFRESH: lambda ls, params: None,
        types.CLIENT_REGISTER_CAPABILITY: lambda ls, params: None,
    })
    register_lsp_features(client, features)
    return client


async def start_server(tmp_path: Path) -> LanguageClient:
    config = ClientServerConfig(server_command=SERVER, client_factory=make_client,
                                server_env={**os.environ, "WENFENG_STATE_DIR": str(tmp_path / "state")})
    client = await config.start()
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")]))
    return client


async def stop(client: LanguageClient, exit_budget: float = 30.0) -> float | None:
    """``shutdown`` then ``exit``, as an editor does; the seconds the process took to exit, or
    None when it had to be killed (it is always gone afterwards: no orphan servers)."""
    took = None
    server = client._server
    try:
        if server is not None and server.returncode is None:
            await asyncio.wait_for(client.shutdown_async(None), 30)
            client.exit(None)
            started = time.monotonic()
            await asyncio.wait_for(server.wait(), exit_budget)
            took = time.monotonic() - started
    except (asyncio.TimeoutError, JsonRpcException, RuntimeError):
        pass
    finally:
        if server is not None and server.returncode is None:
            server.kill()
            await server.wait()
        await client.stop()
    return took


def rss_mb(client: LanguageClient) -> float:
    for line in Path(f"/proc/{client._server.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


async def wait_for(client, predicate, timeout: float = 60.0):
    rec = client.rec

    async def loop():
        while True:
            rec.event.clear()
            value = predicate()
            if value:
                return value
            await rec.event.wait()
    return await asyncio.wait_for(loop(), timeout)


def alive(client: LanguageClient) -> bool:
    return client._server is not None and client._server.returncode is None


# --- expected results from the core -------------------------------------------------------

def expected_diagnostics(text: str, path: str):
    from wenfeng.api import check_text
    from wenfeng.rules.engine import fingerprint

    report = check_text(text, path=path)
    diags = []
    for f in report.findings:
        rng = utf16_range(text, f.start, f.end)
        diags.append((f.rule, f.start, f.end, rng.start.line, rng.start.character, rng.end.line,
                      rng.end.character, tuple((x.start, x.end, x.replacement) for x in f.fixes),
                      fingerprint(report.document, f.rule, f.start, f.end)))  # text around it
    return sorted(diags), report


def got_diagnostics(diagnostics: list[types.Diagnostic]):
    return sorted((d.code, d.data["start"], d.data["end"], d.range.start.line,
                   d.range.start.character, d.range.end.line, d.range.end.character,
                   tuple((x["start"], x["end"], x["replacement"]) for x in d.data["fixes"]),
                   d.data["fingerprint"])
                  for d in diagnostics)


# --- the stress run -----------------------------------------------------------------------

def _random_edit(rng: random.Random, text: str, pieces: list[str]) -> tuple[int, int, str]:
    n = len(text)
    op = rng.random()
    if n > 6000:
        op = 0.6  # keep the draft at a realistic size: delete when it grows
    elif n < 1500:
        op = 0.0  # … and type when it shrinks
    start = valid_offset(text, rng.randint(0, n))
    new = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
    if op < 0.5:  # insert (typing, pasting)
        return start, start, new
    end = valid_offset(text, min(n, start + rng.choice([1, 1, 2, 5, 20, 120, 600])))
    if op < 0.75:  # delete, often across lines
        return start, max(start, end), ""
    return start, max(start, end), new  # replace


async def test_thousand_random_edits_keep_server_and_client_in_step(tmp_path):
    rng = random.Random(20250108)
    pieces = list(lexicon_fragments()) + EXTRA * 8
    path = tmp_path / "draft.txt"
    text = "在全市工作会议上的讲话\r\n尊敬的各位领导、同志们：\n𠀀今天召开会议，进行研究部署。\u2028第二行\n"
    text += "\n".join("".join(rng.choice(pieces) for _ in range(6)) for _ in range(40)) + "\n"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = await start_server(tmp_path)
    pending: list[tuple[str, asyncio.Future]] = []
    cancelled = 0
    memory: list[tuple[int, float]] = []
    try:
        version = 1
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
        await wait_for(client, lambda: client.rec.published.get(uri))
        memory.append((0, rss_mb(client)))
        for i in range(1, EDITS + 1):
            start, end, new = _random_edit(rng, text, pieces)
            rng_ = utf16_range(text, start, end)
            text = text[:start] + new + text[end:]
            version += 1
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=rng_, text=new)]))
            if i % 9 == 0:  # requests interleaved with the edits, some cancelled at once
                kind = rng.choice(["codeAction", "hover", "stats"])
                a = valid_offset(text, rng.randint(0, len(text)))
                b = valid_offset(text, min(len(text), a + rng.randint(0, 50)))
                if kind == "codeAction":
                    method = types.TEXT_DOCUMENT_CODE_ACTION
                    params = types.CodeActionParams(
                        text_document=types.TextDocumentIdentifier(uri=uri), range=utf16_range(text, a, b),
                        context=types.CodeActionContext(diagnostics=[]))
                elif kind == "hover":
                    method = types.TEXT_DOCUMENT_HOVER
                    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                               position=utf16_position(text, a))
                else:
                    method, params = "wenfeng/stats", {"uri": uri}
                msg_id = f"stress-{i}"
                fut = asyncio.wrap_future(client.protocol.send_request(method, params, msg_id=msg_id))
                pending.append((method, fut))
                if rng.random() < 0.33:
                    client.protocol.notify("$/cancelRequest", types.CancelParams(id=msg_id))
                    cancelled += 1
            if i <= TYPING:
                await asyncio.sleep(rng.uniform(0.01, 0.04))
            elif i % 40 == 0:
                await asyncio.sleep(0)  # bursts of 40 edits without a pause
            if i % 250 == 0:
                memory.append((i, rss_mb(client)))
            assert alive(client), f"server died after edit {i}"
        # every request is answered: a result, or an error for the cancelled ones
        answered = errors = 0
        for method, fut in pending:
            try:
                await asyncio.wait_for(fut, 60)
                answered += 1
            except JsonRpcException:
                errors += 1
        assert answered + errors == len(pending)
        assert errors <= cancelled, "only cancelled requests may fail"
        # the final diagnostics are those of a fresh check of the client's text
        final = await wait_for(client, lambda: next(
            (p for p in client.rec.published.get(uri, []) if p.version == version), None))
        expected, report = expected_diagnostics(text, str(path))
        assert got_diagnostics(final.diagnostics) == expected
        stats = await client.protocol.send_request_async("wenfeng/stats", {"uri": uri})
        stats = stats._asdict() if hasattr(stats, "_asdict") else stats
        counts = stats["counts"]
        counts = counts._asdict() if hasattr(counts, "_asdict") else counts
        assert (counts["words"], counts["han"], counts["charsNoSpaces"], counts["paragraphs"]) == (
            report.counts.words, report.counts.han, report.counts.chars_no_spaces,
            report.counts.paragraphs)
        assert stats["version"] == version
        memory.append((EDITS, rss_mb(client)))
        # memory: after the first 500 edits have warmed every cache, it grows by little
        warm = next(mb for i, mb in memory if i >= 500)
        assert memory[-1][1] - warm < 60, f"RSS (MB) by edit: {memory}"
        print(f"\n{EDITS} edits, {len(pending)} requests ({cancelled} cancelled, {errors} errors), "
              f"final text {len(text)} chars, {len(expected)} diagnostics, RSS MB by edit: {memory}")
    finally:
        await stop(client)


# --- malformed and oversized input ----------------------------------------------------------

async def raw_request(client, method: str, params, timeout: float = 30.0):
    """Send a request exactly as given (the client library would refuse invalid params)."""
    msg_id = f"raw-{uuid.uuid4()}"
    future: Future = Future()
    client.protocol._request_futures[msg_id] = future
    await raw_write(client, {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wait_for(asyncio.wrap_future(future), timeout)


async def raw_write(client, message: dict | bytes) -> None:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    stdin = client._server.stdin
    stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    await stdin.drain()


def change(uri: str, version: int, rng: dict | None, text: str) -> dict:
    content = {"text": text} if rng is None else {"range": rng, "text": text}
    return {"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [content]}}


def pos(line, character) -> dict:
    return {"line": line, "character": character}


async def still_checks(client, tmp_path: Path, name: str) -> None:
    """A new document is still checked correctly (the server is alive and sane)."""
    path = tmp_path / name
    text = "在会上的讲话\n尊敬的各位领导：\n"
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    params = await wait_for(client, lambda: next(
        (p for p in client.rec.published.get(uri, []) if p.version == 1), None))
    assert any(d.code == "H201" for d in params.diagnostics)


async def test_malformed_and_oversized_input_never_kills_the_server(tmp_path):
    client = await start_server(tmp_path)
    try:
        uri = (tmp_path / "a.txt").as_uri()
        text = "关于𠀀的请示\n市政府：\n尊敬的领导，请批示。\n"
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
        await wait_for(client, lambda: client.rec.published.get(uri))
        bad_ranges = [
            {"start": pos(1000, 0), "end": pos(1000, 5)},           # past the end
            {"start": pos(1, 5), "end": pos(0, 1)},                 # reversed
            {"start": pos(0, 400), "end": pos(0, 999)},             # past the line end
            {"start": pos(0, 4), "end": pos(0, 4)},                 # inside the surrogate pair of 𠀀
            {"start": pos(-1, 0), "end": pos(0, -3)},               # negative
            {"start": pos(0, 0)},                                   # no end
            {"start": pos("x", 0), "end": pos(0, 0)},               # wrong types
            "everything",
        ]
        for n, rng in enumerate(bad_ranges, start=2):
            await raw_write(client, change(uri, n, rng, "插入"))
        for garbage in [change("file:///never/opened.txt", 2, {"start": pos(0, 0), "end": pos(0, 0)}, "x"),
                        {"jsonrpc": "2.0", "method": "textDocument/didClose",
                         "params": {"textDocument": {"uri": "file:///never/opened.txt"}}},
                        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                         "params": {"textDocument": {"uri": 5, "languageId": [], "version": "x", "text": None}}},
                        b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": ',
                        b"\xff\xfe not json"]:
            await raw_write(client, garbage)
        # requests with bad params get an error answer (never silence, never a crash)
        for method, params in [
            ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": "a", "character": 0}}),
            ("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": "all", "context": {}}),
            ("textDocument/hover", None),
            ("wenfeng/stats", {"uri": 12}),
            ("wenfeng/stats", ["not", "an", "object"]),
            ("workspace/executeCommand", {"command": "wenfeng.server.fixAll", "arguments": [{"uri": uri}]}),
        ]:
            with pytest.raises(JsonRpcException):
                await raw_request(client, method, params)
        # requests about documents the server never saw: an empty answer, not an error storm
        for method, params in [
            ("textDocument/hover", {"textDocument": {"uri": "file:///nope.txt"}, "position": pos(0, 0)}),
            ("textDocument/codeAction", {"textDocument": {"uri": "file:///nope.txt"},
                                         "range": {"start": pos(0, 0), "end": pos(9, 9)},
                                         "context": {"diagnostics": []}}),
            ("wenfeng/stats", {"uri": "file:///nope.txt"}),
        ]:
            try:
                result = await raw_request(client, method, params)
            except JsonRpcException:
                result = None
            assert not result
        assert alive(client)
        await still_checks(client, tmp_path, "after-garbage.txt")
        assert alive(client)
    finally:
        await stop(client)


async def test_huge_document_does_not_starve_the_others(tmp_path):
    """A 24 MB document (over the 20 MB the CLI reads): the server stays up and other documents
    are still checked within a bounded time."""
    client = await start_server(tmp_path)
    try:
        huge_uri = (tmp_path / "huge.txt").as_uri()
        huge = ("全市各级各部门认真落实年度目标任务。" * 4 + "\n") * 110_000
        started = time.monotonic()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=huge_uri, language_id="plaintext", version=1, text=huge)))
        await still_checks(client, tmp_path, "after-huge.txt")
        elapsed = time.monotonic() - started
        print(f"\nserver answered a new document {elapsed:.1f} s after the 24 MB open; "
              f"RSS {rss_mb(client):.0f} MB; messages: {client.rec.messages}")
        assert alive(client)
        assert elapsed < HUGE_BUDGET, f"other documents waited {elapsed:.0f} s behind a 24 MB one"
    finally:
        await stop(client)


@pytest.mark.parametrize("how", ["exit", "stdin closed"])
async def test_server_ends_promptly_while_a_check_runs(tmp_path, how):
    """The editor quits (``shutdown`` + ``exit``) or simply goes away (stdin closed) while the
    server is busy with a long paragraph: the process must end, not linger as an orphan until
    the check is done."""
    client = await start_server(tmp_path)
    server = client._server
    took = None
    try:
        uri = (tmp_path / "long.txt").as_uri()
        slow = "在会上的讲话\n" + "尊敬的领导进行研究。" * 100_000 + "\n"  # ≈ 10 s of checking
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=slow)))
        await asyncio.sleep(1.5)  # the check is under way
        assert alive(client)
        if how == "exit":
            took = await stop(client, exit_budget=EXIT_BUDGET)
        else:
            server.stdin.close()
            started = time.monotonic()
            try:
                await asyncio.wait_for(server.wait(), EXIT_BUDGET)
                took = time.monotonic() - started
            except asyncio.TimeoutError:
                pass
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()
        await client.stop()
    assert took is not None, f"the server was still running {EXIT_BUDGET} s after {how}"
