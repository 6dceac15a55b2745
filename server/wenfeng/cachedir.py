"""Where wenfeng keeps files it can always rebuild (jieba's parsed dictionary, compiled lexicons).

One function decides the folder, so every cache lives in the same place:
``$WENFENG_CACHE_DIR``, else ``$XDG_CACHE_HOME/wenfeng``, else ``%LOCALAPPDATA%\\wenfeng\\cache``
on Windows, else ``~/.cache/wenfeng``.  Deleting the folder is always safe.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The folder for rebuildable caches, from the environment (not created here)."""
    if explicit := os.environ.get("WENFENG_CACHE_DIR"):
        return Path(explicit).expanduser()
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg).expanduser() / "wenfeng"
    if os.name == "nt" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "wenfeng" / "cache"
    return Path.home() / ".cache" / "wenfeng"
