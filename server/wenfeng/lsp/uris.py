"""Document URIs as the server keys them: pygls's key for an open buffer and the stable key a
stored choice (文种, ignores) is filed under."""

from __future__ import annotations

from urllib.parse import unquote

from pygls.uris import to_fs_path

from ..editor_state import path_key


def key_of(uri: str) -> str:
    """pygls's key for a document URI (clients differ in percent-encoding)."""
    return unquote(uri)


def state_key(uri: str) -> str:
    """The URI a choice is stored under: the resolved file path for file URIs, so that every
    editor (and a renamed symlink) finds the same entry."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path:
        try:
            return path_key(path)
        except (OSError, ValueError):
            pass
    return unquote(uri)
