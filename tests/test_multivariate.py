"""The multivariate KL: special cases, Monte Carlo, a direct numeric formula, and the source's
slips refuted."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sympy import (
    ImmutableMatrix,
    Inverse,
    MatMul,
    Matrix,
    Rational,
    Trace,
    Transpose,
    log,
    simplify,
    symbols,
)

from derive.core import Step, check_step
from derive.core.verify import context_of
from derive.gaussian import Scalar, form
from derive.registry import load
from derive.writing import plus, times

m = __import__("derive.derivations.kl_multivariate", fromlist=["build"])
u = __import__("derive.derivations.kl_univariate", fromlist=["build"])
KL = load("kl-multivariate")
RESULT = KL.results["kl"]


def at(n: int, mu_1, mu_2, sigma_1, sigma_2):
    """The derived KL at explicit size n and explicit parameters."""
    mapping = {
        m.n: n,
        m.mu_1: ImmutableMatrix(mu_1),
        m.mu_2: ImmutableMatrix(mu_2),
        m.Sigma_1: ImmutableMatrix(sigma_1),
        m.Sigma_2: ImmutableMatrix(sigma_2),
    }
    return RESULT.xreplace(mapping).doit()


def test_dimension_one_is_the_univariate_kl():
    value = at(1, [[u.mu_1]], [[u.mu_2]], [[u.sigma_1**2]], [[u.sigma_2**2]])
    assert simplify(value - load("kl").results["kl"]) == 0


def test_diagonal_covariances_give_the_sum_of_univariate_kls():
    means_1, means_2 = symbols("a0:3", real=True), symbols("b0:3", real=True)
    scales_1, scales_2 = symbols("s0:3", positive=True), symbols("t0:3", positive=True)
    value = at(
        3,
        [[v] for v in means_1],
        [[v] for v in means_2],
        Matrix.diag(*(s**2 for s in scales_1)),
        Matrix.diag(*(s**2 for s in scales_2)),
    )
    univariate = load("kl").results["kl"]
    expected = sum(
        univariate.subs({u.mu_1: a, u.mu_2: b, u.sigma_1: s, u.sigma_2: t})
        for a, b, s, t in zip(means_1, means_2, scales_1, scales_2, strict=True)
    )
    assert simplify(value - expected) == 0


def _random_spd(rng, n):
    a = rng.normal(size=(n, n))
    return a @ a.T + n * np.eye(n)


def _direct(mu_1, mu_2, sigma_1, sigma_2):
    """KL of two normals from Cholesky factors, independently of the derivation."""
    l_1, l_2 = np.linalg.cholesky(sigma_1), np.linalg.cholesky(sigma_2)
    log_det = 2 * (np.log(np.diag(l_2)).sum() - np.log(np.diag(l_1)).sum())
    m_21 = np.linalg.solve(l_2, l_1)
    diff = np.linalg.solve(l_2, mu_2 - mu_1)
    return 0.5 * (log_det - len(mu_1) + (m_21**2).sum() + (diff**2).sum())


def test_agrees_with_monte_carlo_at_n_3():
    rng = np.random.default_rng(3)
    mu_1, mu_2 = rng.normal(size=3), rng.normal(size=3)
    sigma_1, sigma_2 = _random_spd(rng, 3), _random_spd(rng, 3)
    x = rng.multivariate_normal(mu_1, sigma_1, size=400_000)

    def log_density(x, mu, sigma):
        centred = x - mu
        quadratic = np.einsum("ij,ij->i", centred @ np.linalg.inv(sigma), centred)
        return -0.5 * (quadratic + np.log(np.linalg.det(sigma)) + 3 * np.log(2 * np.pi))

    estimate = (log_density(x, mu_1, sigma_1) - log_density(x, mu_2, sigma_2)).mean()
    exact = float(at(3, mu_1.reshape(3, 1), mu_2.reshape(3, 1), sigma_1, sigma_2))
    assert exact == pytest.approx(estimate, abs=0.02)


def test_agrees_with_a_cholesky_formula_at_n_10():
    rng = np.random.default_rng(10)
    mu_1, mu_2 = rng.normal(size=10), rng.normal(size=10)
    sigma_1, sigma_2 = _random_spd(rng, 10), _random_spd(rng, 10)
    exact = float(at(10, mu_1.reshape(10, 1), mu_2.reshape(10, 1), sigma_1, sigma_2))
    assert exact == pytest.approx(_direct(mu_1, mu_2, sigma_1, sigma_2), rel=1e-9)


CONTEXT = context_of(KL)  # the context `derive verify` checks kl-multivariate in


def _check_last(new_final):
    step = KL.steps[-1]
    return check_step(KL.steps[-2].expr, Step(step.relation, new_final, step.rule), CONTEXT)


HALF = Rational(1, 2)
LOG_RATIO = log(m.Determinant(m.Sigma_2) / m.Determinant(m.Sigma_1))


def _final(matrix, trace):
    quadratic = Scalar(MatMul(Transpose(m.mu_2 - m.mu_1), matrix, m.mu_2 - m.mu_1))
    return times(HALF, plus(LOG_RATIO, -m.n, trace, quadratic))


def test_the_source_last_line_with_sigma_2_for_its_inverse_is_refuted():
    verdict = _check_last(_final(m.Sigma_2, Trace(MatMul(Inverse(m.Sigma_2), m.Sigma_1))))
    assert verdict.status == "refuted"
    assert "n = " in verdict.method


def test_swapped_covariances_are_refuted():
    verdict = _check_last(_final(Inverse(m.Sigma_1), Trace(MatMul(Inverse(m.Sigma_1), m.Sigma_2))))
    assert verdict.status == "refuted"


def test_a_dropped_inverse_in_the_trace_is_refuted():
    verdict = _check_last(_final(Inverse(m.Sigma_2), Trace(MatMul(m.Sigma_2, m.Sigma_1))))
    assert verdict.status == "refuted"


def test_the_source_doubled_half_is_refuted():
    # Seed 001 §1.2.1(a), "Simplifying": ½[log|Σ₂|/|Σ₁| − ½(x−μ₁)ᵀΣ₁⁻¹(x−μ₁) + ½(...)]
    # inside the expectation: the ½ is applied twice.
    x = m.x
    slipped = times(
        HALF,
        plus(
            LOG_RATIO,
            -times(HALF, form(x - m.mu_1, Inverse(m.Sigma_1), x - m.mu_1)),
            times(HALF, form(x - m.mu_2, Inverse(m.Sigma_2), x - m.mu_2)),
        ),
    )
    step = KL.steps[1]
    wrong = Step(step.relation, m.Expectation(slipped, x, m.P), step.rule)
    assert check_step(KL.steps[0].expr, wrong, CONTEXT).status == "refuted"


def test_a_wrong_second_moment_is_refuted():
    lemma = next(c.derivation for c in KL.citations if "second-moment" in c.derivation.name)
    context = context_of(lemma)
    step = lemma.steps[-1]
    # E[(x − m)(x − m)ᵀ] with the mean term dropped: Σ₁ alone.
    wrong = Step(step.relation, m.Sigma_1, step.rule)
    assert check_step(lemma.steps[-2].expr, wrong, context).status == "refuted"


def _density(x, mean, covariance):
    centred = x - mean
    quadratic = centred @ np.linalg.solve(covariance, centred)
    return np.exp(-quadratic / 2) / np.sqrt(np.linalg.det(2 * np.pi * covariance))


def test_product_agrees_with_a_direct_computation_on_random_matrices():
    rng = np.random.default_rng(5)
    mu_1, mu_2 = rng.normal(size=3), rng.normal(size=3)
    sigma_1, sigma_2 = _random_spd(rng, 3), _random_spd(rng, 3)
    p = __import__("derive.derivations.product", fromlist=["build"])
    mapping = {
        p.n: 3,
        p.mu_1: ImmutableMatrix(mu_1),
        p.mu_2: ImmutableMatrix(mu_2),
        p.Sigma_1: ImmutableMatrix(sigma_1),
        p.Sigma_2: ImmutableMatrix(sigma_2),
    }
    covariance = np.array(p.DEFINITIONS[p.Sigma].xreplace(mapping).doit(), dtype=float)
    mapping[p.Sigma] = ImmutableMatrix(covariance)
    mean = np.array(p.DEFINITIONS[p.mu].xreplace(mapping).doit(), dtype=float).ravel()
    ratios = [
        _density(x, mu_1, sigma_1) * _density(x, mu_2, sigma_2) / _density(x, mean, covariance)
        for x in rng.normal(size=(5, 3))
    ]
    assert np.allclose(ratios, ratios[0], rtol=1e-9)
    precision = np.linalg.inv(sigma_1) + np.linalg.inv(sigma_2)
    assert np.allclose(covariance, np.linalg.inv(precision))


def _product_at_n_1():
    """The multivariate product's mean and covariance (its definitions), at n = 1."""
    p = __import__("derive.derivations.product", fromlist=["build"])
    q = __import__("derive.derivations.product_univariate", fromlist=["build"])
    mapping = {
        p.n: 1,
        p.mu_1: ImmutableMatrix([[q.mu_1]]),
        p.mu_2: ImmutableMatrix([[q.mu_2]]),
        p.Sigma_1: ImmutableMatrix([[q.sigma_1**2]]),
        p.Sigma_2: ImmutableMatrix([[q.sigma_2**2]]),
    }
    covariance = p.DEFINITIONS[p.Sigma].xreplace(mapping).doit()
    mapping[p.Sigma] = ImmutableMatrix(covariance)
    mean = p.DEFINITIONS[p.mu].xreplace(mapping).doit()
    return mean[0, 0], covariance[0, 0]


