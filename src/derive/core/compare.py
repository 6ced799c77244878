"""Comparing two values at a point: exactly where both are exact, numerically otherwise.

Two exact values (rationals, radicals, exponentials of exact numbers, π) are compared
exactly: their difference is zero, or it is evaluated with the precision raised until it is
known to be nonzero (then they differ, however small the difference) or the precision is
exhausted at ``max_digits`` digits (then they agree to that many digits: evidence, not
proof). Values that went through numerical integration carry rounding, and are compared with a
relative tolerance.

Example:
    >>> from sympy import Rational, sqrt
    >>> compare_values(1 + Rational(1, 10**60), 1).outcome
    'differ'
    >>> compare_values(sqrt(2) * sqrt(3), sqrt(6)).outcome, compare_values(2, 2).exact
    ('agree', True)
    >>> compare_values(sqrt(2) + Rational(1, 10**150), sqrt(2)).outcome
    'differ'
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Basic, Dummy, Float, Max, Rational, Subs, preorder_traversal, sympify
from sympy.core.evalf import PrecisionExhausted

# Values that went through quadrature: closer than AGREE (relative) are equal at a point,
# further apart than DISAGREE unequal, in between too close to call.
AGREE = Rational(1, 10**40)
DISAGREE = Rational(1, 10**20)

# What a numerical integration gives when its estimated error is too large for the tolerances
# above (fewer than 40 correct digits): a value no comparison can decide.
INACCURATE = Dummy("inaccurate_quadrature")
INACCURATE_REASON = (
    "a numerical integration is too inaccurate to compare the sides (mpmath's error estimate "
    "leaves fewer than 40 correct digits)"
)

# A side that holds the derivative of an unknown function (or density) at a point.
UNKNOWN_DERIVATIVE_REASON = (
    "a side holds the derivative of an unknown function or density, which has no value at a point"
)


@dataclass(frozen=True)
class Comparison:
    """``outcome`` is 'agree', 'differ' or 'unknown'; ``exact`` says whether the outcome was
    reached in exact arithmetic (an exact zero or an exactly nonzero difference); ``digits``
    the precision an inexact agreement holds to; ``reason`` why an 'unknown' is unknown, where
    that is worth saying."""

    outcome: str
    exact: bool = False
    digits: int = 0
    reason: str = ""


def is_exact(value: Basic) -> bool:
    """Whether ``value`` is a number written without rounding (no float, no free symbol, no
    unevaluated integral)."""
    value = sympify(value)
    return value.is_number and not value.atoms(Float) and not _has_unevaluated(value)


def _has_unevaluated(value: Basic) -> bool:
    """Whether ``value`` holds anything but arithmetic and SymPy's elementary functions: an
    integral, a sum or a limit left unevaluated, or an object of a domain package."""
    from sympy import Derivative, Integral, Limit, Product, Sum
    from sympy.core.function import AppliedUndef

    held = (Integral, Sum, Product, Derivative, Limit, AppliedUndef)
    for node in preorder_traversal(value):
        if isinstance(node, held) or not type(node).__module__.startswith("sympy."):
            return True
    return False


def compare_values(a, b, max_digits: int = 1000) -> Comparison:
    """Compare two numbers, exactly where both are exact."""
    a, b = sympify(a), sympify(b)
    if a.has(INACCURATE) or b.has(INACCURATE):
        return Comparison("unknown", reason=INACCURATE_REASON)
    if is_exact(a) and is_exact(b):
        return _exact(a, b, max_digits)
    if a.has(Subs) or b.has(Subs):  # a derivative of an unknown function, at the point
        if a - b == 0:
            return Comparison("agree", exact=True)
        return Comparison("unknown", reason=UNKNOWN_DERIVATIVE_REASON)
    return Comparison(tolerant(a, b), digits=40)


def _exact(a: Basic, b: Basic, max_digits: int) -> Comparison:
    try:
        difference = a - b
    except (TypeError, ValueError):
        return Comparison("unknown")
    if difference == 0:
        return Comparison("agree", exact=True)
    if difference.is_Rational:
        return Comparison("differ", exact=True)
    if not (difference.is_finite is not False and a.is_finite is not False):
        return Comparison("unknown")
    try:
        value = difference.evalf(15, strict=True, maxn=max_digits)
    except PrecisionExhausted:
        return Comparison("agree", digits=max_digits)
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        return Comparison("unknown")
    if value == 0:
        return Comparison("agree", digits=max_digits)
    if value.is_finite and value.is_number and not value.has_free():
        return Comparison("differ", exact=True)
    return Comparison("unknown")


def _larger(a, b):
    """``Max(a, b)``; for two real numbers (floats, rationals) the larger of them without
    building SymPy's ``Max`` (the same value, which is one of the two)."""
    if getattr(a, "is_Number", False) and getattr(b, "is_Number", False):
        if a > b:
            return a
        if b > a:
            return b
    return Max(a, b)  # (of two equal numbers, Max keeps the one its ordering puts first)


def tolerant(a, b) -> str:
    """'agree', 'differ', or 'unknown' for values that carry rounding (not finite, not a
    number, or too close to call). The comparison is relative to the larger value, however
    small: exp(-2000) and exp(-4000) differ (a scale floored at 1 would call them both zero).

    Example:
        >>> from sympy import Float, exp
        >>> tolerant(Float(1), Float(1)), tolerant(Float(1), Float(2))
        ('agree', 'differ')
        >>> tolerant(exp(-2000).evalf(50), exp(-4000).evalf(50))
        'differ'
    """
    gap, scale = abs(a - b), _larger(abs(a), abs(b))
    if gap.free_symbols or not (gap.is_finite and scale.is_finite) or not gap.is_number:
        return "unknown"
    try:
        if scale == 0 or bool(gap <= AGREE * scale):
            return "agree"
        if bool(gap > DISAGREE * scale):
            return "differ"
    except TypeError:  # a comparison SymPy cannot decide (an unevaluated part): no verdict
        return "unknown"
    return "unknown"
