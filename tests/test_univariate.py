"""Cross-checks of the univariate derivations against independent references: sympy.stats'
own closed forms, quadrature (mpmath), Monte Carlo and finite differences (numpy, fixed
seeds). Each mended comparison is also shown to reject a deliberately wrong result."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
from sympy import Rational, exp, lambdify, pi, simplify, sqrt, stats, symbols

from derive.gaussian import Normal, reduce
from derive.gaussian.reduce import density_formula
from derive.registry import load

RNG = np.random.default_rng(20261121)
N = 400_000


def module(name):
    return __import__(f"derive.derivations.{name}", fromlist=["build"])


def _same(expr, reference) -> bool:
    return simplify(expr - reference) == 0


def _cf_by_sympy_stats():
    cf = module("cf")
    return stats.characteristic_function(stats.Normal("X", cf.mu, cf.sigma))(cf.t)


@pytest.mark.parametrize("wrong", [None, "variance doubled", "sign of the mean"])
def test_cf_result_is_sympy_stats_characteristic_function(wrong):
    cf = module("cf")
    phi = load("cf").results["phi"]
    phi = {
        None: phi,
        "variance doubled": phi.xreplace({cf.sigma: sqrt(2) * cf.sigma}),
        "sign of the mean": phi.xreplace({cf.mu: -cf.mu}),
    }[wrong]
    assert _same(phi, _cf_by_sympy_stats()) is (wrong is None)


@pytest.mark.parametrize("mu, sigma, t", [(0.3, 1.2, 0.7), (-1.0, 0.5, 2.0), (2.0, 2.0, -0.4)])
def test_cf_matches_quadrature(mu, sigma, t):
    cf = module("cf")
    phi = complex(load("cf").results["phi"].subs({cf.mu: mu, cf.sigma: sigma, cf.t: t}))
    integral = mpmath.quad(
        lambda x: mpmath.exp(1j * t * x) * mpmath.npdf(x, mu, sigma), [-mpmath.inf, mu, mpmath.inf]
    )
    assert abs(complex(integral) - phi) < 1e-10


def _moments_by_sympy_stats(coefficients, laws, constant=0):
    """Mean and variance of Σ aᵢXᵢ + c for independent Xᵢ ~ N(μᵢ, σᵢ²), by sympy.stats."""
    variables = [stats.Normal(f"X{i}", m, s) for i, (m, s) in enumerate(laws)]
    combination = sum(a * x for a, x in zip(coefficients, variables, strict=True)) + constant
    return stats.E(combination), stats.variance(combination)


def _law_of_sum(wrong=None):
    law = load("sum").results["law"]
    m = module("sum_normals")
    if wrong == "deviations added":
        return law.mean, (m.sigma_x + m.sigma_y) ** 2
    return law.mean, law.variance


@pytest.mark.parametrize("wrong", [None, "deviations added"])
def test_sum_law_is_sympy_stats_law(wrong):
    m = module("sum_normals")
    mean, variance = _law_of_sum(wrong)
    expected = _moments_by_sympy_stats((1, 1), [(m.mu_x, m.sigma_x), (m.mu_y, m.sigma_y)])
    assert _same(mean, expected[0])
    assert _same(variance, expected[1]) is (wrong is None)


@pytest.mark.parametrize("wrong", [None, "deviations added"])
def test_sum_law_matches_monte_carlo(wrong):
    m = module("sum_normals")
    values = {m.mu_x: 1.5, m.mu_y: -0.5, m.sigma_x: 0.8, m.sigma_y: 1.7}
    mean, variance = _law_of_sum(wrong)
    rng = np.random.default_rng(20261121)
    z = rng.normal(1.5, 0.8, N) + rng.normal(-0.5, 1.7, N)
    assert float(mean.subs(values)) == pytest.approx(z.mean(), abs=0.02)
    agrees = float(variance.subs(values)) == pytest.approx(float(z.var()), rel=0.02)
    assert agrees is (wrong is None)


@pytest.mark.parametrize("wrong", [None, "b for b squared", "c dropped"])
def test_affine_law_is_sympy_stats_law(wrong):
    m = module("affine")
    law = load("affine").results["law"]
    mean, variance = law.mean, law.variance
    if wrong == "b for b squared":
        variance = variance.subs(m.b**2, m.b)
    if wrong == "c dropped":
        mean = mean.subs(m.c, 0)
    laws = [(m.mu_x, m.sigma_x), (m.mu_y, m.sigma_y)]
    expected = _moments_by_sympy_stats((m.a, m.b), laws, m.c)
    assert (_same(mean, expected[0]) and _same(variance, expected[1])) is (wrong is None)


def test_affine_law_matches_monte_carlo():
    m = module("affine")
    values = {
        m.a: 2.0,
        m.b: -0.5,
        m.c: 3.0,
        m.mu_x: 1.0,
        m.mu_y: 4.0,
        m.sigma_x: 0.5,
        m.sigma_y: 2.0,
    }
    law = load("affine").results["law"]
    z = 2.0 * RNG.normal(1.0, 0.5, N) - 0.5 * RNG.normal(4.0, 2.0, N) + 3.0
    assert float(law.mean.subs(values)) == pytest.approx(z.mean(), abs=0.02)
    assert float(law.variance.subs(values)) == pytest.approx(z.var(), rel=0.02)


@pytest.mark.parametrize("t", [1, 10, 500, 1000])
def test_forward_marginal_matches_a_simulated_chain(t):
    m = module("forward_marginal")
    betas = np.linspace(1e-4, 0.02, 1000)  # the DDPM linear schedule, T = 1000
    alphas = 1 - betas
    x0, samples = 1.3, 20_000
    rng = np.random.default_rng(t)
    x = np.full(samples, x0)
    for step in range(t):
        x = np.sqrt(alphas[step]) * x + np.sqrt(1 - alphas[step]) * rng.standard_normal(samples)
    # The derived law is stated for index t + 1, in terms of ᾱ: evaluate it at index t.
    result = load("forward-marginal").results
    alpha_bar_t = float(np.prod(alphas[:t]))
    at = {m.t: t - 1}
    numbers = {m.alpha_bar[t]: alpha_bar_t, m.x_0: x0}
    mean = float(result["mean"].subs(at).subs(numbers))
    variance = float(result["variance"].subs(at).subs(numbers))
    assert mean == pytest.approx(np.sqrt(alpha_bar_t) * x0)
    assert variance == pytest.approx(1 - alpha_bar_t)
    assert x.mean() == pytest.approx(mean, abs=0.03)
    assert x.var() == pytest.approx(variance, abs=0.03)


def test_reparam_gradients_match_finite_differences_of_monte_carlo():
    m = module("reparam")
    coefficients = [0.3, -1.2, 0.5, 0.25, -0.1]
    mu, sigma, h = 0.4, 0.9, 1e-3
    eps = np.random.default_rng(7).standard_normal(N)  # common random numbers

    def f(x):
        return sum(c * x**k for k, c in enumerate(coefficients))

    def estimate(mu_, sigma_):
        return f(mu_ + sigma_ * eps).mean()

    by_mu = (estimate(mu + h, sigma) - estimate(mu - h, sigma)) / (2 * h)
    by_sigma = (estimate(mu, sigma + h) - estimate(mu, sigma - h)) / (2 * h)
    derivation = load("reparam")
    numbers = {**dict(zip(m.c, coefficients, strict=True)), m.mu: mu, m.sigma: sigma}
    results = {
        "mu": derivation.final,
        "sigma": next(
            c.derivation.final for c in derivation.citations if "sigma" in c.derivation.name
        ),
    }
    for name, expected in (("mu", by_mu), ("sigma", by_sigma)):
        exact = reduce(
            results[name].replace(m.f, m.POLYNOMIAL[m.f]).subs(numbers), {m.eps: m.STANDARD[m.eps]}
        )
        assert float(exact) == pytest.approx(expected, rel=1e-2, abs=1e-2), name


def test_normalization_score_matches_finite_differences():
    m = module("normalization")
    data = RNG.normal(2.0, 1.5, 7)
    mu, sigma, h = 1.1, 1.5, 1e-6

    def log_likelihood(mu_):
        return float(
            np.sum(-0.5 * np.log(2 * np.pi * sigma**2) - (data - mu_) ** 2 / (2 * sigma**2))
        )

    expected = (log_likelihood(mu + h) - log_likelihood(mu - h)) / (2 * h)
    score = load("normalization").results["score"]
    value = score.subs({m.n: len(data), m.y_bar: data.mean(), m.mu: mu, m.sigma: sigma})
    assert float(value) == pytest.approx(expected, rel=1e-6)
    assert data.mean() == pytest.approx(float(data.sum() / len(data)))


WRONG_DENSITIES = {
    "normaliser without 2": lambda x, m, v: exp(-((x - m) ** 2) / (2 * v)) / sqrt(pi * v),
    "exponent without 2": lambda x, m, v: exp(-((x - m) ** 2) / v) / sqrt(2 * pi * v),
}


@pytest.mark.parametrize("wrong", [None, *WRONG_DENSITIES])
def test_the_checkers_density_is_mpmaths_and_integrates_to_one(wrong):
    """The formula the checker reduces N(x; μ, σ²) to, against mpmath's npdf at a few points
    and by quadrature of its integral."""
    x = symbols("x", real=True)
    formula = density_formula(Normal(0.7, 1.9**2), x)
    if wrong:
        formula = WRONG_DENSITIES[wrong](x, 0.7, 1.9**2)
    f = lambdify(x, formula, "mpmath")
    pointwise = all(abs(f(v) - mpmath.npdf(v, 0.7, 1.9)) < 1e-12 for v in (-2.5, 0.7, 3.1))
    total = mpmath.quad(f, [-mpmath.inf, 0.7, mpmath.inf])
    assert pointwise is (wrong is None)
    assert (abs(total - 1) < 1e-10) is (wrong is None)


@pytest.mark.parametrize("wrong", [None, "no e", "deviation for variance"])
def test_normal_entropy_is_sympy_stats_and_matches_quadrature(wrong):
    entropy = next(
        c.derivation for c in load("entropy").citations if c.derivation.name == "entropy/normal"
    )
    m = module("entropy")
    result = {
        None: entropy.final,
        "no e": entropy.final - Rational(1, 2),
        "deviation for variance": entropy.final.xreplace({m.sigma: sqrt(m.sigma)}),
    }[wrong]
    assert _same(result, stats.entropy(stats.Normal("X", m.mu, m.sigma))) is (wrong is None)
    numeric = -mpmath.quad(
        lambda x: mpmath.npdf(x, 0.2, 1.7) * mpmath.log(mpmath.npdf(x, 0.2, 1.7)),
        [-mpmath.inf, mpmath.inf],
    )
    closed = float(result.subs({m.mu: 0.2, m.sigma: 1.7}))
    assert bool(closed == pytest.approx(float(numeric))) is (wrong is None)


def test_max_entropy_bound_concerns_any_law_with_the_same_moments():
    derivation = load("entropy")
    assert derivation.relation.symbol == "≤"
    m = module("entropy")
    assert (derivation.start.law.mean, derivation.start.law.variance) == (m.mu, m.sigma**2)
