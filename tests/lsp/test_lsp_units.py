"""Pure helpers of the language server: LSP line splitting, positions, editor settings,
the marker-line edit and the stats texts."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from wenfeng.api import check_text
from wenfeng.lsp.code_actions import marker_edit
from wenfeng.lsp.positions import PositionMap, lsp_lines
from wenfeng.lsp.settings import checked_language, editor_options, parse_layer
from wenfeng.lsp.stats import lens_text


def test_lsp_lines_break_only_at_cr_lf():
    assert lsp_lines("a\r\nb\rc\nd\fe\u2028f\x85g") == ["a\r\n", "b\r", "c\n", "d\fe\u2028f\x85g"]
    assert lsp_lines("") == [] and lsp_lines("x\n") == ["x\n"]


def test_position_map_round_trips_in_every_encoding():
    text = "𠀀a\r\n尊敬的𠀀\n"
    for encoding, expected in (("utf-8", 13), ("utf-16", 5), ("utf-32", 4)):
        positions = PositionMap(text, PositionCodec(encoding))
        assert positions.position(text.index("\n") + 1 + 4) == types.Position(1, expected)
        for offset in range(len(text) + 1):
            pos = positions.position(offset)
            if text[offset - 1:offset + 1] != "\r\n":  # inside "\r\n" maps to the line end
                assert positions.offset(pos) == offset, (encoding, offset)
        assert positions.position(len(text)) == types.Position(2, 0)


def test_editor_settings_fall_back_key_by_key():
    layer = parse_layer({"speakingRate": 999, "rules": {"H": False}, "debounceMs": -1,
                         "languages": ["text"], "bogus": 1, "trace": {"server": "off"}}, "测试")
    assert layer.partial == {"rules": {"H": False}}
    assert layer.languages == ("text",) and layer.debounce_ms is None
    assert len(layer.errors) == 3  # speakingRate, debounceMs, bogus
    assert editor_options((layer,)) == (150, ("text",))
    assert parse_layer(["not", "an", "object"], "测试").errors
    assert checked_language("text", ("plaintext",)) and not checked_language("python", ("plaintext",))


def test_marker_line_replaces_an_existing_one():
    assert marker_edit("标题\n", "txt", "请示").replacement == "文种：请示\n"
    text = "文种：讲话\r\n标题\r\n"
    fix = marker_edit(text, "txt", "请示")
    assert (fix.start, fix.end, fix.replacement) == (0, 5, "文种：请示")
    md = "<!-- 文种：讲话 -->\n# 标题\n"
    fix = marker_edit(md, "md", "请示")
    assert md[fix.start:fix.end] == "<!-- 文种：讲话 -->" and fix.replacement == "<!-- 文种：请示 -->"


def test_lens_text_shows_the_limit_and_minutes_for_speeches():
    report = check_text("关于申请专项经费的请示\n市政府：\n为加强管理，我们认真落实。\n")
    assert lens_text(report) == f"请示 · {report.counts.words} / 1,500 字 · 约 1 页"
    speech = check_text("在全市工作会议上的主持词\n同志们：\n现在开会。\n", doctype="主持词")
    assert lens_text(speech).endswith(f"约 {speech.counts.minutes:g} / 10 分钟")


# -- the keystroke path: document sync, positions and publication, checked against pygls -------

EDIT_ALPHABET = ["a", "尊", "敬", "𠀀", "\r\n", "\r", "\n", "\f", "\u2028", "\ud800", " "]


def _random_text(rng, n: int) -> str:
    return "".join(rng.choice(EDIT_ALPHABET) for _ in range(n))


def test_incremental_edits_give_pygls_text_and_keep_lsp_lines():
    """An edit applied to the server's document gives the text pygls's own algorithm gives
    (on LSP lines), and the line table kept edit by edit equals splitting the new text."""
    import copy
    import random

    from pygls.workspace import TextDocument

    from wenfeng.lsp.workspace import LspTextDocument

    class Reference(TextDocument):
        @property
        def lines(self):
            return tuple(lsp_lines(self.source))

    rng = random.Random(4)
    for encoding in ("utf-8", "utf-16", "utf-32"):
        for _ in range(40):
            text = _random_text(rng, rng.randrange(0, 30))
            doc = LspTextDocument("file:///d.txt", text, position_codec=PositionCodec(encoding))
            ref = Reference("file:///d.txt", text, position_codec=PositionCodec(encoding))
            for _ in range(25):
                lines = max(1, len(lsp_lines(doc.source)))
                start = types.Position(rng.randrange(lines + 1), rng.randrange(8))
                end = rng.choice([start, types.Position(start.line + rng.randrange(3), rng.randrange(8))])
                change = types.TextDocumentContentChangePartial(
                    range=types.Range(start, end), text=_random_text(rng, rng.randrange(0, 4)))
                doc.apply_change(copy.deepcopy(change))
                ref.apply_change(copy.deepcopy(change))
                assert doc.source == ref.source
                assert tuple(doc.lines) == tuple(lsp_lines(doc.source))


def test_positions_fast_path_equals_pygls_codec():
    import copy
    import random

    from wenfeng.lsp.positions import server_position

    rng = random.Random(5)
    for encoding in ("utf-8", "utf-16", "utf-32"):
        codec = PositionCodec(encoding)
        for _ in range(60):
            text = _random_text(rng, rng.randrange(0, 25))
            positions = PositionMap(text, codec)
            for offset in range(len(text) + 1):
                server = positions.server_position(offset)
                expected = (types.Position(server.line, 0) if server.line >= len(positions.lines)
                            else codec.position_to_client_units(positions.lines, server))
                assert positions.position(offset) == expected, (encoding, text, offset)
            lines = positions.lines
            for _ in range(20):
                pos = types.Position(rng.randrange(len(lines) + 2), rng.randrange(12))
                assert server_position(codec, lines, pos) == \
                    codec.position_from_client_units(lines, copy.copy(pos)), (encoding, text, pos)


def test_published_json_equals_the_converters():
    """publishDiagnostics is written out without cattrs; the JSON must be the converter's."""
    import json

    from pygls.protocol import default_converter

    from wenfeng.lsp.checking import check
    from wenfeng.lsp.protocol import publish_json
    from wenfeng.lsp.settings import ConfigFiles
    from wenfeng.lsp.snapshot import Snapshot

    converter = default_converter()
    text = ("关于申请专项经费的请示\n市政府：\n为进一步加强管理，尊敬的各位领导，这次汛情波及到沿江三个乡镇。\n"
            "一、总体要求\n三、工作安排\n妥否，请批示。\n𠀀2024.3.5\n")
    snapshot = Snapshot(uri="file:///d.txt", version=3, text=text, path=None,
                        language_id="plaintext", layers=(), doctype=None, ignores=frozenset(),
                        codec=PositionCodec("utf-16"), ticket=1, generation=0)
    diagnostics = check(snapshot, ConfigFiles()).diagnostics
    assert len({d.code for d in diagnostics}) >= 3
    linked = types.Diagnostic(range=diagnostics[0].range, message="m", code="X1", data={},
                              code_description=types.CodeDescription(href="https://example.org/x"))
    diagnostics.append(linked)  # no built-in rule has a link yet; a lexicon rule may
    for version in (3, None):
        params = types.PublishDiagnosticsParams(uri="file:///d.txt", diagnostics=diagnostics,
                                                version=version)
        assert json.loads(json.dumps(publish_json(params))) == converter.unstructure(params)
    tagged = types.Diagnostic(range=diagnostics[0].range, message="m",
                              tags=[types.DiagnosticTag.Unnecessary])
    assert publish_json(types.PublishDiagnosticsParams(uri="u", diagnostics=[tagged])) is None


