"""Trim to the limit (压到限额): candidate cuts and a plan that brings a draft under its limit.

Pure core: takes a checked :class:`~wenfeng.model.Report`, returns a :class:`TrimPlan` whose
``edits`` (code points of ``Document.text``) every adapter applies — the CLI (``wenfeng trim``),
the .docx writer (tracked changes), the language server's code action and the VS Code
checklist (:func:`choose` narrows a plan to the cuts a drafter ticked).  What may be cut and
what never is are data in ``lexicons/trim/``.
"""

from .candidates import Cut
from .plan import TARGETS, TrimError, TrimPlan, choose, plan_trim

__all__ = ["Cut", "TARGETS", "TrimError", "TrimPlan", "choose", "plan_trim"]
