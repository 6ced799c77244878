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
