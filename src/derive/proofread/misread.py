r"""Lines the claim grammar would misread, caught before or after deciding them.

A proofreader must not flag a correct line because it read it wrongly. Two guards:

* before deciding, constructs the grammar does not have yet are "not read" with their name:
  an expectation or variance under a named law (``E_P[…]``, ``\mathbb{E}_P[…]``,
  ``\text{Var}_P(x)``), an integral;
* after a failure, a counterexample that gives a value to a name the line uses as a function
  (``p`` in ``p(x)``) or as an operator (``E_P``) shows the line was read as a product: the
  link is "not read", not "fails".

Example:
    >>> unsupported(r"E_P[x] = \mu")
    'an expectation under a named law (E_P[…])'
"""

from __future__ import annotations

import re

_NAMED_EXPECTATION = re.compile(
    r"(?:\\mathbb\{E\}|\\mathbb E|(?<![\\A-Za-z])E)_(?:[A-Za-z]|\{[A-Za-z]\})\s*(?:\[|\\left\[|\()"
)
_NAMED_VARIANCE = re.compile(r"(?:\\text\{Var\}|\\operatorname\{Var\}|\\mathrm\{Var\}|Var)_")
_UNSUPPORTED = (
    (_NAMED_EXPECTATION, "an expectation under a named law (E_P[…])"),
    (_NAMED_VARIANCE, "a variance under a named law (Var_P(x))"),
    (re.compile(r"\\i+nt(?![a-zA-Z])"), "an integral"),
)


def unsupported(claim: str) -> str | None:
    """The construct of ``claim`` the grammar cannot read yet, or None."""
    for pattern, what in _UNSUPPORTED:
        if pattern.search(claim):
            return what
    return None


# A letter (with a subscript) applied to an argument with no bar or semicolon: p(x), P_1(x);
# not an exponent, such as the transpose in (x - μ)^T (x - μ).
_APPLIED = re.compile(
    r"(?<![\\A-Za-z_{^])(?P<name>[A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*\((?P<argument>[^()|;]*)\)"
)


def applied_letters(claim: str) -> set[str]:
    """The letters ``claim`` applies like functions (``p(x)``, ``P_1(x)``), N excepted.

    Example:
        >>> sorted(applied_letters(r"P_1(x) + q(x | y) + \\mathcal{N}(x; 0, 1) + p(x)"))
        ['P_1', 'p']
        >>> applied_letters(r"\\Sigma^{-1} (x - \\mu)^T (x - \\mu)")
        set()
    """
    found = {m["name"] for m in _APPLIED.finditer(claim) if "\\mid" not in m["argument"]}
    return {name for name in found if name[0] not in "NE"}


def misread(claim: str, counterexample, defined: set = frozenset()) -> str | None:
    """Why a failure shows a misreading (see the module), or None. A failure with no
    counterexample (shapes that do not match) in a line that applies letters like functions
    is a misreading too: the grammar took ``P_1(x)`` for a product."""
    from ..render.printers import text

    if counterexample is None:
        applied = sorted(applied_letters(claim))
        if applied:
            return f"{applied[0]}(…) was read as a product, not as a function"
        return None
    for symbol, _ in counterexample.values:
        name = text(symbol)
        plain = getattr(symbol, "name", name)
        base = plain.split("[", 1)[0]
        if base in defined:
            return f"{base} has a definition the checker did not apply ({base} read as a matrix)"
        if base == "I":
            return "I was read as a number, not as the identity matrix"
        if plain.startswith("E_") or name.startswith("E_"):
            return f"{name} was read as a number: an expectation the grammar does not know"
        letter = re.escape(plain)
        if len(plain) == 1 and re.search(rf"(?<![\\A-Za-z_^]){letter}\s*(?:\(|\\left\()", claim):
            return f"{plain}(…) was read as the product of a number {plain} and its argument"
    return None
