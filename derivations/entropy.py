"""Differential entropy of a normal law, and its maximum-entropy property (seed 003).

Run it on its own to print the checked proof: ``python derivations/entropy.py``.
"""

from sympy import E, Eq, GreaterThan, Rational, log, pi, symbols

from derive import (
    AT_MOST,
    KL,
    Definition,
    Density,
    Derivation,
    Entropy,
    Expectation,
    Law,
    Normal,
    Rule,
    Source,
    Theorem,
    lemma,
    minus,
    plus,
    run_script,
    times,
)

NAME = "entropy"
TITLE = "Entropy of a normal law, and the maximum-entropy property"
SOURCE = Source("003_6b257039f3422b2a.txt", "Why Gaussians Dominate Diffusion: Maximum Entropy")
TOPIC = "univariate"

x, mu = symbols("x mu", real=True)
sigma = symbols("sigma", positive=True)
G = Normal(mu, sigma**2, "G")
p = Law(mu, sigma**2, "p")  # any law with the same mean and variance
HALF = Rational(1, 2)
LOG_G = -log(2 * pi * sigma**2) / 2 - (x - mu) ** 2 / (2 * sigma**2)
LOG_DENSITY = Rule(
    "log of the normal density",
    Eq(log(Density(G, x)), LOG_G, evaluate=False),
)


def normal_entropy() -> Derivation:
    """h(N(μ, σ²)) = ½ log(2πeσ²)."""
    d = Derivation("entropy/normal", "Entropy of the normal law", SOURCE, start=Entropy(G))
    d.eq(
        -Expectation(log(Density(G, x)), x, G),
        Definition("definition of differential entropy: h(P) = -E_P[log p(x)]"),
    )
    d.eq(-Expectation(LOG_G, x, G), LOG_DENSITY)
    d.eq(
        plus(
            times(HALF, log(2 * pi * sigma**2)), Expectation((x - mu) ** 2, x, G) / (2 * sigma**2)
        ),
        Rule("linearity of expectation"),
    )
    d.eq(
        plus(times(HALF, log(2 * pi * sigma**2)), HALF),
        Rule("variance of G", Eq(Expectation((x - mu) ** 2, x, G), sigma**2, evaluate=False)),
    )
    d.eq(times(HALF, log(2 * pi * E * sigma**2)), Rule("½ = ½ log e; sum of logarithms"))
    return d


def build() -> Derivation:
    """h(p) = h(G) − D_KL(p ‖ G) ≤ h(G) for every law p with the mean and variance of G."""
    d = Derivation(NAME, TITLE, SOURCE, start=Entropy(p))
    d.eq(
        -Expectation(log(Density(p, x)), x, p),
        Definition("definition of differential entropy"),
    )
    d.eq(
        plus(
            -Expectation(log(Density(G, x)), x, p),
            minus(Expectation(log(Density(p, x)) - log(Density(G, x)), x, p)),
        ),
        Rule("add and subtract E_p[log g(x)]; linearity of expectation"),
    )
    d.eq(
        plus(-Expectation(log(Density(G, x)), x, p), minus(KL(p, G))),
        Definition("definition of the KL divergence"),
    )
    d.eq(plus(-Expectation(LOG_G, x, p), minus(KL(p, G))), LOG_DENSITY)
    d.eq(
        plus(
            times(HALF, log(2 * pi * sigma**2)),
            Expectation((x - mu) ** 2, x, p) / (2 * sigma**2),
            minus(KL(p, G)),
        ),
        Rule("linearity of expectation"),
    )
    d.eq(
        plus(times(HALF, log(2 * pi * sigma**2)), HALF, minus(KL(p, G))),
        Rule(
            "p has the variance of G: only the first two moments of p enter",
            Eq(Expectation((x - mu) ** 2, x, p), sigma**2, evaluate=False),
        ),
    )
    d.eq(
        plus(Entropy(G), minus(KL(p, G))),
        lemma(normal_entropy(), "entropy of the normal law"),
    )
    d.step(
        AT_MOST,
        Entropy(G),
        Theorem(
            "Gibbs' inequality: a KL divergence is never negative",
            GreaterThan(KL(p, G), 0, evaluate=False),
            kind="gibbs",
        ),
    )
    return d.result("bound", d.final)


if __name__ == "__main__":
    run_script(build)
