"""``wenfeng web``: the drafting page in the browser, for people who never open an editor.

The page (built from ``clients/web/`` into :file:`static/`) talks LSP over a WebSocket to a
language server of its own — the same :mod:`wenfeng.lsp` server the editors use, one instance per
connection (:mod:`.session`).  Plain HTTP serves the page and the file conversions an LSP
connection cannot do: reading an uploaded .docx/.txt/.md and writing the .docx downloads
(:mod:`.files`).  :mod:`.guard` holds the security rules (token, headers, limits), :mod:`.app`
assembles the Starlette application and :mod:`.run` starts uvicorn.
"""
