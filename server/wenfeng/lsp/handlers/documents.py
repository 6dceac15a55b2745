"""Document sync and diagnostics: open/change/save/close schedule checks; pull clients get
``textDocument/diagnostic`` answered from the same checks."""

from __future__ import annotations

from lsprotocol import types

from ...config import CONFIG_NAME
from ..uris import key_of
from .spec import feature

PULL_OPTIONS = types.DiagnosticOptions(identifier="wenfeng", inter_file_dependencies=False,
                                       workspace_diagnostics=False)


async def did_open(ls, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    if key_of(uri) not in ls.scoped_layers:
        await ls.fetch_configuration([uri])
    ls.schedule(uri, now=True)


def did_change(ls, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


def did_save(ls, params: types.DidSaveTextDocumentParams) -> None:
    ls.config_files.forget()
    if params.text_document.uri.endswith("/" + CONFIG_NAME):
        ls.recheck_all()
    else:  # its wenfeng.toml may have changed on disk
        ls.schedule(params.text_document.uri, now=True, force=True)


def did_change_watched_files(ls, params: types.DidChangeWatchedFilesParams) -> None:
    ls.config_files.forget()
    ls.recheck_all()  # only wenfeng.toml files are watched (registered in lifecycle)


def did_close(ls, params: types.DidCloseTextDocumentParams) -> None:
    ls.closed(params.text_document.uri)


async def diagnostic(ls, params: types.DocumentDiagnosticParams):
    # a provisional start-up result is answered at once; a refresh follows the full one
    result = await ls.current(params.text_document.uri, complete=False)
    if result is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    result_id = str(result.snapshot.ticket)
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=result.diagnostics,
                                                     result_id=result_id)


HANDLERS = (
    feature(types.TEXT_DOCUMENT_DID_OPEN, did_open),
    feature(types.TEXT_DOCUMENT_DID_CHANGE, did_change),
    feature(types.TEXT_DOCUMENT_DID_SAVE, did_save, types.SaveOptions(include_text=False)),
    feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES, did_change_watched_files),
    feature(types.TEXT_DOCUMENT_DID_CLOSE, did_close),
)

#: Only for clients that pull and accept refresh requests (the others get pushes).
PULL_HANDLERS = (
    feature(types.TEXT_DOCUMENT_DIAGNOSTIC, diagnostic, PULL_OPTIONS),
)