@pytest.mark.parametrize("wrong", [None, "weights swapped", "variances added"])
def test_product_univariate_is_product_at_n_1(wrong):
    """product-univariate's mean and variance (its definitions, substituted) are product's at
    n = 1; a wrong univariate result is told apart."""
    q = __import__("derive.derivations.product_univariate", fromlist=["build"])
    derivation = load("product-univariate")
    assert derivation.relation.symbol == "∝"
    results = {k: v.subs(derivation.definitions) for k, v in derivation.results.items()}
    mean, variance = results["mean"], results["variance"]
    if wrong == "weights swapped":
        mean = (q.mu_1 * q.sigma_1**2 + q.mu_2 * q.sigma_2**2) / (q.sigma_1**2 + q.sigma_2**2)
    if wrong == "variances added":
        variance = q.sigma_1**2 + q.sigma_2**2
    expected_mean, expected_variance = _product_at_n_1()
    agrees = simplify(mean - expected_mean) == 0 and simplify(variance - expected_variance) == 0
    assert agrees is (wrong is None)


def test_change_of_variable_agrees_numerically_and_refutes_a_missing_transpose():
    c = __import__("derive.derivations.change_of_variable", fromlist=["build"])
    rng = np.random.default_rng(8)
    a, b, x = rng.normal(size=(3, 3)), _random_spd(rng, 3), rng.normal(size=3)
    precision = a.T @ np.linalg.solve(b, a)
    covariance = np.linalg.inv(precision)
    mean = covariance @ a.T @ np.linalg.solve(b, x)
    ratios = [
        _density(x, a @ y, b) / _density(y, mean, covariance) for y in rng.normal(size=(5, 3))
    ]
    assert np.allclose(ratios, ratios[0], rtol=1e-9)

    derivation = load("change-of-variable")
    context = context_of(derivation)
    step = derivation.steps[1]
    no_transpose = step.expr.xreplace({Transpose(c.A): c.A})
    verdict = check_step(
        derivation.steps[0].expr, Step(step.relation, no_transpose, step.rule), context
    )
    assert verdict.status == "refuted"


