"""What a named Python check is: :class:`Check` (name, function, the rule keys it reads).

A check is a pure function of the document context and its rule; it reads the rule's extra keys
from ``rule.params`` and yields :class:`~wenfeng.rules.context.DocHit` in document offsets.  The
:func:`check` decorator only wraps a function in a :class:`Check`; nothing is registered until
:mod:`.registry` lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping

from ...model import Block, BlockKind
from ..context import DocContext, DocHit

CheckFn = Callable[[DocContext, Any], Iterator[DocHit]]
KeyType = type | tuple[type, ...]


@dataclass(frozen=True)
class Check:
    """A named check: ``check = "<name>"`` in a rule table selects it."""

    name: str
    run: CheckFn
    keys: Mapping[str, KeyType] = field(default_factory=dict)  # extra rule keys it reads
    required: frozenset[str] = frozenset()  # keys a rule must give (defaults live in the data)

    def __call__(self, ctx: DocContext, rule: Any) -> Iterator[DocHit]:
        return self.run(ctx, rule)


def check(name: str, **keys: KeyType) -> Callable[[CheckFn], Check]:
    """``@check("name", key=type, …)``: make ``fn`` a :class:`Check` (list it in its module's
    ``CHECKS`` and the module in :mod:`.registry`)."""
    def wrap(fn: CheckFn) -> Check:
        return Check(name, fn, keys)
    return wrap


def blocks(ctx: DocContext, *kinds: BlockKind) -> list[Block]:
    return [b for b in ctx.document.blocks if b.kind in kinds]
