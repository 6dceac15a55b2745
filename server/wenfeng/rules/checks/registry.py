"""Every named Python check, listed explicitly: the modules below and each one's ``CHECKS``.

Adding a check: write it in a module of this package with ``@check("name", key=type)``, add it to
that module's ``CHECKS`` (and a new module to ``MODULES``), then add a rule table with
``kind = "check"`` and examples in ``lexicons/rules``.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    attachments,
    conversion,
    dates,
    formalism,
    frame,
    layout,
    numbering,
    quotes,
    request,
    titles,
)
from .base import Check

MODULES: tuple[ModuleType, ...] = (
    attachments, conversion, dates, formalism, frame, numbering, quotes, request, titles, layout)

CHECKS: dict[str, Check] = {c.name: c for module in MODULES for c in module.CHECKS}


def clear_caches() -> None:
    """Forget the checks' per-paragraph caches (benchmarks measure cold checks)."""
    request.cached_spans.cache_clear()
    quotes._quotes_in.cache_clear()
    conversion._wrong_forms.cache_clear()
    numbering._parsed_heading.cache_clear()