def test_linear_transform_law_matches_monte_carlo():
    lt = __import__("derive.derivations.linear_transform", fromlist=["build"])
    rng = np.random.default_rng(11)
    a, b, mu, sigma = (
        rng.normal(size=(3, 3)),
        rng.normal(size=3),
        rng.normal(size=3),
        _random_spd(rng, 3),
    )
    law = load("linear-transform").results["law"]
    mapping = {
        lt.n: 3,
        lt.A: ImmutableMatrix(a),
        lt.b: ImmutableMatrix(b),
        lt.mu: ImmutableMatrix(mu),
        lt.Sigma: ImmutableMatrix(sigma),
    }
    mean = np.array(law.mean.xreplace(mapping).doit(), dtype=float).ravel()
    covariance = np.array(law.variance.xreplace(mapping).doit(), dtype=float)
    y = rng.multivariate_normal(mu, sigma, size=400_000) @ a.T + b
    assert np.allclose(y.mean(axis=0), mean, atol=0.05)
    assert np.allclose(np.cov(y.T), covariance, rtol=0.03, atol=0.05)


# --- conditional: the derived laws against the precision-matrix route ---------------------------

c = __import__("derive.derivations.conditional", fromlist=["build"])
CONDITIONAL = load("conditional")


def _conditional_at(sizes, sigma, mu, x_b):
    """The derived conditional mean and covariance, and the marginal, at explicit blocks."""
    from derive.core.checker import substitute
    from derive.core.matrices import at_size

    a, b = sizes
    mapping = {
        c.a: a,
        c.b: b,
        c.Sigma: ImmutableMatrix(sigma),
        c.mu: ImmutableMatrix(mu),
        # x_a does not enter the conditional's parameters; x_b is the observed block
        c.x: ImmutableMatrix([[0]] * a + [[v] for v in x_b]),
    }
    results = CONDITIONAL.results
    values = [
        at_size(substitute(results[name], CONDITIONAL.definitions), mapping)
        for name in ("conditional mean", "conditional covariance")
    ]
    marginal = at_size(substitute(results["marginal"].variance, CONDITIONAL.definitions), mapping)
    return [np.array(v.evalf(), dtype=float) for v in (*values, marginal)]


