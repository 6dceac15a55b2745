"""Temporary files of atomic writes, and the ones a killed run left behind.

``write_atomic`` writes ``.<name>.<pid>.<random>.wenfeng-tmp`` next to its target and renames it
over the target.  A run killed (``kill -9``, power loss) between the two leaves that file — up to
the size of the draft.  The next run that writes into the same folder removes such leftovers:
those of the current user whose process is gone (or that are over a day old).
"""

from __future__ import annotations

import logging
import os
import re
import stat
import time
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = ".wenfeng-tmp"
_NAME = re.compile(r"^\..*\.(\d+)\.[^.]+" + re.escape(SUFFIX) + r"$", re.S)
MAX_AGE = 24 * 3600
_swept: set[str] = set()


def prefix_for(path: Path) -> str:
    """mkstemp's prefix: the target's name (shortened: the whole must fit in 255 bytes) and pid."""
    name = path.name
    while len(os.fsencode(name)) > 120:
        name = name[:-1]
    return f".{name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or not a pid: leave it
    return True


def sweep(folder: Path) -> list[Path]:
    """Remove stale temporary files in ``folder`` (once per folder and run); what was removed."""
    key = os.fsdecode(os.path.abspath(folder))
    if key in _swept:
        return []
    _swept.add(key)
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m or int(m.group(1)) == os.getpid():
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                continue
            if _alive(int(m.group(1))) and now - st.st_mtime < MAX_AGE:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
            log.info("已删除上次中断留下的临时文件 %s", entry.path)
        except OSError:
            continue
    return removed
