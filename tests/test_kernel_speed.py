"""Speed from doing less, never from checking less: the kernel's shortcuts give what the
plain route gives.

Points are put into an expression in one rebuild, each finite sum or product expanded on its
own (:func:`derive.core.sampling.instantiate`); the oracle here is the plain route, written
out independently: substitute everything, expand every sum and product whose limits became
numbers bottom-up, then sample the members of indexed families. The two must agree exactly,
expressions and points, so every verdict that rests on them is the same.
"""

from __future__ import annotations

import random

import pytest
from sympy import (
    Function,
    IndexedBase,
    Integer,
    Product,
    Rational,
    Sum,
    Symbol,
    exp,
    log,
    sqrt,
    srepr,
    symbols,
)

from derive.core import EQ, Rule, Step, check_step
from derive.core.checker import CheckContext
from derive.core.sampling import _sample, in_exponents, instantiate

alpha = IndexedBase("alpha", positive=True)
s, k, t, u = symbols("s k t u", integer=True, positive=True)
x = Symbol("x", real=True)
b = Symbol("b", positive=True)


def _plain(exprs, point, ranges, seed):
    """The plain route (the kernel's before it did less)."""
    done = []
    for expr in exprs:
        placed = expr.xreplace(point)
        done.append(
            placed.replace(
                lambda e: (
                    isinstance(e, (Sum, Product))
                    and all(v.is_number for _, *vs in e.limits for v in vs)
                ),
                lambda e: e.doit(),
            )
        )
    members = sorted(set().union(*(e.atoms(alpha[s].func) for e in done)), key=srepr)
    rng = random.Random(seed)
    values = {m: _sample(m, ranges.get(m.base, ranges.get(m.base.label)), rng) for m in members}
    return [e.xreplace(values) for e in done], {**point, **values}


abar = Product(alpha[s], (s, 1, t))
EXPRESSIONS = [
    [sqrt(abar) * x + sqrt(1 - abar) * b, abar / Product(alpha[s], (s, 1, t - 1))],
    [exp(-((x - sqrt(abar)) ** 2) / (2 * (1 - abar))) / sqrt(2 * (1 - abar)), alpha[t] * x],
    [Sum(Product(alpha[s], (s, 1, k)), (k, 1, t)) + log(alpha[t]) * b],  # nested, inner bound
    [Product(1 - b**s, (s, 1, 3)) * x + Sum(s**2, (s, 1, u)) - abar * abar],  # repeated
    [Product(alpha[s], (s, 1, t)) * Product(alpha[s], (s, u, t)), x**b],  # a second limit
    [x**2 + b, Integer(3)],  # nothing to expand, no family
]


@pytest.mark.parametrize("exprs", EXPRESSIONS, ids=range(len(EXPRESSIONS)))
@pytest.mark.parametrize("seed", [0, 7, 12345])
def test_points_are_put_in_as_the_plain_route_puts_them(exprs, seed):
    rng = random.Random(seed)
    point = {t: Integer(rng.randint(2, 7)), u: Integer(rng.randint(1, 2))}
    point |= {x: Rational(rng.randint(-50, 50), 7), b: Rational(rng.randint(1, 40), 9)}
    ranges = {alpha: (0, 1)}
    assert instantiate(exprs, point, ranges, seed) == _plain(exprs, point, ranges, seed)


def test_a_limit_left_symbolic_is_left_standing():
    standing = Product(1 - b**s, (s, 1, t))
    [done], point = instantiate([standing * x], {x: Rational(1, 3)}, {}, seed=1)
    assert done == standing / 3 and point == {x: Rational(1, 3)}


def test_the_exponent_symbols_are_the_same_when_remembered():
    a, y = symbols("a y", real=True)
    expr = y**a + exp(y) * y ** (a * b) + y**2
    first, again = in_exponents(expr), in_exponents(expr)
    assert first == again == frozenset({a, b})
    assert in_exponents(y**2 + 1) == frozenset()


def test_verdicts_on_products_of_a_family_are_unchanged():
    """A true and a false identity of products of a family: proved and refuted (a shortcut
    that dropped a factor or a member would turn one of them)."""
    context = CheckContext(ranges={alpha: (0, 1)})
    left = Product(alpha[s], (s, 1, t)) * (1 - alpha[t + 1])
    right = Product(alpha[s], (s, 1, t)) - Product(alpha[s], (s, 1, t + 1))
    assert check_step(left, Step(EQ, right, Rule("r")), context).verified
    wrong = Product(alpha[s], (s, 1, t)) - Product(alpha[s], (s, 1, t - 1))
    refuted = check_step(left, Step(EQ, wrong, Rule("r")), context)
    assert str(refuted.status) == "refuted"


def test_an_unknown_function_is_not_expanded():
    f = Function("f")
    [done], _ = instantiate([f(Sum(s, (s, 1, t)))], {t: Integer(3)}, {}, seed=0)
    assert done == f(6)


# Polynomial differences decided in sympy.polys instead of by expand: the oracle is expand
# itself (the route the kernel took before), and each false case must stay unproved.
y1, y2, y3 = symbols("y1 y2 y3", real=True)
TINY = Rational(1, 10**40)
POLYNOMIALS = [
    (y1 + y2) ** 3 - y1**3 - 3 * y1**2 * y2 - 3 * y1 * y2**2 - y2**3,  # zero
    ((y1 - 2 * y2) ** 2) ** 2 - (y1**2 - 4 * y1 * y2 + 4 * y2**2) ** 2,  # zero, nested powers
    (y1 + y2) ** 3 - y1**3 - 3 * y1**2 * y2 - 3 * y1 * y2**2 - y2**3 + TINY * y3,  # not zero
    y1 * (y2 + 1) - y1 * y2 - y1 + TINY,  # a tiny constant left over
    (y1 + 1) * (y1 - 1) - y1**2,  # -1
]


