"""The language server: the only package that imports pygls and lsprotocol.

It adapts the pure core to LSP — document sync, diagnostics (push or pull), code actions, hover,
code lens, commands and the ``wenfeng/stats`` messages described in ``docs/PROTOCOL.md`` — and
converts code-point offsets to the client's position encoding only at the edge.
"""
