"""Which files a command line names: folders expanded to the drafts inside, each file once."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

CHECKED_SUFFIXES = {".txt", ".md", ".markdown", ".docx"}


def collect(paths: Iterable[str], suffixes: Iterable[str] = CHECKED_SUFFIXES,
            ) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders (recursively, files with these suffixes — .txt/.md/.docx unless told —,
    hidden folders skipped); keep order."""
    suffixes = frozenset(suffixes)
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.startswith("~$")
            )
            if not found:
                errors.append((raw, "文件夹中没有可检查的 .txt、.md 或 .docx 文件"))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            errors.append((raw, "文件不存在"))
    unique: dict[Path, Path] = {}  # a file named twice (or inside a named folder) once only:
    for f in files:                # --fix must not write it twice
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), errors
