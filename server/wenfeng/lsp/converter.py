"""pygls's converter, with lsprotocol's forward references resolved as classes are converted.

lsprotocol names many field types as strings (a class defined further down), and its
``register_hooks`` resolves every one of its ~560 classes when the converter is made — a
``typing.get_type_hints`` each, about a tenth of what the server does before it can answer
``initialize``, although a session converts a few dozen of those classes.  Here that eager pass
is skipped (lsprotocol keeps a module flag saying it is done) and a structure and an unstructure
hook factory, consulted before lsprotocol's own, resolve an lsprotocol class the first time
cattrs makes its hook — exactly as lsprotocol would have (``attrs.resolve_types`` against
``ALL_TYPES_MAP``) — and then hand it to lsprotocol's factories.  :func:`resolve_all` does the
rest once start-up is over, so nothing but the order of the work changes.
"""

from __future__ import annotations

from typing import Any

import attrs
import cattrs
from lsprotocol import _hooks
from lsprotocol import types as lsp_types
from pygls.protocol import default_converter


def _unresolved(cls: Any) -> bool:
    return (isinstance(cls, type) and getattr(cls, "__module__", None) == lsp_types.__name__
            and attrs.has(cls) and vars(cls).get("__attrs_types_resolved__") is not cls)


def _resolve(cls: type) -> None:
    attrs.resolve_types(cls, lsp_types.ALL_TYPES_MAP, {})


def lazy_converter() -> cattrs.Converter:
    """pygls's default converter, lsprotocol's classes resolved as they are first converted."""
    eager = _hooks._resolved_forward_references
    _hooks._resolved_forward_references = True  # (lsprotocol's "already done" flag)
    try:
        converter = default_converter()
    finally:
        _hooks._resolved_forward_references = eager

    def structure_hook(cls: type) -> Any:
        _resolve(cls)
        return converter.get_structure_hook(cls)  # (now lsprotocol's factory answers)

    def unstructure_hook(cls: type) -> Any:
        _resolve(cls)
        return converter.get_unstructure_hook(cls)

    converter.register_structure_hook_factory(_unresolved, structure_hook)
    converter.register_unstructure_hook_factory(_unresolved, unstructure_hook)
    return converter


def resolve_all() -> None:
    """Resolve the classes not converted yet (after start-up, off the event loop), as
    lsprotocol's own converter does up front — for anything that reads a field's type."""
    if _hooks._resolved_forward_references:
        return
    for value in list(lsp_types.ALL_TYPES_MAP.values()):
        if isinstance(value, type) and _unresolved(value):
            _resolve(value)
    _hooks._resolved_forward_references = True