def test_create_server_makes_independent_servers_with_every_handler():
    """One server per connection (the web front end): fresh state each call, all handlers."""
    from wenfeng.lsp.handlers import MODULES
    from wenfeng.lsp.server import create_server

    a, b = create_server(), create_server()
    try:
        for server in (a, b):
            registered = {*server.protocol.fm.features, *server.protocol.fm.commands}
            for module in MODULES:
                assert {h.name for h in module.HANDLERS} <= registered, module.__name__
        assert types.TEXT_DOCUMENT_DIAGNOSTIC not in a.protocol.fm.features  # pull: on request
        assert a.scheduler is not b.scheduler and a.checks is not b.checks
        assert a.scoped_layers is not b.scoped_layers and a.config_files is not b.config_files
        a.generation += 1
        assert b.generation == 0
    finally:
        a.checks.shutdown()
        b.checks.shutdown()


def test_create_server_can_share_a_check_pool_and_keep_choices_elsewhere():
    """The web front end's sessions: one pool for all of them, which no session shuts down."""
    from concurrent.futures import ThreadPoolExecutor

    from wenfeng.editor_state import DocumentState
    from wenfeng.lsp.server import create_server

    pool = ThreadPoolExecutor(max_workers=1)
    choices = DocumentState.__new__(DocumentState)
    try:
        a, b = create_server(checks=pool, choices=choices), create_server(checks=pool)
        assert a.checks is pool and b.checks is pool and a.choices is choices
        assert b.choices is not choices
        a.shutdown()
        b.end_session()
        assert pool.submit(lambda: 42).result(5) == 42  # still serving the other sessions
    finally:
        pool.shutdown()


