"""Random points of a domain, numeric comparison, and opaque sub-expressions.

Example:
    >>> from sympy import Symbol
    >>> s = Symbol("s", positive=True)
    >>> all(p[s] > 0 for p in sample_points([s], {}, seed=1))
    True
"""

from __future__ import annotations

import hashlib
import math
import random

from sympy import Basic, Expr, Indexed, Product, Rational, Sum, Symbol, srepr
from sympy.core.function import AppliedUndef

from ..gaussian import KL, Density, Entropy, Expectation, Law

DIGITS = 50
POINTS = 12  # the fewest points numeric evidence rests on (see derive.core.config)


def sample_points(
    symbols: list[Symbol], ranges: dict, seed: int, count: int = POINTS
) -> list[dict[Symbol, Rational]]:
    """``count`` exact rational points, each symbol inside its domain.

    The domain is a symbol's range if given, else read off its assumptions (positive, integer,
    real). Coordinates are rationals with large random denominators (no lattice a claim could
    be tuned to), and the first points take every sign pattern of the real symbols whose sign
    is not known, so that no orthant is missed. The same seed gives the same points.

    Example:
        >>> from sympy import Symbol
        >>> x, y = Symbol("x", real=True), Symbol("y", real=True)
        >>> signs = {(p[x] > 0, p[y] > 0) for p in sample_points([x, y], {}, seed=3, count=4)}
        >>> len(signs)
        4
    """
    rng = random.Random(seed)
    signed = [s for s in symbols if not s.is_integer and ranges.get(s) is None]
    signed = [s for s in signed if not s.is_nonnegative and not s.is_nonpositive]
    points = []
    for index in range(count):
        point = {s: _sample(s, ranges.get(s), rng, index) for s in symbols}
        if index < 2 ** len(signed):  # every sign pattern first
            for bit, s in enumerate(signed):
                point[s] = abs(point[s]) * (-1 if (index >> bit) & 1 else 1)
        points.append(point)
    return points


def point_count(symbols: list[Symbol], ranges: dict, least: int = POINTS, most: int = 32) -> int:
    """How many points cover ``symbols``: at least ``least``, and every sign pattern of the
    real symbols of unknown sign (up to ``most``)."""
    signed = [
        s for s in symbols
        if not s.is_integer and ranges.get(s) is None
        and not s.is_nonnegative and not s.is_nonpositive
    ]  # fmt: skip
    return max(least, min(2 ** len(signed), most))


def _denominator(rng: random.Random) -> int:
    return rng.randint(10**4, 10**6)


def _sample(symbol: Symbol, bounds, rng: random.Random, index: int = 0) -> Rational:
    if symbol.is_integer:  # a range of an integer is closed: (2, 8) is 2, 3, ..., 8
        if bounds is not None:
            low, high = bounds
        else:  # small values first (cheap sums), then larger ones
            high = 6 if index < 4 else 40
            low = 0 if symbol.is_nonnegative and not symbol.is_positive else 1
            if not symbol.is_nonnegative:
                return Rational(rng.randint(1, high) * rng.choice((-1, 1)))
        return Rational(rng.randint(low, high))
    q = _denominator(rng)
    if bounds is not None:
        low, high = (Rational(b) for b in bounds)
        return low + (high - low) * Rational(rng.randint(1, q - 1), q)
    # Moderate magnitudes, log-uniform in about (1/20, 12): exponents stay readable, and
    # nothing hides in an underflow.
    magnitude = Rational(max(1, round(math.exp(rng.uniform(-3, 2.5)) * q)), q)
    if symbol.is_nonnegative:
        return magnitude
    if symbol.is_nonpositive:
        return -magnitude
    return magnitude * rng.choice((-1, 1))


def compare(a, b) -> str:
    """'agree', 'differ' or 'unknown' for two values at a point: exactly where both are exact
    (see :func:`derive.core.compare.compare_values`).

    Example:
        >>> from sympy import Float, Rational
        >>> compare(Float(1), Float(1)), compare(1 + Rational(1, 10**60), 1)
        ('agree', 'differ')
    """
    from .compare import compare_values

    return compare_values(a, b).outcome


def opaque_atoms(*exprs: Basic) -> list[Expr]:
    """Sub-expressions no number can be put on: expectations under a law known only by its
    moments, undefined functions. The checker treats each as an unknown real.

    Example:
        >>> from sympy import Function, Symbol
        >>> f, x = Function("f"), Symbol("x")
        >>> opaque_atoms(f(x) + 1)
        [f(x)]
    """
    found = set()
    for expr in exprs:
        found |= expr.atoms(AppliedUndef)
        found |= {e for e in expr.atoms(Expectation, Density, KL, Entropy) if _abstract(e)}
    return sorted(found, key=srepr)


def _abstract(node: Basic) -> bool:
    return any(isinstance(arg, Law) for arg in node.args)


def symbols_of(*exprs: Basic) -> list[Symbol]:
    """The free symbols of ``exprs`` to sample, sorted by name (not the labels of indexed
    families such as ``alpha`` in ``alpha[t]``: their members are sampled after the index)."""
    found = set().union(*(e.free_symbols for e in exprs))
    labels = {ix.base.label for e in exprs for ix in e.atoms(Indexed)}
    chosen = [s for s in found if isinstance(s, Symbol) and s not in labels]
    return sorted(chosen, key=lambda s: (s.name, s.sort_key()))


def instantiate(exprs: list[Basic], point: dict, ranges: dict, seed: int):
    """Put ``point`` into ``exprs``, expand sums and products whose limits became numbers, and
    sample the members of indexed families that appear (``alpha[3]``) inside their domain.

    Returns the instantiated expressions and the completed point.

    Example:
        >>> from sympy import IndexedBase, Product, symbols
        >>> a, (s, t) = IndexedBase("a", positive=True), symbols("s t", integer=True)
        >>> [e], point = instantiate([Product(a[s], (s, 1, t))], {t: 2}, {}, seed=0)
        >>> e.is_Rational and e > 0, sorted(map(str, point))
        (True, ['a[1]', 'a[2]', 't'])
    """
    done = [_expand_finite(e.xreplace(point)) for e in exprs]
    members = sorted(set().union(*(e.atoms(Indexed) for e in done)), key=srepr)
    rng = random.Random(seed)
    values = {m: _sample(m, ranges.get(m.base, ranges.get(m.base.label)), rng) for m in members}
    return [e.xreplace(values) for e in done], {**point, **values}


def _expand_finite(expr: Basic) -> Basic:
    return expr.replace(
        lambda e: (
            isinstance(e, (Sum, Product)) and all(b.is_number for _, *bs in e.limits for b in bs)
        ),
        lambda e: e.doit(),
    )


def seed_of(*exprs: Basic) -> int:
    """A seed fixed by the content of ``exprs``."""
    digest = hashlib.sha256("|".join(srepr(e) for e in exprs).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def items(point: dict) -> tuple:
    """A point as sorted (symbol, value) pairs."""
    return tuple(sorted(point.items(), key=lambda item: str(item[0])))
