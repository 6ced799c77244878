"""Random points of a domain, numeric comparison, and opaque sub-expressions.

Example:
    >>> from sympy import Symbol
    >>> s = Symbol("s", positive=True)
    >>> all(p[s] > 0 for p in sample_points([s], {}, seed=1))
    True
"""

from __future__ import annotations

import functools
import hashlib
import math
import random

from sympy import (
    Basic,
    Derivative,
    Dummy,
    Expr,
    Indexed,
    Pow,
    Product,
    Rational,
    Subs,
    Sum,
    Symbol,
    srepr,
)
from sympy.core.function import AppliedUndef

from .config import DEFAULT
from .plugins import PLUGINS

POINTS = DEFAULT.points  # the fewest points numeric evidence rests on


def sample_points(
    symbols: list[Symbol], ranges: dict, seed: int, count: int = POINTS, exponents=frozenset()
) -> list[dict[Symbol, Rational]]:
    """``count`` exact rational points, each symbol inside its domain.

    The domain is a symbol's range if given, else read off its assumptions (positive, integer,
    real). Coordinates are rationals with large random denominators (no lattice a claim could
    be tuned to; symbols in ``exponents``, which appear in an exponent, get a random prime
    denominator below 1000, since exact powers with larger ones take SymPy minutes), and the
    first points take every sign pattern of the real symbols whose sign is not known, so that
    no orthant is missed. The same seed gives the same points.

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
        point = {s: _sample(s, ranges.get(s), rng, index, s in exponents) for s in symbols}
        if index < 2 ** len(signed):  # every sign pattern first
            for bit, s in enumerate(signed):
                point[s] = abs(point[s]) * (-1 if (index >> bit) & 1 else 1)
        points.append(point)
    return points


_SIMPLE = (Rational(1), Rational(2), Rational(3), Rational(1, 2), Rational(5), Rational(3, 2))
# the same six values moved into a bounded interval: simple fractions of it, all different
_FRACTIONS = (
    Rational(1, 2), Rational(1, 4), Rational(3, 4), Rational(1, 3), Rational(2, 3), Rational(1, 5)
)  # fmt: skip


def simple_points(symbols: list[Symbol], ranges: dict, like: dict) -> list[dict]:
    """Points of small, readable values inside each symbol's domain (for a counterexample a
    person can check by hand), each symbol with the sign it has in ``like`` and the symbols
    given different values (equal values make many wrong identities true by accident).

    Example:
        >>> from sympy import Symbol
        >>> x, y = Symbol("x", real=True), Symbol("y", positive=True)
        >>> simple_points([x, y], {}, {x: -7, y: 3})[0]
        {x: -1, y: 2}
    """
    points = []
    for shift in range(len(_SIMPLE)):
        point = {}
        for index, symbol in enumerate(symbols):
            value = _SIMPLE[(index + shift) % len(_SIMPLE)]
            point[symbol] = _simple_in(symbol, ranges.get(symbol), value, like.get(symbol))
        if None not in point.values() and point not in points:
            points.append(point)
    return points


def _simple_in(symbol: Symbol, bounds, value: Rational, like) -> Rational | None:
    """``value`` moved into the domain of ``symbol``, or None."""
    if bounds is not None:
        low, high = (Rational(b) for b in bounds)
        if symbol.is_integer:
            candidate = low + (int(value * 2) % (int(high - low) + 1))
        else:  # a simple fraction of the interval, a different one for each simple value
            fraction = _FRACTIONS[_SIMPLE.index(value)] if value in _SIMPLE else Rational(1, 2)
            candidate = low + (high - low) * fraction
        return candidate if low <= candidate <= high else None
    if symbol.is_integer:
        value = Rational(math.ceil(value))
    negative = like is not None and like < 0
    if symbol.is_nonpositive or (negative and not symbol.is_nonnegative):
        return -value
    return value


def point_count(
    symbols: list[Symbol], ranges: dict, least: int = POINTS, most: int = DEFAULT.max_points
) -> int:
    """How many points cover ``symbols``: at least ``least``, and every sign pattern of the
    real symbols of unknown sign (up to ``most``)."""
    signed = [
        s for s in symbols
        if not s.is_integer and ranges.get(s) is None
        and not s.is_nonnegative and not s.is_nonpositive
    ]  # fmt: skip
    return max(least, min(2 ** len(signed), most))


_PRIMES = [q for q in range(101, 1000) if all(q % d for d in range(2, 32))]


def _denominator(rng: random.Random, exponent: bool = False) -> int:
    return rng.choice(_PRIMES) if exponent else rng.randint(10**4, 10**6)


def in_exponents(*exprs: Basic) -> frozenset:
    """The symbols that appear in a non-integer exponent of ``exprs``.

    Example:
        >>> from sympy import Symbol
        >>> a, x = Symbol("a"), Symbol("x")
        >>> sorted(map(str, in_exponents(x**a + x**2)))
        ['a']
    """
    found = set()
    for expr in exprs:
        try:
            found |= _exponent_symbols(expr)
        except TypeError:  # not hashable (a mutable matrix): not remembered
            found |= _exponent_symbols.__wrapped__(expr)
    return frozenset(found)


@functools.lru_cache(maxsize=512)
def _exponent_symbols(expr: Basic) -> frozenset:
    """The symbols in a non-integer exponent of one expression, remembered: the checker asks
    it of the same two sides at every point."""
    found = set()
    for power in expr.atoms(Pow):
        if not power.exp.is_number:
            found |= power.exp.free_symbols
    return frozenset(found)


def _sample(
    symbol: Symbol, bounds, rng: random.Random, index: int = 0, exponent: bool = False
) -> Rational:
    if symbol.is_integer:  # a range of an integer is closed: (2, 8) is 2, 3, ..., 8
        if bounds is not None:
            low, high = bounds
        else:  # small values first (cheap sums), then larger ones
            high = 6 if index < 4 else 40
            low = 0 if symbol.is_nonnegative and not symbol.is_positive else 1
            if not symbol.is_nonnegative:
                return Rational(rng.randint(1, high) * rng.choice((-1, 1)))
        return Rational(rng.randint(low, high))
    q = _denominator(rng, exponent)
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
    """Sub-expressions no number can be put on: undefined functions, and what the domains
    call opaque (expectations under a law known only by its moments). The checker treats each
    as an unknown real.

    Example:
        >>> from sympy import Function, Symbol
        >>> f, x = Function("f"), Symbol("x")
        >>> opaque_atoms(f(x) + 1)
        [f(x)]
    """
    found = set()
    for expr in exprs:
        found |= expr.atoms(AppliedUndef)
        for opaque in PLUGINS.opaque:
            found |= opaque(expr)
    return sorted(found, key=srepr)


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
    done = [_at_point(e, point) for e in exprs]
    members = _members(done)
    if not members:
        return done, dict(point)
    rng = random.Random(seed)
    values = {  # a member ``point`` gives a value keeps it (simple values, see below)
        m: point[m] if m in point else _sample(m, ranges.get(m.base, ranges.get(m.base.label)), rng)
        for m in members
    }
    return [e.xreplace(values) for e in done], {**point, **values}


def simple_members(exprs: list[Basic], point: dict, ranges: dict) -> dict:
    """Small, readable values for the members of indexed families that ``exprs`` bring in at
    ``point`` (``β₁ … β₄`` of a product up to ``t = 4``), each inside its family's domain and,
    as far as six values go, all different: a counterexample a person can check by hand
    rather than ``β₁ = 337759/498278``. :func:`instantiate` keeps them.

    Example:
        >>> from sympy import IndexedBase, Product, symbols
        >>> b, (s, t) = IndexedBase("b", positive=True), symbols("s t", integer=True)
        >>> simple_members([Product(b[s], (s, 1, t))], {t: 3}, {b: (0, 1)})
        {b[1]: 1/2, b[2]: 1/4, b[3]: 3/4}
    """
    members = _members([_at_point(e, point) for e in exprs])
    if not members:
        return {}
    domains = {m: ranges.get(m.base, ranges.get(m.base.label)) for m in members}
    found = simple_points(members, domains, {})
    return found[0] if found else {}


def _members(exprs: list[Basic]) -> list:
    return sorted(set().union(*(e.atoms(Indexed) for e in exprs)), key=srepr)


def _at_point(expr: Basic, point: dict) -> Basic:
    """``expr`` at ``point``, with its sums and products whose limits are then numbers
    expanded, in one rebuild of the expression: each such sum or product is put at the point
    and expanded on its own, once however often it occurs, and then put in with the point's
    values (rebuilding the whole expression first, with the products standing, costs about
    as much again as the rest: a standing product asks its free symbols at every step)."""
    finite = {}
    for node in expr.atoms(Sum, Product):
        placed = node.xreplace(point)
        if all(b.is_number for _, *bs in placed.limits for b in bs):
            finite[node] = _carried_out(placed)
    for node in expr.atoms(Derivative):
        if set(node.variables) & set(point):
            finite[node] = derivative_at(node, point)
    return expr.xreplace({**point, **finite})


def derivative_at(node: Derivative, point: dict) -> Basic:
    """The derivative ``node`` at ``point``: carried out, then put at the point; what stays a
    derivative (of an unknown function or density) is its value at the point, ``Subs``, never
    a derivative with respect to a number (which SymPy refuses with a ValueError).

    Example:
        >>> from sympy import Derivative, Function, Symbol
        >>> f, x = Function("f"), Symbol("x")
        >>> derivative_at(Derivative(x**3, x), {x: 2})
        12
        >>> derivative_at(Derivative(f(x)**2, x), {x: 2})
        2*f(2)*Subs(Derivative(f(x), x), x, 2)
    """
    done = node.doit()
    left = sorted(done.atoms(Derivative), key=srepr)  # of unknown functions: put in last
    held = {d: Dummy() for d in left}
    placed = _at_point(done.xreplace(held), point)
    return placed.xreplace({h: _derivative_at_point(d, point) for d, h in held.items()})


def _derivative_at_point(node: Derivative, point: dict) -> Basic:
    variables = [v for v in node.variables if v in point]
    others = {k: v for k, v in point.items() if k not in variables}
    inside = node.xreplace(others) if others else node
    if not variables:
        return inside
    return Subs(inside, variables, [point[v] for v in variables])


@functools.lru_cache(maxsize=1024)
def _carried_out(node: Basic) -> Basic:
    """``node.doit()`` for a sum or product with numbers as limits, remembered: the points of
    one check share their few integer values of t, and ``doit`` is the same for equal nodes."""
    return node.doit()


def seed_of(*exprs: Basic) -> int:
    """A seed fixed by the content of ``exprs``.

    Example:
        >>> from sympy import Symbol
        >>> x = Symbol("x")
        >>> seed_of(x + 1, x) == seed_of(x + 1, x) != seed_of(x, x + 1)
        True
    """
    digest = hashlib.sha256("|".join(_text(e) for e in exprs).encode()).digest()
    return int.from_bytes(digest[:8], "big")


# The texts of the expressions seeded last, by identity (each entry keeps its expression alive,
# so its id is not reused): a check seeds from the same two large sides several times, and
# ``srepr`` of a large side costs as much as evaluating it at a point.
_TEXTS: dict[int, tuple] = {}
_TEXTS_KEPT = 64


def _text(expr: Basic) -> str:
    """``srepr(expr)``, remembered for the same object."""
    found = _TEXTS.get(id(expr))
    if found is not None and found[0] is expr:
        return found[1]
    text = srepr(expr)
    if len(_TEXTS) >= _TEXTS_KEPT:
        del _TEXTS[next(iter(_TEXTS))]
    _TEXTS[id(expr)] = (expr, text)
    return text


def items(point: dict) -> tuple:
    """A point as sorted (symbol, value) pairs."""
    return tuple(sorted(point.items(), key=lambda item: str(item[0])))
