"""A test editor session against the real server (``python -m wenfeng serve`` over stdio).

:class:`Session` wraps a pytest-lsp client and records what the server sends — diagnostics
with their versions, ``wenfeng/stats``, messages, edits to apply — so a test can await a
condition ("diagnostics for version 3 arrived") instead of sleeping.  Positions are converted
here independently of the server (plain ``str.encode``), so the tests check the server's
conversion rather than repeat it.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "wenfeng", "serve"]

#: A 请示 with one 敬语 ("尊敬的", H201, safe fix) in the body.
QINGSHI = "关于申请专项经费的请示\n市政府：\n为加强管理，尊敬的各位领导，我们认真落实。\n妥否，请批示。\n"
FILLER = "全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。"


def long_qingshi(words: int = 1600) -> str:
    """A 请示 of about ``words`` 字 of neutral prose (over the 1,500 字 一般 limit)."""
    per = len(FILLER)
    body = "\n".join(FILLER * 4 for _ in range(words // (per * 4) + 1))
    return f"关于申请专项经费的请示\n市政府：\n{body}\n妥否，请批示。\n"

TIMEOUT = 30.0  # generous: the machine running the suite may be busy; nothing sleeps this long


def _converter():
    """pygls's converter, fixed for one lsprotocol 2025.0.0 quirk: a ``CodeAction`` that carries a
    ``command`` object is read back as a ``Command`` (its hook only asks whether "command" is
    present).  Real editors read JSON and are not affected; our test client must be."""
    converter = default_converter()

    def code_action_or_command(obj: Any, _: type):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(typing.Union[types.Command, types.CodeAction],
                                      code_action_or_command)
    return converter


@dataclass
class Recorded:
    published: list[types.PublishDiagnosticsParams] = field(default_factory=list)
    stats: list[dict[str, Any]] = field(default_factory=list)
    applied: list[types.WorkspaceEdit] = field(default_factory=list)
    lens_refreshes: int = 0
    event: asyncio.Event = field(default_factory=asyncio.Event)
    # publications whose wenfeng/stats has arrived (it follows each one), and which of them were
    # provisional start-up results (``"complete": false``; the full one follows)
    settled: set[int] = field(default_factory=set)
    provisional: set[int] = field(default_factory=set)

    def changed(self) -> None:
        self.event.set()


def plain(obj: Any) -> Any:
    """pygls hands custom notifications over as namedtuples; tests want dicts."""
    if hasattr(obj, "_asdict"):
        return {k: plain(v) for k, v in obj._asdict().items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    return obj


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=_converter)
    rec = client.recorded = Recorded()  # type: ignore[attr-defined]
    features = dict(DEFAULT_CLIENT_FEATURES)
    default_publish = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(ls, params: types.PublishDiagnosticsParams):
        default_publish(ls, params)
        rec.published.append(params)
        rec.changed()

    def stats(ls, params):
        st = plain(params)
        rec.stats.append(st)
        for p in reversed(rec.published):  # the publication this check made, just before
            if p.uri == st.get("uri") and p.version == st.get("version"):
                if id(p) not in rec.settled:
                    rec.settled.add(id(p))
                    if st.get("complete") is False:
                        rec.provisional.add(id(p))
                break
        rec.changed()

    def apply_edit(ls, params: types.ApplyWorkspaceEditParams):
        rec.applied.append(params.edit)
        rec.changed()
        return types.ApplyWorkspaceEditResult(applied=True)

    def lens_refresh(ls, params):
        rec.lens_refreshes += 1
        rec.changed()

    def refresh(ls, params):
        ls.diagnostic_refresh_count += 1
        rec.changed()

    def message(ls, params: types.ShowMessageParams):
        ls.messages.append(params)
        rec.changed()

    features.update({
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
        "wenfeng/stats": stats,
        types.WORKSPACE_APPLY_EDIT: apply_edit,
        types.WORKSPACE_CODE_LENS_REFRESH: lens_refresh,
        types.WORKSPACE_DIAGNOSTIC_REFRESH: refresh,
        types.WINDOW_SHOW_MESSAGE: message,
        types.CLIENT_REGISTER_CAPABILITY: lambda ls, params: None,
    })
    register_lsp_features(client, features)
    return client


# -- positions, computed independently of pygls ------------------------------------------------

UNIT_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


LINE_END = re.compile(r"\r\n|\r|\n")


def lines_of(text: str) -> list[str]:
    """Lines as LSP counts them (only \\r\\n, \\r, \\n end a line)."""
    return LINE_END.split(text)


def units(s: str, encoding: str) -> int:
    codec, width = UNIT_CODECS[encoding]
    return len(s.encode(codec)) // width


def position(text: str, offset: int, encoding: str = "utf-16") -> types.Position:
    before = text[:offset]
    line = len(lines_of(before)) - 1
    return types.Position(line=line, character=units(lines_of(before)[-1], encoding))


def offset(text: str, pos: types.Position, encoding: str = "utf-16") -> int:
    breaks = [m.end() for m in LINE_END.finditer(text)]
    start = breaks[pos.line - 1] if pos.line > 0 else 0
    line = lines_of(text)[pos.line]
    count = 0
    for i, ch in enumerate(line):
        if count >= pos.character:
            return start + i
        count += units(ch, encoding)
    return start + len(line)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    spans = sorted(((offset(text, e.range.start, encoding), offset(text, e.range.end, encoding),
                     e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]
    return list((edit.changes or {}).get(uri, []))


# -- the session -----------------------------------------------------------------------------------

class Session:
    def __init__(self, client: LanguageClient, result: types.InitializeResult, folder: Path) -> None:
        self.client = client
        self.result = result
        self.folder = folder
        self.rec: Recorded = client.recorded  # type: ignore[attr-defined]
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    @property
    def encoding(self) -> str:
        return self.result.capabilities.position_encoding or "utf-16"

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        """Await until ``predicate()`` is truthy (re-evaluated whenever the server sends us
        something); return its value."""
        async def loop():
            while True:
                self.rec.event.clear()
                value = predicate()
                if value:
                    return value
                await self.rec.event.wait()
        return await asyncio.wait_for(loop(), timeout)

    # documents
    def open(self, name: str, text: str, language: str = "plaintext", write: bool = True) -> str:
        path = self.folder / name
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.texts[uri], self.versions[uri] = text, 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def replace(self, uri: str, start: int, end: int, new: str) -> int:
        """An incremental change (client units of the negotiated encoding); the new version."""
        text = self.texts[uri]
        rng = types.Range(position(text, start, self.encoding), position(text, end, self.encoding))
        self.texts[uri] = text[:start] + new + text[end:]
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=rng, text=new)]))
        return self.versions[uri]

    def set_text(self, uri: str, text: str) -> int:
        """A whole-document change; the new version."""
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            types.TextDocumentIdentifier(uri=uri)))

    # what the server sent
    def publications(self, uri: str) -> list[types.PublishDiagnosticsParams]:
        return [p for p in self.rec.published if p.uri == uri]

    async def diagnostics(self, uri: str, version: int | None = None,
                          after: int = 0) -> list[types.Diagnostic]:
        """Diagnostics published for ``version`` (default: the current one), skipping the first
        ``after`` publications for ``uri`` and provisional start-up ones (the full result for the
        same version follows them)."""
        version = self.versions[uri] if version is None else version

        def found():
            for p in self.publications(uri)[after:]:
                if p.version == version and id(p) in self.rec.settled \
                        and id(p) not in self.rec.provisional:
                    return p
        return list((await self.wait_for(found)).diagnostics)

    async def stats(self, uri: str, predicate: Callable[[dict], bool] = lambda s: True,
                    after: int = 0) -> dict[str, Any]:
        """The first complete ``wenfeng/stats`` for the current version (after ``after``)."""
        version = self.versions[uri]
        return await self.wait_for(lambda: next(
            (s for s in self.rec.stats[after:] if s["uri"] == uri and s["version"] == version
             and s.get("complete", True) and predicate(s)), None))

    # requests
    async def code_actions(self, uri: str, diagnostics: list[types.Diagnostic],
                           rng: types.Range | None = None, only: list[str] | None = None,
                           trigger: types.CodeActionTriggerKind | None = None
                           ) -> list[types.CodeAction]:
        rng = rng or (diagnostics[0].range if diagnostics else
                      types.Range(types.Position(0, 0), types.Position(0, 0)))
        actions = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
            context=types.CodeActionContext(diagnostics=diagnostics, only=only,
                                            trigger_kind=trigger)))
        return list(actions or [])

    async def command(self, name: str, *args: Any) -> Any:
        result = await self.client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=name, arguments=list(args)))
        return plain(result)

    def apply(self, uri: str, edit: types.WorkspaceEdit) -> int:
        """Apply a server edit as an editor would (full text sent back); the new version."""
        new = apply_edits(self.texts[uri], edits_of(edit, uri), self.encoding)
        return self.set_text(uri, new)


def capabilities(profile: str = "visual-studio-code", *, encodings: list[str] | None = None,
                 pull_refresh: bool = False) -> types.ClientCapabilities:
    caps = client_capabilities(profile)
    if encodings is not None:
        caps.general = types.GeneralClientCapabilities(position_encodings=encodings)
    if pull_refresh:
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def start_session(folder: Path, state_dir: Path, caps: types.ClientCapabilities, *,
                        init_options: Any = None, configuration: dict | None = None,
                        env: dict[str, str] | None = None) -> Session:
    config = ClientServerConfig(
        server_command=SERVER, client_factory=make_client,
        server_env={**os.environ, "WENFENG_STATE_DIR": str(state_dir), **(env or {})})
    client = await config.start()
    if configuration is not None:
        client.set_configuration(configuration, section="wenfeng")
    result = await client.initialize_session(types.InitializeParams(
        capabilities=caps, initialization_options=init_options, root_uri=folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)]))
    return Session(client, result, folder)
