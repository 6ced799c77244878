"""Counterexamples a person can check by hand: a refutation found at a random point is shown at
small values where the sides also differ, inside the domain (ranges, signs, and the zeros a
given ``a ≠ b`` excludes). Each counterexample is re-evaluated here with plain SymPy."""

from __future__ import annotations

from sympy import Rational, Symbol, simplify, sqrt

from derive.core import EQ, CheckContext, Rule, Step, check_step

SIMPLE = {Rational(v) for v in (1, 2, 3, 5)} | {Rational(1, 2), Rational(3, 2)}
x, y = Symbol("x", real=True), Symbol("y", real=True)
s = Symbol("s", positive=True)
beta = Symbol("beta", real=True)


def _refuted(lhs, rhs, context=None):
    verdict = check_step(lhs, Step(EQ, rhs, Rule("claimed")), context or CheckContext())
    assert verdict.status == "refuted", verdict
    point = dict(verdict.counterexample.values)
    # independent of the checker: the sides at the point, by substitution
    assert simplify(lhs.subs(point) - rhs.subs(point)) != 0
    return point


def test_a_refutation_is_shown_at_small_values():
    point = _refuted((x + y) ** 2, x**2 + y**2 + x * y)
    assert {abs(v) for v in point.values()} <= SIMPLE and point[x] != point[y]


def test_the_small_values_keep_the_domain():
    point = _refuted(sqrt(s**2) + beta, s + 2 * beta, CheckContext(ranges={beta: (0, 1)}))
    assert point[s] > 0 and 0 < point[beta] < 1


def test_a_value_the_givens_exclude_is_never_shown():
    """x = 2x fails at x = ±1 (the first small value), but not there when x ≠ ±1 is given."""
    assert abs(_refuted(x, 2 * x)[x]) == 1
    point = _refuted(x, 2 * x, CheckContext(nonzero=(x - 1, x + 1)))
    assert abs(point[x]) != 1 and abs(point[x]) in SIMPLE


FRACTIONS = {Rational(1, 2), Rational(1, 4), Rational(3, 4), Rational(1, 3), Rational(2, 3)}


def test_the_members_of_a_family_get_simple_values_in_their_domain_too():
    """A product over a family (ᾱ_t = ∏ (1 − β_s)) refuted at t = 4 shows β₁ … β₄ as simple
    fractions of (0, 1), all different, not as random rationals (β₁ = 337759/498278)."""
    from sympy import IndexedBase, Product, symbols

    b = IndexedBase("beta", positive=True)
    i, t = symbols("i t", integer=True, positive=True)
    bar = Product(1 - b[i], (i, 1, t))
    context = CheckContext(ranges={b: (0, 1), t: (2, 6)})
    verdict = check_step(1 - bar, Step(EQ, t * b[t], Rule("claimed")), context)
    assert verdict.status == "refuted", verdict
    point = dict(verdict.counterexample.values)
    members = {k: v for k, v in point.items() if k != t}
    assert members and set(members.values()) <= FRACTIONS
    assert len(set(members.values())) == len(members)  # all different
    # independent of the checker: the sides at the point, by substitution
    lhs = (1 - bar).subs(t, point[t]).doit().subs(members)
    rhs = (point[t] * b[point[t]]).subs(members)
    assert lhs != rhs


def test_simple_values_in_an_interval_are_different_fractions():
    from derive.core.sampling import simple_points

    names = [Symbol(f"a{k}", positive=True) for k in range(6)]
    point = simple_points(names, dict.fromkeys(names, (0, 1)), {})[0]
    assert len(set(point.values())) == 6 and all(0 < v < 1 for v in point.values())
