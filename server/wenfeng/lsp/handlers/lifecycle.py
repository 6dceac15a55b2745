"""Start-up and settings: ``initialize`` (answered at once; the lexicons start compiling in the
background), ``initialized`` (first configuration fetch) and
``workspace/didChangeConfiguration``."""

from __future__ import annotations

from lsprotocol import types

from ..settings import unwrap_initialization_options
from ..workspace import LspWorkspace
from . import documents
from .spec import feature


def initialize(ls, params: types.InitializeParams) -> None:
    # documents whose lines follow LSP, not str.splitlines (see lsp/workspace.py)
    ls.protocol._workspace = LspWorkspace.like(ls.workspace)
    options = unwrap_initialization_options(params.initialization_options)
    ls.init_layer = ls.parse(options, "initializationOptions")
    ls.pull = ls.supports("text_document.diagnostic") and ls.supports(
        "workspace.diagnostics.refresh_support")
    if ls.pull:  # pygls builds the capabilities after this handler returns
        for handler in documents.PULL_HANDLERS:
            handler.attach(ls)
    ls.warm_up()  # compile the lexicons meanwhile (a thread: the answer goes out first)


async def initialized(ls, params: types.InitializedParams) -> None:
    await ls.watch_config_files()
    generation = ls.generation
    await ls.fetch_configuration([])
    if ls.generation != generation:  # settings arrived: documents opened meanwhile need them
        ls.recheck_all(force=False)


async def did_change_configuration(ls, params: types.DidChangeConfigurationParams) -> None:
    ls.receive_pushed(params.settings)
    ls.scoped_layers.clear()
    await ls.fetch_configuration([d.uri for d in ls.workspace.text_documents.values()])
    ls.recheck_all()


HANDLERS = (
    feature(types.INITIALIZE, initialize),
    feature(types.INITIALIZED, initialized),
    feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION, did_change_configuration),
)
