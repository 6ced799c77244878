"""KL divergence between two univariate normal laws, step by step as in seed 000, section 2.

Run it on its own to print the checked proof: ``python derivations/kl_univariate.py``.
"""

import math

from sympy import Eq, Rational, log, pi, symbols

from derive import Definition, Derivation, Rule, Source, lemma, minus, plus, run_script, times
from derive.gaussian import KL, Density, Expectation, Normal

NAME = "kl"
TITLE = "KL divergence between two univariate normal distributions"
SOURCE = Source("000_e5429e0e7a84fe31.txt", "§2 KL Divergence Between Two Normal Distributions")
TOPIC = "univariate"

x, mu_1, mu_2 = symbols("x mu_1 mu_2", real=True)
sigma_1, sigma_2 = symbols("sigma_1 sigma_2", positive=True)
P = Normal(mu_1, sigma_1**2, "P")
Q = Normal(mu_2, sigma_2**2, "Q")

# Placeholders for the general rules quoted in justifications.
a, b, mu = symbols("a b mu", real=True)
sigma = symbols("sigma", positive=True)
# log a − log b = log(a/b) holds for positive a and b only (a = 1, b = −1 breaks it).
a_pos, b_pos = symbols("a b", positive=True)


def kl_normal(mu_1, sigma_1, mu_2, sigma_2):
    """D_KL(N(mu_1, sigma_1²) ‖ N(mu_2, sigma_2²)), as one computes it in a training loop."""
    return math.log(sigma_2 / sigma_1) + (sigma_1**2 + (mu_1 - mu_2) ** 2) / (2 * sigma_2**2) - 0.5


def draw(axes) -> None:
    """D_KL against the gap between the means, for several ratios of the deviations."""
    gaps = [3 * i / 200 for i in range(201)]
    for ratio in (0.5, 1.0, 2.0):
        values = [kl_normal(gap, 1.0, 0.0, ratio) for gap in gaps]
        axes.plot(gaps, values, label=rf"$\sigma_2/\sigma_1 = {ratio:g}$")
    axes.set_xlabel(r"$\mu_1 - \mu_2$ ($\sigma_1 = 1$)")
    axes.set_ylabel(r"$D_{KL}(P \,\|\, Q)$")
    axes.legend(frameon=False)


def E_P(body):
    """The expectation of ``body`` over x ~ P."""
    return Expectation(body, x, P)


def second_moment_about_mu_2() -> Derivation:
    """E_P[(x - mu_2)^2] = sigma_1^2 + (mu_1 - mu_2)^2: the source's 'second term'."""
    d = Derivation(
        "kl/second-moment",
        "Second moment of P about the mean of Q",
        SOURCE,
        start=E_P((x - mu_2) ** 2),
    )
    d.eq(
        E_P(plus(x - mu_1, mu_1 - mu_2) ** 2),
        Rule(
            "add and subtract the mean of P",
            Eq(x - mu_2, plus(x - mu_1, mu_1 - mu_2), evaluate=False),
        ),
    )
    d.eq(
        E_P(plus((x - mu_1) ** 2, times(2, x - mu_1, mu_1 - mu_2), (mu_1 - mu_2) ** 2)),
        Rule("expand the square", Eq((a + b) ** 2, a**2 + 2 * a * b + b**2)),
    )
    d.eq(
        plus(E_P((x - mu_1) ** 2), times(2, mu_1 - mu_2, E_P(x - mu_1)), (mu_1 - mu_2) ** 2),
        Rule("linearity of expectation; the last term is a constant"),
    )
    d.eq(
        sigma_1**2 + (mu_1 - mu_2) ** 2,
        Rule(
            "variance and mean of P",
            (Eq(E_P((x - mu_1) ** 2), sigma_1**2), Eq(E_P(x - mu_1), 0)),
        ),
    )
    return d


def build() -> Derivation:
    """The proof of D_KL(P ‖ Q) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2."""
    moment = second_moment_about_mu_2()
    log_p = -log(2 * pi * sigma_1**2) / 2 - (x - mu_1) ** 2 / (2 * sigma_1**2)
    log_q = -log(2 * pi * sigma_2**2) / 2 - (x - mu_2) ** 2 / (2 * sigma_2**2)
    d = Derivation(NAME, TITLE, SOURCE, start=KL(P, Q))
    d.eq(
        E_P(log(Density(P, x)) - log(Density(Q, x))),
        Definition("definition of the KL divergence"),
    )
    d.eq(
        E_P(plus(log_p, minus(log_q))),
        Rule(
            "log of the normal density",
            Eq(
                log(Density(Normal(mu, sigma**2), x)),
                -log(2 * pi * sigma**2) / 2 - (x - mu) ** 2 / (2 * sigma**2),
            ),
        ),
    )
    d.eq(
        E_P(
            plus(
                times(Rational(1, 2), log(2 * pi * sigma_2**2) - log(2 * pi * sigma_1**2)),
                -((x - mu_1) ** 2) / (2 * sigma_1**2),
                (x - mu_2) ** 2 / (2 * sigma_2**2),
            )
        ),
        Rule("rearrange the terms"),
    )
    d.eq(
        E_P(
            plus(
                log(sigma_2 / sigma_1),
                (x - mu_2) ** 2 / (2 * sigma_2**2),
                -((x - mu_1) ** 2) / (2 * sigma_1**2),
            )
        ),
        Rule(
            "difference of logarithms, and the square root inside the logarithm as σ₁, σ₂ > 0",
            (
                Eq(log(a_pos) - log(b_pos), log(a_pos / b_pos)),
                Eq(times(Rational(1, 2), log(sigma_2**2 / sigma_1**2)), log(sigma_2 / sigma_1)),
            ),
        ),
    )
    d.eq(
        plus(
            log(sigma_2 / sigma_1),
            E_P((x - mu_2) ** 2) / (2 * sigma_2**2),
            -E_P((x - mu_1) ** 2) / (2 * sigma_1**2),
        ),
        Rule("linearity of expectation; the expectation of a constant is the constant"),
    )
    d.eq(
        plus(
            log(sigma_2 / sigma_1),
            E_P((x - mu_2) ** 2) / (2 * sigma_2**2),
            -Rational(1, 2),
        ),
        Rule("variance of P", Eq(E_P((x - mu_1) ** 2), sigma_1**2)),
    )
    d.eq(
        log(sigma_2 / sigma_1)
        + (sigma_1**2 + (mu_1 - mu_2) ** 2) / (2 * sigma_2**2)
        - Rational(1, 2),
        lemma(moment, "second moment of P about μ₂"),
    )
    d.result("kl")
    d.implement(kl_normal, "kl", mu_1=mu_1, sigma_1=sigma_1, mu_2=mu_2, sigma_2=sigma_2)
    return d.illustrate(
        draw, "The KL divergence grows with the square of the gap between the means"
    )


if __name__ == "__main__":
    run_script(build)
