r"""A failing line with a letter the document has not introduced yet: one that stands on one
side only, was never defined or declared, no earlier step of the section used, and that the
document gives a meaning around this line: a later line of the section states it
(``Σ₁₂ = … = Σ₂₁ᵀ`` with ``Σ₂₁ = …`` on the next row), or the definition that opens the
chain brings it in unexplained (``d = \frac{b}{2a} = …``, where b is the coefficient the prose
means). The checker's free letter is then not the document's: the failure is undecided,
never a slip. Any other failing line (``a + a = 6``, a dropped term) fails as it did.

Example:
    >>> from derive.proofread.model import Checked, Link
    >>> failed = Checked(Link(9, "=", r"\frac{b}{2a}", r"\frac{x}{a}"), "fails", reason="r")
    >>> unintroduced(failed, seen={"a", "x"}, known=set(), introduced={"b"}).verdict
    'undecided'
    >>> unintroduced(failed, seen={"a", "x"}, known=set(), introduced=set()).verdict
    'fails'
    >>> unintroduced(failed, seen={"a", "b", "x"}, known=set(), introduced={"b"}).verdict
    'fails'
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import FAILS, UNDECIDED, Checked
from .names import known_to_notation, name_key, tokens

_TRANSPOSE = re.compile(
    r"\^\s*(?:\{\s*(?:T|\\top)\s*\}|T|\\top)(?![A-Za-z])"
)  # Σᵀ's T is no letter


def unintroduced(result: Checked, seen: set, known: set, introduced: set) -> Checked:
    """``result`` undecided when it fails with a letter the document has not introduced yet
    (see the module's docstring); ``seen``: the names earlier steps of the section used;
    ``known``: the names defined or declared; ``introduced``: the names later lines state and
    those the chain's opening definition brings in."""
    if result.verdict != FAILS:
        return result
    sides = [_TRANSPOSE.sub(" ", s) for s in (result.link.lhs, result.link.rhs)]
    left, right = (tokens(s) for s in sides)
    new = sorted(
        t
        for t in left ^ right
        if t in introduced and t not in seen and t not in known
        and not known_to_notation(name_key(t) or t)
        and not any(re.search(re.escape(t) + r"\s*\(", s) for s in sides)  # D_{KL}(…): applied
    )  # fmt: skip
    if not new:
        return result
    names = ", ".join(new)
    reason = (
        f"{names} stands on one side only, and the document gives it its meaning around this "
        f"line, not before it: the failure with {names} free is not counted as a slip "
        f"({result.reason})"
    )
    return replace(result, verdict=UNDECIDED, strength="", reason=reason)
