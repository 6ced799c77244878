"""Random points of a domain, numeric comparison, and opaque sub-expressions.

Example:
    >>> from sympy import Symbol
    >>> s = Symbol("s", positive=True)
    >>> all(p[s] > 0 for p in sample_points([s], {}, seed=1))
    True
"""

from __future__ import annotations

import hashlib
import random

from sympy import Basic, Expr, Indexed, Max, Product, Rational, Sum, Symbol, srepr
from sympy.core.function import AppliedUndef

from ..gaussian import KL, Density, Entropy, Expectation, Law

DIGITS = 50
POINTS = 4
# Values closer than AGREE (relative) are equal at a point; further apart than DISAGREE, unequal.
AGREE = Rational(1, 10**40)
DISAGREE = Rational(1, 10**20)


def sample_points(
    symbols: list[Symbol], ranges: dict, seed: int, count: int = POINTS
) -> list[dict[Symbol, Rational]]:
    """``count`` exact rational points, each symbol inside its domain.

    The domain is a symbol's range if given, else read off its assumptions (positive, integer,
    real). The same seed gives the same points.
    """
    rng = random.Random(seed)
    return [{s: _sample(s, ranges.get(s), rng) for s in symbols} for _ in range(count)]


def _sample(symbol: Symbol, bounds, rng: random.Random) -> Rational:
    if symbol.is_integer:  # a range of an integer is closed: (2, 8) is 2, 3, ..., 8
        low, high = bounds if bounds is not None else (1, 6)
        return Rational(rng.randint(low, high))
    if bounds is not None:
        low, high = (Rational(b) for b in bounds)
        return low + (high - low) * Rational(rng.randint(1, 96), 97)
    # Moderate values: exponents stay readable, and nothing hides in an underflow.
    magnitude = Rational(rng.randint(1, 40), rng.randint(3, 13))
    if symbol.is_nonnegative:
        return magnitude
    return magnitude * rng.choice((-1, 1))


def compare(a, b) -> str:
    """'agree', 'differ', or 'unknown' (not finite, not a number, or too close to call).

    The comparison is relative to the larger value, however small: exp(-2000) and exp(-4000)
    differ (a scale floored at 1 would call them both zero).

    Example:
        >>> from sympy import Float, exp
        >>> compare(Float(1), Float(1)), compare(Float(1), Float(2))
        ('agree', 'differ')
        >>> compare(exp(-2000).evalf(50), exp(-4000).evalf(50))
        'differ'
    """
    gap, scale = abs(a - b), Max(abs(a), abs(b))
    if gap.free_symbols or not (gap.is_finite and scale.is_finite) or not gap.is_number:
        return "unknown"
    if scale == 0:
        return "agree"
    if gap <= AGREE * scale:
        return "agree"
    if gap > DISAGREE * scale:
        return "differ"
    return "unknown"


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
