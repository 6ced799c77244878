"""Symbolic proof attempts, cheapest first, each bounded in the size of what it simplifies.

``simplify`` alone is general but can take minutes on the rational functions that explicit
2×2 inverses produce; targeted steps (comparing exponents, cancelling rational functions) decide
those in milliseconds, and ``simplify`` is kept for small expressions.

A difference that is a polynomial over ℚ in its symbols (the exponents' gap at explicit sizes
is one) is decided in SymPy's sparse polynomials (:mod:`sympy.polys.rings`) instead of by
``expand``: the same answer (``expand`` of such a polynomial is 0 exactly when it is the zero
polynomial, and a nonzero polynomial is zero by no other route either), many times faster.

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
    QQ,
    Add,
    Basic,
    Dummy,
    Float,
    Indexed,
    Integral,
    Mul,
    Pow,
    Product,
    Symbol,
    Tuple,
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
from sympy.core.sorting import default_sort_key
from sympy.polys.rings import PolyRing

from .memo import depends_on_the_call, remembered

SIMPLIFY_LIMIT = 300  # operations; larger expressions are not given to simplify


EXPANDS = "the difference expands to 0"


@remembered()
def zero(expr: Basic) -> str:
    """How ``expr`` was shown to be zero ("" if it was not)."""
    if expr == 0:
        return "both sides reduce to the same canonical form"
    polynomial = _polynomial(expr)
    if polynomial is not None:  # expand decides it, and nothing else could differ
        return "" if polynomial else EXPANDS
    if _polynomial(expr, opaque=True) == 0 or expand(expand_log(expr)) == 0:
        return "the difference expands to 0"
    if expr.is_rational_function() and cancel(together(expr)) == 0:
        return "the difference cancels to 0"
    try:
        # integrals are not carried out here: SymPy's heuristic integration spent minutes
        # on integrals with no elementary closed form; the claims' routes integrate under a
        # bound of their own, and an integral left is evaluated by quadrature
        doit = not expr.has(Integral)
        if count_ops(expr) <= SIMPLIFY_LIMIT and simplify(expr, doit=doit) == 0:
            return "the difference simplifies to 0"
    except RecursionError:  # SymPy's simplify recursing too deep proves nothing either way
        depends_on_the_call()  # (a call from a shallower stack might not recurse too deep)
    return ""


def _ranges_key(left, right, ranges=None):
    return left, right, tuple((ranges or {}).items())


@remembered(key=_ranges_key)
def equal(left: Basic, right: Basic, ranges: dict | None = None) -> str:
    """How ``left = right`` was shown ("" if it was not); two exponentials by their exponents,
    products of exponentials and other factors by both, cheaply, before anything general.
    ``ranges`` (symbol or family → interval) let quantities in (0, 1) be written as positive
    parameters (see :func:`_positive`), which square roots need.

    Example:
        >>> from sympy import Product, symbols
        >>> b, (s, t) = symbols("b", positive=True), symbols("s t", integer=True)
        >>> P = lambda k: Product(1 - b**s, (s, 1, k))
        >>> equal(exp(-P(t)) * P(t), exp(-(1 - b**t) * P(t - 1)) * (1 - b**t) * P(t - 1))
        'equal exponents and factors: the difference expands to 0'
    """
    if left == right:
        return zero(left - right)
    left, right = _peeled(left, right)
    if isinstance(left, exp) and isinstance(right, exp):
        how = zero(left.args[0] - right.args[0])
        if how:
            return f"equal exponents: {how}"
    how = _by_parts(left, right, last=False)
    if how is not None:
        return how
    positive = _positive(left, right, ranges or {})
    if positive != (left, right):
        how = _by_parts(*positive, last=True)
        if how is not None:
            return how
    return zero(left - right)


def _by_parts(left: Basic, right: Basic, last: bool) -> str | None:
    """Equal exponents (shown cheaply) and equal factors; None if undecided this way. Once the
    exponents are equal the factors decide: ``last`` makes their failure final ("")."""
    (left_factor, left_exponent), (right_factor, right_exponent) = map(_split, (left, right))
    if left_exponent == 0 and right_exponent == 0:
        return None
    how = _cheap_zero(left_exponent - right_exponent)
    if not how:
        return None
    if (_cheap_zero if not last else zero)(left_factor - right_factor):
        return f"equal exponents and factors: {how}"
    return "" if last else None


CHEAP_LIMIT = 3000  # operations; cancel is not tried on larger expressions


def _cheap_zero(expr: Basic) -> str:
    """Zero by expansion or by cancelling (no ``simplify``)."""
    polynomial = _polynomial(expr)
    if polynomial is not None:
        return "" if polynomial else EXPANDS
    if _polynomial(expr, opaque=True) == 0 or expand(expand_log(expr)) == 0:
        return "the difference expands to 0"
    if count_ops(expr) <= CHEAP_LIMIT and cancel(together(expr)) == 0:
        return "the difference cancels to 0"
    return ""


def _split(expr: Basic) -> tuple[Basic, Basic]:
    """``expr`` as (factor, exponent) with ``expr = factor · exp(exponent)``."""
    factors, exponents = [], []
    for factor in Mul.make_args(powsimp(expr, combine="exp")):
        if isinstance(factor, exp):
            exponents.append(factor.args[0])
        else:
            factors.append(factor)
    return Mul(*factors), Add(*exponents)


def _peeled(*exprs: Basic) -> list[Basic]:
    """``exprs`` with the products of one family over one start written up to a common last
    index: ∏_{s=1}^{t} f(s) = f(t) · ∏_{s=1}^{t−1} f(s) (true for every integer t under the
    convention of Karr that SymPy follows), so that ᾱ_t and ᾱ_{t−1} α_t can cancel."""
    groups: dict = {}
    for product in set().union(*(e.atoms(Product) for e in exprs)):
        if len(product.limits) == 1:
            (index, first, last) = product.limits[0]
            groups.setdefault((product.function, index, first), []).append(product)
    replacements = {}
    for (function, index, first), products in groups.items():
        lasts = [p.limits[0][2] for p in products]
        lowest = [b for b in lasts if all((c - b).is_Integer and c - b >= 0 for c in lasts)]
        if len(products) < 2 or not lowest:
            continue
        common = Product(function, (index, first, lowest[0]))
        for product, last in zip(products, lasts, strict=True):
            extra = range(1, int(last - lowest[0]) + 1)
            replacements[product] = common * Mul(
                *(function.subs(index, lowest[0] + k) for k in extra)
            )
    return [e.xreplace(replacements) for e in exprs]


@remembered(key=lambda left, right, variables: (left, right, tuple(variables)))
def constant_ratio(left: Basic, right: Basic, variables: list) -> str:
    """How ``left / right`` was shown not to depend on ``variables`` ("" if it was not).

    Factors free of the variables are set aside; if what remains of each side is an
    exponential, the exponents' difference must have zero derivatives.
    """
    left, right = _peeled(left, right)
    left_rest, right_rest = (_dependent(side, variables) for side in (left, right))
    if isinstance(left_rest, exp) and isinstance(right_rest, exp):
        gap = left_rest.args[0] - right_rest.args[0]
        how = _zero_derivatives(gap, variables)
        if how is not None:
            return f"the exponents differ by a constant: {how}"
    how = _zero_derivatives(left / right, variables)
    return how if how is not None else ""


def _zero_derivatives(expr: Basic, variables: list) -> str | None:
    """How the derivative of ``expr`` in the first of ``variables`` was shown zero, once every
    derivative was; None at the first that was not (the others are not tried: they could not
    change the answer). A polynomial over ℚ is differentiated in SymPy's polynomials, and
    only the first derivative, whose wording the method shows, as an expression."""
    polynomial = _polynomial(expr)
    if polynomial is not None:
        ring = polynomial.ring
        gens = dict(zip(ring.symbols, ring.gens, strict=True))
        if any(polynomial.diff(gens[v]) for v in variables if v in gens):
            return None
        variables = variables[:1]
    hows = []
    for variable in variables:
        how = zero(diff(expr, variable))
        if not how:
            return None
        hows.append(how)
    return hows[0] if hows else None


def _polynomial(expr: Basic, opaque: bool = False):
    """``expr`` as an element of ℚ[its symbols] (:mod:`sympy.polys.rings`), or None if it is
    not a polynomial over ℚ: only sums, products, powers with integer exponents ≥ 2, rational
    numbers and commutative symbols (no float, whose rounding ``expand`` would keep).

    With ``opaque``, every other part (√ᾱ_t, a product, exp(x)) is one more variable of the
    polynomial: then 0 proves ``expr`` zero (an identity of polynomials holds whatever their
    variables stand for, and ``expand`` finds it too, each such part expanded alike), but a
    nonzero polynomial proves nothing (√x·√x and x are two variables here).

    Example:
        >>> from sympy import log, symbols, sqrt
        >>> x, y = symbols("x y", positive=True)
        >>> _polynomial((x + y)**2 - x**2 - 2*x*y - y**2) == 0, _polynomial(x / y) is None
        (True, True)
        >>> _polynomial((log(x) + y)**2 - log(x)**2 - 2*y*log(x) - y**2, opaque=True) == 0
        True
        >>> _polynomial((sqrt(x) + 1)**2 - x - 2*sqrt(x) - 1, opaque=True) == 0  # √x² vs x
        False
    """
    found = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Symbol):
            if not node.is_commutative:
                return None
            found.add(node)
        elif isinstance(node, (Add, Mul)):
            stack.extend(node.args)
        elif isinstance(node, Pow) and node.exp.is_Integer and node.exp > 1:
            stack.append(node.base)
        elif getattr(node, "is_Rational", False):
            continue
        elif not opaque or not node.is_commutative or node.has(Float):
            return None
        else:
            found.add(node)
    if not found:
        return None  # a number: the other routes decide it as they did
    ring = PolyRing(sorted(found, key=default_sort_key), QQ)
    return ring.from_expr(expr)


def _dependent(side: Basic, variables: list) -> Basic:
    _, rest = powsimp(side, combine="exp").as_independent(*variables, as_Add=False)
    return rest


def _positive(left: Basic, right: Basic, ranges: dict) -> tuple[Basic, Basic]:
    """The sides with what lies in (0, 1) written 1/(1 + v), v > 0: the symbols and members of
    families whose range is (0, 1), and the products of at least one factor that then each lie
    in (0, 1) (ᾱ_t = ∏(1 − β_s)). Equal for every positive v, the sides are equal on the
    ranges. Sides with nothing in (0, 1) are returned unchanged."""
    unit = {name for name, bounds in ranges.items() if tuple(bounds) == (0, 1)}

    def in_unit(atom):
        return (atom.base if isinstance(atom, Indexed) else atom) in unit

    both = Tuple(left, right)
    replacements = {}
    for product in sorted(both.atoms(Product), key=str):
        factor = _unit_parameters(product.function, in_unit)
        if factor is None or not _nonempty(product, ranges):
            continue
        if cancel(factor).is_positive and cancel(1 - factor).is_positive:
            replacements[product] = 1 / (1 + Dummy("u", positive=True))
    both = both.xreplace(replacements)
    found = [a for a in both.atoms(Symbol, Indexed) if in_unit(a)]
    if not found and not replacements:
        return left, right
    both = both.xreplace({a: 1 / (1 + Dummy("v", positive=True)) for a in found})
    return both[0], both[1]


def _unit_parameters(expr: Basic, in_unit) -> Basic | None:
    """``expr`` with every member of a family in (0, 1) written 1/(1 + v)."""
    members = [a for a in expr.atoms(Indexed) if in_unit(a)]
    if not members:
        return None
    return expr.xreplace({a: 1 / (1 + Dummy("v", positive=True)) for a in members})


def _nonempty(product: Product, ranges: dict) -> bool:
    """Whether ``product`` has at least one factor wherever its limits' symbols are in range."""
    (_, first, last), *more = product.limits
    count = last - first + 1
    if more or len(count.free_symbols) > 1:
        return False
    if not count.free_symbols:
        return bool(count >= 1)
    (symbol,) = count.free_symbols
    bounds = ranges.get(symbol)
    slope = count.diff(symbol)
    return bounds is not None and slope.is_nonnegative and count.subs(symbol, bounds[0]) >= 1
