"""The characteristic function of N(μ, σ²), derived rather than quoted.

Seed 000 (§1, Step 1) states φ_W(t) = exp(itμ − σ²t²/2) as "a known result"; here it is
proved: the expectation as an integral, the exponents combined, the square completed, and the
Gaussian integral (with a complex shift of the mean, by Cauchy's theorem).

Run it on its own to print the checked proof: ``python derivations/cf.py``.
"""

from sympy import Eq, I, Integral, exp, oo, pi, symbols

from derive import (
    CharacteristicFunction,
    Definition,
    Derivation,
    Expectation,
    Normal,
    RandomVariable,
    Rule,
    Source,
    density_as_written,
    over,
    root,
    run_script,
    times,
)

NAME = "cf"
TITLE = "Characteristic function of a normal law"
SOURCE = Source(
    "000_e5429e0e7a84fe31.txt",
    "§1 Step 1 (stated there as a known result; derived here)",
)
TOPIC = "univariate"

X = RandomVariable("X")
t, x, mu, a, b = symbols("t x mu a b", real=True)
sigma = symbols("sigma", positive=True)
LAW = Normal(mu, sigma**2)
# The exponent after completing the square, and the constant it leaves.
SHIFTED = -((x - (mu + I * sigma**2 * t)) ** 2) / (2 * sigma**2)
CONSTANT = I * mu * t - sigma**2 * t**2 / 2
ROOT = root(2 * pi * sigma**2)


def build() -> Derivation:
    """φ_X(t) = E[e^{itX}] = exp(iμt − σ²t²/2) for X ~ N(μ, σ²)."""
    d = Derivation(NAME, TITLE, SOURCE, start=CharacteristicFunction(X, t), variables={X: LAW})
    d.eq(
        Expectation(exp(I * t * X)),
        Definition("definition of the characteristic function"),
    )
    d.eq(
        Integral(times(exp(I * t * x), density_as_written(x, mu, sigma**2)), (x, -oo, oo)),
        Rule("expectation as an integral against the normal density of X"),
    )
    d.eq(
        Integral(over(exp(I * t * x - (x - mu) ** 2 / (2 * sigma**2)), ROOT), (x, -oo, oo)),
        Rule("product of exponentials", Eq(exp(a) * exp(b), exp(a + b), evaluate=False)),
    )
    d.eq(
        Integral(over(exp(SHIFTED + CONSTANT), ROOT), (x, -oo, oo)),
        Rule(
            "complete the square in x",
            Eq(I * t * x - (x - mu) ** 2 / (2 * sigma**2), SHIFTED + CONSTANT, evaluate=False),
        ),
    )
    d.eq(
        times(exp(CONSTANT), Integral(over(exp(SHIFTED), ROOT), (x, -oo, oo))),
        Rule("a factor constant in x leaves the integral"),
    )
    d.eq(
        times(exp(CONSTANT), 1),
        Rule(
            "Gaussian integral: the density of N(μ + iσ²t, σ²) integrates to 1 "
            "(shifting the line of integration by Cauchy's theorem)",
        ),
    )
    d.eq(exp(CONSTANT), Rule("multiply by 1"))
    return d.result("phi")


if __name__ == "__main__":
    run_script(build)
