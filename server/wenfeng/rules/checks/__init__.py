"""Named ``structure`` checks (``check = "…"`` in a rule table), one small module per topic.

Importing this package registers every check with :func:`wenfeng.rules.kinds.check.check`;
``kinds/structure.py`` imports it once at the end.  Each check is a pure function of the
document context and the rule: it reads the rule's extra keys from ``rule.params`` and yields
:class:`~wenfeng.rules.context.DocHit` in document offsets.
"""

from . import attachments, dates, formalism, frame, numbering, request, titles  # noqa: F401
