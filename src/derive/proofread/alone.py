r"""A failing line's right side read on its own, when the line fails on shapes its left side
carried from the line before.

Such a line is reported already (the line before fails on the same product), and what it adds
is hidden behind it: seed 001's line 280 expands (x − μ₁)ᵀ(x − μ₁) as xxᵀ − 2xμ₁ + μ₁ᵀμ₁, a
product of two column vectors, inside a trace whose left side is already ill-formed. Its right
side alone is a question (no comparison), so only its own shapes are read; it is reported when
it is not well-formed with a slip other than the one its left side carries.

Example:
    >>> _slip("not well-formed: 2·x (n×1) times μ₁ (n×1) is not defined (the shapes …)")
    '2·x (n×1) times μ₁ (n×1)'
"""

from __future__ import annotations

import time
from dataclasses import replace

from .model import FAILS, Checked


def ill_formed(reason: str) -> bool:
    """Whether a reason says the line is not well-formed (its shapes do not match)."""
    return "not well-formed" in reason


def inherited(before: Checked, after: Checked) -> bool:
    """Whether ``after`` fails on the shapes its left side carried from the line ``before``
    (the same slip, reported already): only its right side can hold a slip of its own."""
    same = before.link.rhs == after.link.lhs and before.verdict == after.verdict == FAILS
    return same and ill_formed(after.reason) and _slip(before.reason) == _slip(after.reason)


def right_side_alone(result: Checked, context, laws: set, bounds, decide) -> list[Checked]:
    """The entry for ``result``'s right side on its own (see the module's docstring), or
    nothing; ``bounds`` is (the time bound of a link, the document's deadline)."""
    timeout, deadline = bounds
    link = result.link
    remaining = deadline - time.process_time()
    if remaining <= 0:
        return []
    side = replace(link, lhs=link.rhs, relation="", rhs="", alone=True, bridge=False)
    question = context.declare(context.expectations(side.lhs, laws))
    givens = tuple(context.declare(g) for g in result.givens)
    givens += context.declarations(question)
    try:
        decision = decide(question, givens, None, context.notation, min(timeout, remaining))
    except Exception:  # noqa: BLE001 - a side that does not read on its own adds nothing
        return []
    method = decision.method or ""
    if decision.kind != "fails" or not ill_formed(method) or _slip(method) == _slip(result.reason):
        return []
    beside = "a slip of its own, beside the one its left side carries"
    reason = f"its right side on its own: {method} ({beside})"
    return [Checked(side, FAILS, reason=reason, read_as=decision.read_as, givens=result.givens)]


def _slip(reason: str) -> str:
    """The product or sum a not-well-formed reason names, without what follows it."""
    return reason.split("not well-formed:", 1)[-1].split(" is not defined", 1)[0].strip()
