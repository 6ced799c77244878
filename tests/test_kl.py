"""The univariate KL derivation: its result, its agreement with quadrature, its refutations."""

from __future__ import annotations

import mpmath
import pytest
from sympy import Rational, log, simplify

from derive.core import Step, check_step, verify
from derive.registry import load

d = load("kl")
kl_module = __import__("derive.derivations.kl_univariate", fromlist=["x"])
mu_1, mu_2 = kl_module.mu_1, kl_module.mu_2
sigma_1, sigma_2 = kl_module.sigma_1, kl_module.sigma_2
TEXTBOOK = (
    log(sigma_2 / sigma_1) + (sigma_1**2 + (mu_1 - mu_2) ** 2) / (2 * sigma_2**2) - Rational(1, 2)
)


def test_every_step_is_verified_and_there_are_at_least_five():
    report = verify(d)
    assert len(d.steps) >= 5
    assert all(v.status == "verified" for v in report.verdicts)
    assert report.verified


def test_result_equals_the_textbook_formula():
    assert simplify(d.results["kl"] - TEXTBOOK) == 0


@pytest.mark.parametrize(
    "m1, m2, s1, s2", [(0, 1, 1, 2), (1.5, -0.5, 0.7, 1.3), (-2, 3, 2.5, 0.4), (0.3, 0.3, 1, 1)]
)
def test_result_equals_quadrature_of_the_defining_integral(m1, m2, s1, s2):
    mpmath.mp.dps = 30

    def p(x):
        return mpmath.npdf(x, m1, s1)

    def q(x):
        return mpmath.npdf(x, m2, s2)

    integral = mpmath.quad(lambda x: p(x) * mpmath.log(p(x) / q(x)), [-mpmath.inf, m1, mpmath.inf])
    closed = d.results["kl"].subs({mu_1: m1, mu_2: m2, sigma_1: s1, sigma_2: s2})
    assert abs(float(integral) - float(closed)) < 1e-12


def _recheck(index: int, new_expr):
    lhs = d.steps[index - 1].expr if index else d.start
    step = d.steps[index]
    return check_step(lhs, Step(step.relation, new_expr, step.rule))


@pytest.mark.parametrize("index", range(len(d.steps)))
def test_a_sign_flip_in_any_step_is_refuted(index):
    verdict = _recheck(index, -d.steps[index].expr)
    assert verdict.status == "refuted"
    assert verdict.counterexample.values


@pytest.mark.parametrize("index", range(len(d.steps)))
def test_swapping_the_standard_deviations_in_any_step_is_refuted(index):
    swapped = d.steps[index].expr.xreplace({sigma_1: sigma_2, sigma_2: sigma_1})
    verdict = _recheck(index, swapped)
    assert verdict.status == "refuted"
    point = dict(verdict.counterexample.values)
    assert point[sigma_1] > 0 and point[sigma_2] > 0
    assert verdict.counterexample.lhs != verdict.counterexample.rhs
