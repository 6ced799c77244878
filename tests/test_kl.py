"""The univariate KL derivation: its result, its agreement with quadrature, its refutations."""

from __future__ import annotations

import mpmath
import pytest
from sympy import Rational, log, simplify

from derive.core import Step, check_step, verify
from derive.core.verify import context_of
from derive.registry import load

d = load("kl")
kl_module = __import__("derive.derivations.kl_univariate", fromlist=["x"])
mu_1, mu_2 = kl_module.mu_1, kl_module.mu_2
sigma_1, sigma_2 = kl_module.sigma_1, kl_module.sigma_2
# The literature's form, written independently of the script: the multivariate formula
# ½[tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀΣ₂⁻¹(μ₂ − μ₁) − n + log(|Σ₂|/|Σ₁|)] at n = 1 (Kullback 1959;
# Duchi, "Derivations for linear algebra and optimization", §9).
LITERATURE = Rational(1, 2) * (
    sigma_1**2 / sigma_2**2 + (mu_2 - mu_1) ** 2 / sigma_2**2 - 1 + log(sigma_2**2 / sigma_1**2)
)
RESULT = d.results["kl"]
# Deliberately wrong results, which the comparisons below must reject.
WRONG = {
    "no half on the log": RESULT + log(sigma_2 / sigma_1),
    "deviations swapped": RESULT.xreplace({sigma_1: sigma_2, sigma_2: sigma_1}),
    "no minus half": RESULT + Rational(1, 2),
    "variance for deviation": RESULT.xreplace({sigma_2: sigma_2**2}),
}


def test_every_step_is_verified_and_there_are_at_least_five():
    report = verify(d)
    assert len(d.steps) >= 5
    assert all(v.status == "verified" for v in report.verdicts)
    assert report.verified


def _equal(expr, reference) -> bool:
    return simplify(expr - reference) == 0


@pytest.mark.parametrize(
    "expr, agrees", [(RESULT, True), *((w, False) for w in WRONG.values())],
    ids=["derived", *WRONG],
)  # fmt: skip
def test_result_equals_the_literature_formula(expr, agrees):
    assert _equal(expr, LITERATURE) is agrees


POINTS = [(0, 1, 1, 2), (1.5, -0.5, 0.7, 1.3), (-2, 3, 2.5, 0.4), (0.3, 0.3, 1, 1)]


def _quadrature(m1, m2, s1, s2):
    """D_KL(P ‖ Q) by numerical integration of its definition ∫ p log(p/q), 30 digits."""

    def p(x):
        return mpmath.npdf(x, m1, s1)

    def q(x):
        return mpmath.npdf(x, m2, s2)

    with mpmath.workdps(30):  # not mp.dps = 30: the rest of the worker keeps its precision
        return mpmath.quad(lambda x: p(x) * mpmath.log(p(x) / q(x)), [-mpmath.inf, m1, mpmath.inf])


def _agrees_with_quadrature(expr) -> bool:
    for m1, m2, s1, s2 in POINTS:
        closed = expr.subs({mu_1: m1, mu_2: m2, sigma_1: s1, sigma_2: s2})
        if abs(float(_quadrature(m1, m2, s1, s2)) - float(closed)) >= 1e-12:
            return False
    return True


@pytest.mark.parametrize(
    "expr, agrees", [(RESULT, True), *((w, False) for w in WRONG.values())],
    ids=["derived", *WRONG],
)  # fmt: skip
def test_result_equals_quadrature_of_the_defining_integral(expr, agrees):
    assert _agrees_with_quadrature(expr) is agrees


def _recheck(index: int, new_expr):
    lhs = d.steps[index - 1].expr if index else d.start
    step = d.steps[index]
    return check_step(lhs, Step(step.relation, new_expr, step.rule), context_of(d))


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
