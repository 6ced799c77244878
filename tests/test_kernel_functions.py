"""One way to try functions for unknown ones (the kernel's, used by derive check too), and a
numerical integration honest about its error."""

from __future__ import annotations

import pytest
from sympy import Abs, Function, Integral, Rational, Symbol, exp, oo, pi, sin, sqrt

from derive.claims import decide
from derive.core.checker import CheckContext, check_equal
from derive.core.compare import INACCURATE, compare_values
from derive.core.functions import KINDS, instances
from derive.core.verdict import Status, Strength
from derive.gaussian.reduce import quadrature

x = Symbol("x", real=True)
y = Symbol("y", real=True)
f = Function("f")


def test_every_kind_of_function_is_tried_and_the_same_for_the_same_seed():
    tried = list(instances(f(x), f(x), seed=5))
    assert len(tried) == KINDS == len({left for _, left, _ in tried})
    assert tried == list(instances(f(x), f(x), seed=5))


def test_a_function_of_several_arguments_is_not_symmetric_in_them():
    # f(x, y) = f(y, x) is false for an arbitrary f: every candidate must see it
    for _, left, right in instances(f(x, y), f(y, x), seed=3):
        assert (left - right).subs({x: 1, y: 2}) != 0


@pytest.mark.parametrize(
    "claim", [r"f(x,y)=f(y,x)", r"f(x,y,z)=f(z,y,x)", r"f(2x)=2f(x)", r"f(x)f(y)=f(x+y)"]
)
def test_derive_check_refutes_with_the_kernels_functions(claim):
    decision = decide(claim)
    assert decision.kind == "fails"
    assert "with f(u" in decision.method  # the kernel's wording of the function tried


def test_derive_check_and_the_kernel_agree_on_a_symmetric_claim():
    decision = decide(r"f(x)+f(y)=f(y)+f(x)")
    assert decision.kind == "holds"
    verdict = check_equal(f(x) + f(y), f(y) + f(x), CheckContext())
    assert verdict.status == Status.VERIFIED and verdict.strength == Strength.PROOF


def test_a_proof_that_takes_the_function_real_says_so():
    decision = decide(r"f(x)^2 = |f(x)|^2")
    assert decision.kind == "holds"
    assert any("real-valued" in line for line in decision.assumptions), decision.assumptions


def test_a_periodic_claim_is_never_proved_by_instances():
    decision = decide(r"f(x + 2\pi) = f(x)")
    assert decision.kind == "fails"  # exp refutes it; a sine alone would have agreed


def test_the_claims_side_has_no_functions_of_its_own():
    from derive.claims import unknown

    assert not hasattr(unknown, "instances") and not hasattr(unknown, "arbitrary_proof")


# --- numerical integration ----------------------------------------------------------------------


def test_an_accurate_quadrature_gives_its_number():
    value = quadrature(Integral(exp(-(x**2)), (x, -oo, oo)), 50)
    assert abs(value - sqrt(pi)) < Rational(1, 10**45)


def test_an_inaccurate_quadrature_gives_no_number():
    # sin(1/x) oscillates without end near 0: mpmath's own error estimate is about 1e-4
    assert quadrature(Integral(sin(1 / x), (x, 0, 1)), 50) == INACCURATE


KINK = Integral(Abs(x - Rational(1, 3)), (x, 0, 1))  # = 5/18; tanh-sinh is accurate to ~1e-6


@pytest.mark.parametrize("claimed", [Rational(5, 18), Rational(5, 18) + Rational(1, 10**7)])
def test_an_inaccurate_quadrature_decides_no_comparison(claimed):
    # its number (0.2777767…, wrong in the sixth digit) refuted the true value 5/18; against a
    # value off by 1e-7 it can say nothing either
    comparison = compare_values(quadrature(KINK, 50), claimed)
    assert comparison.outcome == "unknown" and "too inaccurate" in comparison.reason


def test_an_inaccurate_quadrature_leaves_the_check_undecided_and_says_why():
    verdict = check_equal(Integral(sin(1 / x), (x, 0, 1)), Rational(1, 2), CheckContext())
    assert verdict.status == Status.UNVERIFIED
    assert "numerical integration is too inaccurate" in verdict.reason


def test_a_positive_function_is_tried_with_positive_functions_only():
    """σ_t > 0 read as a positive σ_t(t): a refutation by a function that goes negative would
    refute a claim about positive functions (√(f²) = f)."""
    from derive.core.functions import real_valued

    positive, t = Function("f", positive=True), Symbol("t", real=True)
    left, right = sqrt(positive(t) ** 2), positive(t)
    for _, a, b in instances(left, right, seed=3):
        assert (a - b).simplify() == 0  # every candidate is positive: none refutes
    kept, _, assumed = real_valued(left, right)
    assert kept.has(positive) and not assumed  # still positive, not swapped for a real f
    g = Function("g")
    assert any((a - b).simplify() != 0 for _, a, b in instances(sqrt(g(t) ** 2), g(t), seed=3))