@pytest.mark.parametrize("sizes", [(1, 1), (2, 3), (4, 2)])
def test_conditional_matches_the_precision_route(sizes):
    """Independent route (Bishop, PRML eqs. 2.73, 2.75): with Λ = Σ⁻¹, the conditional
    covariance is Λ_aa⁻¹ and the mean μ_a − Λ_aa⁻¹ Λ_ab (x_b − μ_b)."""
    a, b = sizes
    rng = np.random.default_rng(a * 10 + b)
    root = rng.normal(size=(a + b, a + b))
    sigma = np.round(root @ root.T + np.eye(a + b), 3)
    mu = np.round(rng.normal(size=(a + b, 1)), 3)
    x_b = np.round(rng.normal(size=b), 3)
    mean, covariance, marginal = _conditional_at(
        sizes, [[Rational(str(v)) for v in row] for row in sigma], mu.tolist(), x_b.tolist()
    )
    precision = np.linalg.inv(sigma)
    expected_cov = np.linalg.inv(precision[:a, :a])
    expected_mean = mu[:a] - expected_cov @ precision[:a, a:] @ (x_b.reshape(-1, 1) - mu[a:])
    assert np.allclose(covariance, expected_cov)
    assert np.allclose(mean, expected_mean)
    assert np.allclose(marginal, sigma[a:, a:])


def test_conditional_conclusion_with_the_wrong_covariance_is_refuted():
    """x_a | x_b ~ N(m, Σ_aa) (forgetting the Schur complement) does not follow."""
    from derive.gaussian import Both, Distributed, Given, MvNormal

    last = CONDITIONAL.steps[-1]
    wrong = Both(last.expr.args[0], Distributed(Given(c.x_a, c.x_b), MvNormal(c.m, c.S_aa)))
    context = context_of(CONDITIONAL)
    verdict = check_step(CONDITIONAL.steps[-2].expr, Step(last.relation, wrong, last.rule), context)
    assert verdict.status == "refuted"


def test_conditional_blocks_must_partition_the_vector():
    """The factorization theorem refuses blocks that are not the two parts of x."""
    base = context_of(CONDITIONAL)
    context = replace(base, definitions={**base.definitions, c.x_b: c.x[: c.a, :]})
    last = CONDITIONAL.steps[-1]
    verdict = check_step(CONDITIONAL.steps[-2].expr, last, context)
    assert verdict.status == "unverified"
    assert "complementary blocks" in verdict.reason


def test_sigma_points_agree_with_the_moments_of_a_normal_vector():
    """At an explicit size, E[f(x)] by sigma points equals Isserlis' moments for polynomials of
    degree ≤ 3 (by expression and compiled over ℚ), and the degree is read correctly: an
    inverse of x or a log is not a polynomial, a quartic is too high."""
    import random

    from sympy import ImmutableMatrix, Inverse, MatrixSymbol, Transpose, log, symbols

    from derive.core.matrices import positive_definite
    from derive.gaussian import Scalar
    from derive.gaussian.multivariate import gaussian_moment
    from derive.gaussian.sigma_points import compiled, degree, exact_expectation, expectation

    rng = random.Random(3)
    size = 4
    mean = ImmutableMatrix([rng.randint(-3, 3) for _ in range(size)])
    covariance = positive_definite(size, rng)
    weights = positive_definite(size, rng)
    x = MatrixSymbol("x", size, 1)
    quadratic = Scalar(Transpose(x - mean) * weights * x)
    cubic = quadratic * Scalar(Transpose(mean) * x)
    coordinates = ImmutableMatrix(symbols(f"c0:{size}", real=True))
    for body in (quadratic, cubic):
        assert degree(body, x) <= 3
        expected = gaussian_moment(
            body.xreplace({x: coordinates}).doit().expand(), list(coordinates), mean, covariance
        )
        by_points = expectation(lambda p, b=body: b.xreplace({x: p}).doit(), mean, covariance)
        assert by_points == expected
        assert exact_expectation(compiled(body, x), mean, covariance) == expected
    assert degree(quadratic * quadratic, x) == 4
    assert degree(Scalar(Transpose(x) * Inverse(weights + x * Transpose(x)) * x), x) is None
    assert degree(log(Scalar(Transpose(x) * x)), x) is None
