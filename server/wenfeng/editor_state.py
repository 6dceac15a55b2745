"""Per-document choices that outlive an editor session: the 文种 picked for a draft and the
findings the user chose to ignore there — made in an editor, honoured by ``wenfeng check`` too.

They are not written into the draft (a 公文 must stay clean), so they live in one JSON file in
the user's state folder — ``$WENFENG_STATE_DIR``, else ``$XDG_STATE_HOME/wenfeng``, else
``~/.local/state/wenfeng`` (``%LOCALAPPDATA%\\wenfeng`` on Windows) — keyed by document URI
(for a file: :func:`path_key`, the same key whichever tool asks).  Every write re-reads the file
first (two editors may share it) and replaces it atomically; a damaged file is set aside by the
language server, never silently overwritten (the command line only reads it and leaves it be).
Pure Python: the language server and the command line both use it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from .errors import WenfengError
from .files import write_atomic
from .safe_read import read_regular

log = logging.getLogger(__name__)

STATE_FILE = "documents.json"
FORMAT_VERSION = 1
#: Documents kept; the least recently touched are dropped beyond this.
MAX_DOCUMENTS = 2000
#: The file's size bound: the least recently touched documents are dropped beyond it, and a
#: larger file found on disk is set aside unread.
MAX_BYTES = 2 * 1024 * 1024
#: Longest document URI stored (a longer one is remembered for this session only).
MAX_URI = 4096
#: Ignored findings kept per document (the oldest are dropped beyond it).
MAX_IGNORES = 1000


def state_dir() -> Path:
    """The folder holding wenfeng's state, from the environment (not created here)."""
    if explicit := os.environ.get("WENFENG_STATE_DIR"):
        return Path(explicit).expanduser()
    if xdg := os.environ.get("XDG_STATE_HOME"):
        return Path(xdg).expanduser() / "wenfeng"
    if os.name == "nt" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "wenfeng"
    return Path.home() / ".local" / "state" / "wenfeng"


def path_key(path: str | os.PathLike[str]) -> str:
    """The key a file's choices are stored under: its resolved path as a ``file:`` URI, so that
    every editor, a symlink and the command line find the same entry."""
    return Path(path).resolve().as_uri()


class DocumentState:
    """The stored 文种 choices and ignores, one entry per document URI. Thread-safe.

    ``read_only``: never write, and leave a damaged file where it is (the command line).
    ``in_memory``: no file at all — the choices live and die with this object (a web session)."""

    def __init__(self, directory: Path | None = None, *, read_only: bool = False,
                 in_memory: bool = False) -> None:
        self.path = None if in_memory else (directory or state_dir()) / STATE_FILE
        self.read_only = read_only
        self._lock = threading.Lock()
        self._documents: dict[str, dict[str, Any]] = {}
        self._documents = self._read()
        self._session: dict[str, dict[str, Any]] = {}  # URIs too long to store

    # -- questions ------------------------------------------------------------------------
    def doctype(self, uri: str) -> str | None:
        """The 文种 chosen for ``uri``, or None for automatic detection."""
        return self._entry(uri).get("doctype") or None

    def ignores(self, uri: str) -> frozenset[tuple[str, str]]:
        """``{(rule id, fingerprint)}`` suppressed in ``uri``."""
        pairs = self._entry(uri).get("ignores", [])
        return frozenset((str(rule), str(fp)) for rule, fp in pairs)

    def _entry(self, uri: str) -> dict[str, Any]:
        return (self._session if len(uri) > MAX_URI else self._documents).get(uri, {})

    # -- changes (each persisted at once) ---------------------------------------------------
    def set_doctype(self, uri: str, doctype: str | None) -> None:
        self._update(uri, lambda entry: entry.__setitem__("doctype", doctype or None))

    def add_ignore(self, uri: str, rule: str, fingerprint: str) -> None:
        def add(entry: dict[str, Any]) -> None:
            pairs = entry.setdefault("ignores", [])
            if [rule, fingerprint] not in pairs:
                pairs.append([rule, fingerprint])
        self._update(uri, add)

    def clear_ignores(self, uri: str) -> None:
        self._update(uri, lambda entry: entry.pop("ignores", None))

    # -- storage ----------------------------------------------------------------------------
    def _update(self, uri: str, change) -> None:
        if self.read_only:
            raise RuntimeError("DocumentState opened read-only")
        if len(uri) > MAX_URI:  # kept in memory for this session, never written
            with self._lock:
                entry = dict(self._session.get(uri, {}))
                change(entry)
                self._session[uri] = entry
            return
        with self._lock:
            documents = self._read()  # merge with what another editor may have written
            entry = dict(documents.get(uri, {}))
            change(entry)
            entry = {k: v for k, v in entry.items() if v not in (None, [], "") and k != "touched"}
            if len(entry.get("ignores", [])) > MAX_IGNORES:
                entry["ignores"] = entry["ignores"][-MAX_IGNORES:]
            if entry:
                entry["touched"] = time.time()
                documents[uri] = entry
            else:
                documents.pop(uri, None)
            if len(documents) > MAX_DOCUMENTS:
                by_age = sorted(documents, key=lambda u: documents[u].get("touched", 0))
                keep = by_age[-MAX_DOCUMENTS:]
                documents = {u: documents[u] for u in keep}
            self._documents = documents
            self._write(documents)

    def _read(self) -> dict[str, dict[str, Any]]:
        path = self.path
        if path is None:
            return dict(self._documents)
        try:
            raw = read_regular(path, MAX_BYTES)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            try:
                too_large = path.is_file() and path.stat().st_size > MAX_BYTES
            except OSError:  # not even stat() is allowed (a folder of another user)
                too_large = False
            if not too_large:
                log.warning("无法读取状态文件 %s：%s", path, exc)
                return {}
            raw = b""  # too large: set aside below
        try:
            if not raw:
                raise ValueError(f"超过 {MAX_BYTES // 1024 // 1024} MB"
                                 if path.exists() else "空文件")
            data = json.loads(raw.decode("utf-8"))
            documents = data["documents"]
            if not isinstance(documents, dict):
                raise ValueError("documents 不是表")
            return {str(k): dict(v) for k, v in documents.items()
                    if isinstance(v, dict) and len(str(k)) <= MAX_URI}
        # (bad UTF-8 is a ValueError)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            if self.read_only:
                log.warning("状态文件 %s 已损坏（%s），未使用", path, exc)
                return {}
            aside = path.with_name(f"{STATE_FILE}.damaged-{int(time.time())}")
            log.warning("状态文件 %s 已损坏（%s），另存为 %s 后重新开始", path, exc, aside.name)
            try:
                path.replace(aside)
            except OSError:
                pass
            return {}

    def _write(self, documents: dict[str, dict[str, Any]]) -> None:
        path = self.path
        if path is None:
            return
        while True:
            text = json.dumps({"version": FORMAT_VERSION, "documents": documents},
                              ensure_ascii=False, indent=1) + "\n"
            if len(text.encode("utf-8")) <= MAX_BYTES or not documents:
                break
            oldest = sorted(documents, key=lambda u: documents[u].get("touched", 0))
            documents = {u: documents[u] for u in oldest[max(1, len(oldest) // 10):]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        except (OSError, WenfengError) as exc:
            # The choice still holds for this session; only persistence failed.
            log.warning("无法保存状态文件 %s：%s", path, exc)
