"""Symbolic proof attempts, cheapest first, each bounded in the size of what it simplifies.

``simplify`` alone is general but can take minutes on the rational functions that explicit
2×2 inverses produce; targeted steps (comparing exponents, cancelling rational functions) decide
those in milliseconds, and ``simplify`` is kept for small expressions.

Example:
    >>> from sympy import exp, symbols
    >>> a, b = symbols("a b", positive=True)
    >>> equal(exp(a + b), exp(b + a))
    'both sides reduce to the same canonical form'
    >>> equal((a**2 - b**2) / (a - b), a + b)
    'the difference cancels to 0'
"""

from __future__ import annotations

from sympy import (
    Basic,
    cancel,
    count_ops,
    diff,
    exp,
    expand,
    expand_log,
    powsimp,
    simplify,
    together,
)

SIMPLIFY_LIMIT = 300  # operations; larger expressions are not given to simplify


def zero(expr: Basic) -> str:
    """How ``expr`` was shown to be zero ("" if it was not)."""
    if expr == 0:
        return "both sides reduce to the same canonical form"
    if expand(expand_log(expr)) == 0:
        return "the difference expands to 0"
    if expr.is_rational_function() and cancel(together(expr)) == 0:
        return "the difference cancels to 0"
    try:
        if count_ops(expr) <= SIMPLIFY_LIMIT and simplify(expr) == 0:
            return "the difference simplifies to 0"
    except RecursionError:  # SymPy's simplify recursing too deep proves nothing either way
        pass
    return ""


def equal(left: Basic, right: Basic) -> str:
    """How ``left = right`` was shown ("" if it was not); two exponentials by their exponents."""
    if left == right:
        return zero(left - right)
    if isinstance(left, exp) and isinstance(right, exp):
        how = zero(left.args[0] - right.args[0])
        if how:
            return f"equal exponents: {how}"
    return zero(left - right)


def constant_ratio(left: Basic, right: Basic, variables: list) -> str:
    """How ``left / right`` was shown not to depend on ``variables`` ("" if it was not).

    Factors free of the variables are set aside; if what remains of each side is an
    exponential, the exponents' difference must have zero derivatives.
    """
    left_rest, right_rest = (_dependent(side, variables) for side in (left, right))
    if isinstance(left_rest, exp) and isinstance(right_rest, exp):
        gap = left_rest.args[0] - right_rest.args[0]
        hows = [zero(diff(gap, v)) for v in variables]
        if all(hows):
            return f"the exponents differ by a constant: {hows[0]}"
    ratio = left / right
    hows = [zero(diff(ratio, v)) for v in variables]
    return hows[0] if all(hows) else ""


def _dependent(side: Basic, variables: list) -> Basic:
    _, rest = powsimp(side, combine="exp").as_independent(*variables, as_Add=False)
    return rest
