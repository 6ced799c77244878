"""The sum of two independent normal random variables is normal: seed 000, §1, steps 1–5.

Run it on its own to print the checked proof: ``python derivations/sum_normals.py``.
"""

import numpy as np
from sympy import Eq, I, Rational, exp, symbols

from derive import (
    CharacteristicFunction,
    Definition,
    Derivation,
    Distributed,
    Expectation,
    Normal,
    RandomVariable,
    Rule,
    Source,
    Theorem,
    lemma,
    minus,
    plus,
    run_script,
    times,
)
from derive.core import IMPLIES
from derive.registry import load

NAME = "sum"
TITLE = "Sum of two independent normal random variables"
SOURCE = Source("000_e5429e0e7a84fe31.txt", "§1 Sum of Two Independent Normal Random Variables")
TOPIC = "univariate"

X, Y = RandomVariable("X"), RandomVariable("Y")
t, mu_x, mu_y, a, b = symbols("t mu_x mu_y a b", real=True)
sigma_x, sigma_y = symbols("sigma_x sigma_y", positive=True)
HALF = Rational(1, 2)


def draw(axes, law) -> None:
    """Densities of X, Y and X + Y (the derived law) over a histogram of sampled sums."""
    values = {mu_x: 1.0, sigma_x: 0.8, mu_y: -0.5, sigma_y: 1.5}
    rng = np.random.default_rng(0)
    sums = rng.normal(1.0, 0.8, 100_000) + rng.normal(-0.5, 1.5, 100_000)
    axes.hist(sums, bins=90, density=True, color="0.85", label="$X + Y$, 100 000 samples")
    grid = np.linspace(-6, 6, 400)
    laws = [("X", Normal(mu_x, sigma_x**2)), ("Y", Normal(mu_y, sigma_y**2)), ("X + Y", law)]
    for label, each in laws:
        mean, variance = (float(p.subs(values)) for p in (each.mean, each.variance))
        density = np.exp(-((grid - mean) ** 2) / (2 * variance)) / np.sqrt(2 * np.pi * variance)
        shown = rf"${label} \sim \mathcal{{N}}({mean:g}, {variance:g})$"  # mathtext, not "˜"
        axes.plot(grid, density, label=shown)
    axes.set_xlabel("value")
    axes.set_ylabel("density")
    axes.legend(frameon=False)


def build() -> Derivation:
    """X + Y ~ N(μ_x + μ_y, σ_x² + σ_y²) for independent X ~ N(μx, σx²), Y ~ N(μy, σy²)."""
    exponent_x = I * t * mu_x - sigma_x**2 * t**2 / 2
    exponent_y = I * t * mu_y - sigma_y**2 * t**2 / 2
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=CharacteristicFunction(X + Y, t),
        variables={X: Normal(mu_x, sigma_x**2), Y: Normal(mu_y, sigma_y**2)},
    )
    d.eq(Expectation(exp(I * t * (X + Y))), Definition("definition of the characteristic function"))
    d.eq(
        Expectation(times(exp(I * t * X), exp(I * t * Y))),
        Rule("exponential of a sum", Eq(exp(a + b), exp(a) * exp(b), evaluate=False)),
    )
    d.eq(
        times(Expectation(exp(I * t * X)), Expectation(exp(I * t * Y))),
        Rule(
            "independence of X and Y: the expectation of a product is the product of expectations"
        ),
    )
    d.eq(
        times(CharacteristicFunction(X, t), CharacteristicFunction(Y, t)),
        Definition("definition of the characteristic function"),
    )
    d.eq(
        times(exp(exponent_x), exp(exponent_y)),
        lemma(load("cf"), "characteristic function of a normal law", inline=False),
    )
    d.eq(
        exp(plus(exponent_x, exponent_y)),
        Rule("product of exponentials", Eq(exp(a) * exp(b), exp(a + b), evaluate=False)),
    )
    d.eq(
        exp(
            plus(
                plus(I * t * mu_x, I * t * mu_y),
                minus(plus(sigma_x**2 * t**2 / 2, sigma_y**2 * t**2 / 2)),
            )
        ),
        Rule("group the terms in it and in t²"),
    )
    d.eq(
        exp(I * t * (mu_x + mu_y) - times(HALF, sigma_x**2 + sigma_y**2, t**2)),
        Rule("factor out it and t²/2"),
    )
    d.step(
        IMPLIES,
        Distributed(X + Y, Normal(mu_x + mu_y, sigma_x**2 + sigma_y**2)),
        Theorem(
            "uniqueness: a law is determined by its characteristic function, and this is the "
            "characteristic function of N(μ_x + μ_y, σ_x² + σ_y²)",
            kind="uniqueness",
        ),
    )
    d.result("law", d.final.law)
    caption = "X ~ N(1, 0.64), Y ~ N(-0.5, 2.25): the derived law of X + Y over sampled sums"
    return d.illustrate(lambda axes: draw(axes, d.results["law"]), caption)


if __name__ == "__main__":
    run_script(build)