@pytest.mark.parametrize("expr", POLYNOMIALS, ids=range(len(POLYNOMIALS)))
def test_a_polynomial_difference_is_zero_exactly_when_expand_says_so(expr):
    from sympy import expand, expand_log

    from derive.core import symbolic

    expected = symbolic.EXPANDS if expand(expand_log(expr)) == 0 else ""
    assert symbolic._polynomial(expr) is not None
    assert symbolic.zero(expr) == symbolic._cheap_zero(expr) == expected


def test_what_is_not_a_polynomial_over_the_rationals_takes_the_general_route():
    from sympy import Float, Symbol, sqrt

    from derive.core import symbolic

    floats = Float(0.1) * y1 + Float(0.2) * y1 - Float(0.3) * y1  # rounding: not zero
    assert symbolic._polynomial(floats) is None and symbolic.zero(floats) == ""
    assert symbolic._polynomial(sqrt(2) * y1 - sqrt(2) * y1 + y2 / y1) is None
    assert symbolic._polynomial(exp(y1) * y2) is None
    A, B = Symbol("A", commutative=False), Symbol("B", commutative=False)
    assert symbolic._polynomial(A * B - B * A) is None


def test_a_ratio_not_constant_in_a_later_variable_is_not_proved():
    # exp(y1 + y2² + y3) / exp(y1 + y3): constant in y1 and y3, not in y2 (the fast path
    # checks every variable's derivative, not only the first one's).
    from derive.core import symbolic

    left, right = exp(y1 + y2**2 + 3 * y3), exp(y1 + 3 * y3 - 7)
    assert symbolic.constant_ratio(left, right, [y1, y2, y3]) == ""
    assert symbolic.constant_ratio(left, right, [y1, y3]).startswith("the exponents differ")
    assert symbolic.constant_ratio(exp(y1 * y2), exp(0 * y1), [y2, y1]) == ""


def test_proportionality_at_sizes_is_decided_as_before():
    # At explicit sizes the exponents are polynomials in the entries of y: a constant shift is
    # proportional, another quadratic form is not (refuted, at a point).
    from sympy import MatrixSymbol

    from derive.core.model import proportional

    n = symbols("n", integer=True, positive=True)
    y, A = MatrixSymbol("y", n, 1), MatrixSymbol("A", n, n)
    context = CheckContext(matrices={A: "square"})
    start = exp(-(y.T * A * y)[0, 0])
    shifted = Step(proportional(y), exp(5 - (y.T * A * y)[0, 0]), Rule("r"))
    assert check_step(start, shifted, context).verified
    other = Step(proportional(y), exp(-(y.T * A.T * A * y)[0, 0]), Rule("r"))
    assert str(check_step(start, other, context).status) == "refuted"


def _zero_before(expr) -> str:
    """symbolic.zero as it was before the polynomial shortcuts (the oracle of the wording)."""
    from sympy import cancel, count_ops, expand, expand_log, simplify, together

    if expr == 0:
        return "both sides reduce to the same canonical form"
    if expand(expand_log(expr)) == 0:
        return "the difference expands to 0"
    if expr.is_rational_function() and cancel(together(expr)) == 0:
        return "the difference cancels to 0"
    if count_ops(expr) <= 300 and simplify(expr) == 0:
        return "the difference simplifies to 0"
    return ""


p1, p2 = symbols("p1 p2", positive=True)
WORDED = [
    *POLYNOMIALS,
    (log(p1) + p2) ** 2 - log(p1) ** 2 - 2 * p2 * log(p1) - p2**2,  # zero, log(p1) a variable
    (log(p1) + p2) ** 2 - log(p1) ** 2 - 2 * p2 * log(p1) - p2**2 + TINY * log(p2),  # not zero
    (sqrt(p1) + 1) ** 2 - p1 - 2 * sqrt(p1) - 1,  # √p1² = p1: expand's, not the ring's
    (sqrt(p1) + p2) * (sqrt(p1) - p2) - p1 + p2**2 + TINY,  # not zero
    1 / (p1 + 1) - p1 / (p1**2 + p1),  # a rational function: cancelled
    exp(p1) * exp(p2) - exp(p1 + p2) + Product(1 - p1**s, (s, 1, t)) * 0,
]


@pytest.mark.parametrize("expr", WORDED, ids=range(len(WORDED)))
def test_a_difference_is_shown_zero_as_before_and_in_the_same_words(expr):
    from derive.core import symbolic

    assert symbolic.zero(expr) == _zero_before(expr)


def test_the_larger_of_two_numbers_is_the_number_max_gives():
    from sympy import Float, Integer, Max, Rational

    from derive.core.compare import _larger

    numbers = [Float(1, 50), Float(1, 15), Integer(1), Integer(0), Float("1e-3000", 60)]
    numbers += [Rational(1, 3), Float("0.3333", 10), Float(2, 30), Rational(10**50 + 1, 10**50)]
    for a in numbers:
        for b in numbers:
            plain, short = Max(a, b), _larger(a, b)
            assert plain == short and type(plain) is type(short)
            assert getattr(plain, "_prec", None) == getattr(short, "_prec", None)
