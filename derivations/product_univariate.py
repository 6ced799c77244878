"""The product of two univariate normal densities, the scalar case of ``product``.

Seed 001 §1.1.1(a) and seed 003 "Property 3" with n = 1: precisions add,
1/σ² = 1/σ₁² + 1/σ₂², and the mean is precision-weighted, μ = σ²(μ₁/σ₁² + μ₂/σ₂²).

Run it on its own to print the checked proof: ``python derivations/product_univariate.py``.
"""

from sympy import Eq, Rational, exp, symbols

from derive import Definition, Density, Derivation, Normal, Rule, Source, run_script, times

NAME = "product-univariate"
TITLE = "Product of two univariate normal densities"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.1.1(a) Conditional Diffusion Distribution (n = 1)")
TOPIC = "univariate"
VARIANT_OF = ("product", "univariate")

x, mu_1, mu_2, mu = symbols("x mu_1 mu_2 mu", real=True)
sigma_1, sigma_2, sigma = symbols("sigma_1 sigma_2 sigma", positive=True)
HALF = Rational(1, 2)
PRECISION = 1 / sigma_1**2 + 1 / sigma_2**2
WEIGHTED = mu_1 / sigma_1**2 + mu_2 / sigma_2**2


def build() -> Derivation:
    """N(x; μ₁, σ₁²) N(x; μ₂, σ₂²) ∝ N(x; μ, σ²) in x."""
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=Density(Normal(mu_1, sigma_1**2), x) * Density(Normal(mu_2, sigma_2**2), x),
        definitions={sigma: 1 / PRECISION**HALF, mu: WEIGHTED / PRECISION},
    )
    d.prop(
        exp(-times(HALF, (x - mu_1) ** 2 / sigma_1**2 + (x - mu_2) ** 2 / sigma_2**2)),
        x,
        Rule("the normalising constants do not depend on x"),
    )
    d.prop(
        exp(-times(HALF, PRECISION * x**2 - 2 * WEIGHTED * x)),
        x,
        Rule("expand the squares, collect the terms in x² and x; drop μᵢ²/σᵢ², constant in x"),
    )
    d.eq(
        exp(-times(HALF, x**2 / sigma**2 - 2 * mu * x / sigma**2)),
        Definition(
            "match with the normal form x²/σ² − 2μx/σ²",
            (
                Eq(1 / sigma**2, PRECISION, evaluate=False),
                Eq(mu / sigma**2, WEIGHTED, evaluate=False),
            ),
        ),
    )
    d.prop(
        Density(Normal(mu, sigma**2), x),
        x,
        Rule("complete the square: the normal density N(x; μ, σ²) up to a constant in x"),
    )
    closed_mean, closed_variance = WEIGHTED / PRECISION, 1 / PRECISION
    d.eq(
        Density(Normal(closed_mean, closed_variance), x),
        Definition(
            "substitute the definitions of μ and σ",
            (
                Eq(mu, closed_mean, evaluate=False),
                Eq(sigma**2, closed_variance, evaluate=False),
            ),
        ),
    )
    return d.result("mean", closed_mean).result("variance", closed_variance)


if __name__ == "__main__":
    run_script(build)
