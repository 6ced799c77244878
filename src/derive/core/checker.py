"""The checker: decides each step on its own, by a route independent of the script's.

Both sides of a step are first reduced by :func:`derive.gaussian.reduce` (densities by their
formula, KL by its definition, expectations by the normal law's moments); the checker never
looks at how the script built the new side. Then:

1. both sides are evaluated to 50 digits at random points of the symbols' domain (exact
   rational coordinates, drawn from a seed fixed by the step's content): a disagreement refutes
   the step, with the point and both values as the counterexample;
2. the difference is simplified symbolically: zero proves the step ("symbolic");
3. otherwise agreement at every point verifies it as "numeric", and says so.

A relation ``∝ x`` is checked the same way on the ratio of the sides, which must not depend on
``x``. Anything the checker cannot decide, including running out of its time bound, is
*unverified*, with the reason.

Example:
    >>> from sympy import symbols
    >>> from derive.core.model import EQ, Step
    >>> from derive.core.rules import Rule
    >>> a, b = symbols("a b", positive=True)
    >>> check_step((a + b)**2, Step(EQ, a**2 + 2*a*b + b**2, Rule("expand"))).status
    'verified'
    >>> check_step((a + b)**2, Step(EQ, a**2 + b**2, Rule("expand"))).status
    'refuted'
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from sympy import Basic, Max, Rational, Symbol, diff, expand, expand_log, simplify, srepr

from ..errors import CheckTimeout
from ..gaussian import KL, Density, Expectation, numeric_value, reduce
from .model import EQ, Step
from .rules import Assumed
from .timebound import time_bound

DIGITS = 50
POINTS = 4
# Values closer than AGREE (relative) are equal at a point; further apart than DISAGREE, unequal.
AGREE = Rational(1, 10**40)
DISAGREE = Rational(1, 10**20)


@dataclass(frozen=True)
class Counterexample:
    """A point of the domain and both sides' values there (for ``∝``: at two values of the
    variable, ``lhs``/``rhs`` at ``values`` and ``lhs2``/``rhs2`` at ``values2``)."""

    values: tuple[tuple[Symbol, Rational], ...]
    lhs: Basic
    rhs: Basic
    values2: tuple[tuple[Symbol, Rational], ...] = ()
    lhs2: Basic | None = None
    rhs2: Basic | None = None


@dataclass(frozen=True)
class Verdict:
    """``verified`` (with ``method``), ``refuted`` (with ``counterexample``) or ``unverified``
    (with ``reason``)."""

    status: str
    method: str = ""
    counterexample: Counterexample | None = None
    reason: str = ""


@dataclass(frozen=True)
class CheckContext:
    """What the checker knows beyond the step: symbol ranges and its time bound (seconds)."""

    ranges: dict = field(default_factory=dict)
    timeout: float | None = 30.0


def check_step(lhs: Basic, step: Step, context: CheckContext | None = None) -> Verdict:
    """Decide ``lhs <step.relation> step.expr``."""
    context = context or CheckContext()
    if isinstance(step.rule, Assumed):
        return Verdict("unverified", reason=f"assumed without a check: {step.rule.name}")
    try:
        with time_bound(context.timeout):
            if step.relation == EQ:
                return _check_equal(lhs, step.expr, context)
            if step.relation.symbol == "∝":
                return _check_proportional(lhs, step.expr, step.relation.var, context)
            return Verdict("unverified", reason=f"no check for the relation '{step.relation}'")
    except CheckTimeout as timeout:
        return Verdict("unverified", reason=str(timeout))


def _check_equal(lhs: Basic, rhs: Basic, context: CheckContext) -> Verdict:
    left, right = reduce(lhs), reduce(rhs)
    agreed = 0
    for point in sample_points(_symbols(left, right), context.ranges, _seed(lhs, rhs)):
        a, b = numeric_value(left, point, DIGITS), numeric_value(right, point, DIGITS)
        outcome = _compare(a, b)
        if outcome == "differ":
            return Verdict("refuted", "numeric evaluation", Counterexample(_items(point), a, b))
        agreed += outcome == "agree"
    proof = _symbolic_zero(left - right)
    if proof:
        return Verdict("verified", f"symbolic: {_route(lhs, rhs)}{proof}")
    if agreed == POINTS:
        return Verdict("verified", f"numeric: equal to 40 digits at {POINTS} random points")
    return Verdict("unverified", reason="not simplified to zero, and not evaluable at every point")


def _check_proportional(lhs: Basic, rhs: Basic, var: Symbol, context: CheckContext) -> Verdict:
    left, right = reduce(lhs), reduce(rhs)
    ratio = left / right
    others = [s for s in _symbols(left, right) if s != var]
    agreed = 0
    rng_points = sample_points(others, context.ranges, _seed(lhs, rhs))
    var_points = sample_points([var], context.ranges, _seed(rhs, lhs), count=2 * POINTS)
    for i, point in enumerate(rng_points):
        at = [{**point, **var_points[2 * i]}, {**point, **var_points[2 * i + 1]}]
        sides = [(numeric_value(left, p, DIGITS), numeric_value(right, p, DIGITS)) for p in at]
        if any(_compare(b, 0) != "differ" for _, b in sides):
            continue  # the ratio is undefined at this point
        outcome = _compare(sides[0][0] * sides[1][1], sides[1][0] * sides[0][1])
        if outcome == "differ":
            example = Counterexample(
                _items(at[0]), *sides[0], values2=_items(at[1]), lhs2=sides[1][0], rhs2=sides[1][1]
            )
            return Verdict("refuted", "numeric evaluation", example)
        agreed += outcome == "agree"
    proof = _symbolic_zero(diff(ratio, var))
    if proof:
        return Verdict(
            "verified",
            f"symbolic: ratio constant in {var}: {_route(lhs, rhs)}d/d{var} of it: {proof}",
        )
    if agreed == POINTS:
        return Verdict(
            "verified", f"numeric: ratio constant in {var} to 40 digits at {POINTS} random points"
        )
    return Verdict("unverified", reason=f"could not show the ratio is constant in {var}")


def _symbolic_zero(expr: Basic) -> str:
    """How ``expr`` was shown to be zero ("" if it was not)."""
    if expr == 0:
        return "both sides reduce to the same canonical form"
    if expand(expand_log(expr)) == 0:
        return "the difference expands to 0"
    if simplify(expr) == 0:
        return "the difference simplifies to 0"
    return ""


def _route(lhs: Basic, rhs: Basic) -> str:
    probabilistic = (KL, Density, Expectation)
    if any(side.has(*probabilistic) for side in (lhs, rhs)):
        return "Gaussian moments; "
    return ""


def _compare(a, b) -> str:
    """'agree', 'differ', or 'unknown' (not finite, or too close to call)."""
    gap, scale = abs(a - b), Max(abs(a), abs(b), 1)
    if not (gap.is_finite and scale.is_finite) or gap.has(Symbol):
        return "unknown"
    if gap <= AGREE * scale:
        return "agree"
    if gap > DISAGREE * scale:
        return "differ"
    return "unknown"


def sample_points(
    symbols: list[Symbol], ranges: dict, seed: int, count: int = POINTS
) -> list[dict[Symbol, Rational]]:
    """``count`` exact rational points, each symbol inside its domain.

    The domain is a symbol's range if given, else read off its assumptions (positive, integer,
    real). The same seed gives the same points.

    Example:
        >>> from sympy import Symbol
        >>> s = Symbol("s", positive=True)
        >>> all(p[s] > 0 for p in sample_points([s], {}, seed=1))
        True
    """
    rng = random.Random(seed)
    return [{s: _sample(s, ranges.get(s), rng) for s in symbols} for _ in range(count)]


def _sample(symbol: Symbol, bounds, rng: random.Random) -> Rational:
    if bounds is not None:
        low, high = (Rational(b) for b in bounds)
        return low + (high - low) * Rational(rng.randint(1, 96), 97)
    if symbol.is_integer:
        return Rational(rng.randint(1, 6))
    magnitude = Rational(rng.randint(1, 89), rng.randint(2, 13))
    if symbol.is_nonnegative:
        return magnitude
    return magnitude * rng.choice((-1, 1))


def _symbols(*exprs: Basic) -> list[Symbol]:
    found = set().union(*(e.free_symbols for e in exprs))
    return sorted(found, key=lambda s: (s.name, s.sort_key()))


def _seed(*exprs: Basic) -> int:
    digest = hashlib.sha256("|".join(srepr(e) for e in exprs).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _items(point: dict) -> tuple:
    return tuple(sorted(point.items(), key=lambda item: item[0].name))