def test_segmenter_loader_is_quiet_when_the_event_loop_closed_first(monkeypatch):
    """jieba's dictionary takes about a second; a server that stopped meanwhile (shutdown, an
    ended web or TCP session whose loop is gone) must not raise in the loader thread."""
    import asyncio
    import threading

    from wenfeng.lsp import checking
    from wenfeng.lsp.server import create_server

    release = threading.Event()
    monkeypatch.setattr(checking, "load_segmenters", lambda: release.wait(10))
    errors: list = []
    monkeypatch.setattr(threading, "excepthook", errors.append)
    server = create_server()
    server.one_of_many = True  # no gc.freeze() inside the test process

    async def session() -> None:
        server.load_segmenters()
    try:
        asyncio.run(session())  # returns with the loader still waiting: the loop is closed
        release.set()
        for thread in threading.enumerate():
            if thread.name == "wenfeng-jieba":
                thread.join(10)
        assert [e.exc_value for e in errors] == []
    finally:
        server.checks.shutdown()


def test_a_publication_is_framed_in_utf8_bytes():
    """publishDiagnostics goes out as UTF-8 without escapes: its Content-Length counts bytes,
    and the body reads back as the converter's JSON (a CJK message and an astral character)."""
    import json

    from pygls.protocol import default_converter

    from wenfeng.lsp.server import create_server

    server = create_server()
    sent: list[bytes] = []

    class Writer:
        def write(self, data: bytes) -> None:
            sent.append(data)

    try:
        server.protocol.set_writer(Writer(), include_headers=True)
        where = types.Range(start=types.Position(0, 0), end=types.Position(0, 2))
        params = types.PublishDiagnosticsParams(uri="file:///d.txt", version=4, diagnostics=[
            types.Diagnostic(range=where, message="“尊敬的”不宜用于𠀀正文", code="H201",
                             severity=types.DiagnosticSeverity.Warning, source="wenfeng",
                             data={"rule": "H201", "start": 0, "end": 2, "fixes": [],
                                   "version": 4, "fingerprint": "H201||尊敬|的各"})])
        server.text_document_publish_diagnostics(params)
        [frame] = sent
        header, body = frame.split(b"\r\n\r\n", 1)
        assert int(header.split(b"\r\n")[0].split(b":")[1]) == len(body)
        assert "尊敬".encode("utf-8") in body  # not \\u5c0a escapes
        message = json.loads(body.decode("utf-8"))
        assert message["method"] == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        assert message["params"] == default_converter().unstructure(params)
    finally:
        server.checks.shutdown()
