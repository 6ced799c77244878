"""Marginal and conditional laws of a partitioned normal vector, by the Schur complement.

Seed 003, "Property 2: Marginals and Conditionals". Split x ~ N(μ, Σ) into blocks x_a (the
first a entries) and x_b (the last b), with μ and Σ split alike. With the Schur complement
S = Σ_aa − Σ_ab Σ_bb⁻¹ Σ_ba, the inverse of a partitioned matrix is

    Σ⁻¹ = [[S⁻¹, −S⁻¹ Σ_ab Σ_bb⁻¹], [−Σ_bb⁻¹ Σ_ba S⁻¹, Σ_bb⁻¹ + Σ_bb⁻¹ Σ_ba S⁻¹ Σ_ab Σ_bb⁻¹]]

and |Σ| = |S| |Σ_bb|. Completing the square in x_a splits the joint density into
N(x_a; m, S) · N(x_b; μ_b, Σ_bb) with m = μ_a + Σ_ab Σ_bb⁻¹ (x_b − μ_b): the second factor is
the marginal density of x_b, the first the conditional density of x_a given x_b.

Run it on its own to print the checked proof: ``python derivations/conditional.py``.
"""

from sympy import (
    Determinant,
    Eq,
    Inverse,
    MatAdd,
    MatMul,
    MatrixSymbol,
    Rational,
    Transpose,
    exp,
    pi,
    symbols,
)

from derive import (
    IMPLIES,
    Definition,
    Density,
    Derivation,
    Rule,
    Source,
    Theorem,
    run_script,
    times,
)
from derive.gaussian import Both, Distributed, Given, MvNormal, form

NAME = "conditional"
TITLE = "Marginal and conditional laws of a partitioned normal vector"
SOURCE = Source(
    "003_6b257039f3422b2a.txt",
    "Key Properties of Gaussians: Property 2, Marginals and Conditionals",
)
TOPIC = "multivariate"

a, b = symbols("a b", integer=True, positive=True)
x, mu = MatrixSymbol("x", a + b, 1), MatrixSymbol("mu", a + b, 1)
Sigma = MatrixSymbol("Sigma", a + b, a + b)
x_a, x_b = MatrixSymbol("x_a", a, 1), MatrixSymbol("x_b", b, 1)
mu_a, mu_b = MatrixSymbol("mu_a", a, 1), MatrixSymbol("mu_b", b, 1)
S_aa, S_ab = MatrixSymbol("Sigma_aa", a, a), MatrixSymbol("Sigma_ab", a, b)
S_ba, S_bb = MatrixSymbol("Sigma_ba", b, a), MatrixSymbol("Sigma_bb", b, b)
m, S = MatrixSymbol("m", a, 1), MatrixSymbol("S", a, a)
BLOCKS = {
    x_a: x[:a, :],
    x_b: x[a:, :],
    mu_a: mu[:a, :],
    mu_b: mu[a:, :],
    S_aa: Sigma[:a, :a],
    S_ab: Sigma[:a, a:],
    S_ba: Sigma[a:, :a],
    S_bb: Sigma[a:, a:],
}
GAIN = MatMul(S_ab, Inverse(S_bb))  # Σ_ab Σ_bb⁻¹
DEFINITIONS = {
    **BLOCKS,
    S: MatAdd(S_aa, -MatMul(GAIN, S_ba)),
    m: MatAdd(mu_a, MatMul(GAIN, MatAdd(x_b, -mu_b))),
}
HALF = Rational(1, 2)


def build() -> Derivation:
    """N(x; μ, Σ) = N(x_a; m, S) · N(x_b; μ_b, Σ_{bb}), so x_a | x_b ~ N(m, S)."""
    u, v = MatAdd(x_a, -mu_a), MatAdd(x_b, -mu_b)  # the centred blocks
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=Density(MvNormal(mu, Sigma), x),
        matrices={Sigma: "spd"},
        definitions=DEFINITIONS,
    )
    d.eq(
        times(
            (2 * pi) ** (-(a + b) / 2),
            Determinant(Sigma) ** -HALF,
            exp(-times(HALF, form(x - mu, Inverse(Sigma), x - mu))),
        ),
        Definition("the density of N(μ, Σ) on ℝ^{a+b}"),
    )
    d.eq(
        times(
            (2 * pi) ** (-(a + b) / 2),
            Determinant(Sigma) ** -HALF,
            exp(
                -times(
                    HALF,
                    form(u, Inverse(S), u)
                    - 2 * form(u, MatMul(Inverse(S), GAIN), v)
                    + form(v, MatAdd(Inverse(S_bb), MatMul(Transpose(GAIN), Inverse(S), GAIN)), v),
                )
            ),
        ),
        Rule(
            "split x − μ into the blocks x_a − μ_a, x_b − μ_b, and Σ⁻¹ by the inverse of a "
            "partitioned matrix: with S = Σ_{aa} − Σ_{ab} Σ_{bb}⁻¹ Σ_{ba}, the blocks of Σ⁻¹ are "
            "S⁻¹, −S⁻¹Σ_{ab} Σ_{bb}⁻¹, its transpose, and "
            "Σ_{bb}⁻¹ + Σ_{bb}⁻¹Σ_{ba} S⁻¹Σ_{ab} Σ_{bb}⁻¹ (Σ symmetric)"
        ),
    )
    d.eq(
        times(
            (2 * pi) ** (-(a + b) / 2),
            Determinant(Sigma) ** -HALF,
            exp(-times(HALF, form(x_a - m, Inverse(S), x_a - m) + form(v, Inverse(S_bb), v))),
        ),
        Rule("complete the square in x_a, with m = μ_a + Σ_{ab} Σ_{bb}⁻¹ (x_b − μ_b)"),
    )
    d.eq(
        times(
            (2 * pi) ** (-a / 2),
            Determinant(S) ** -HALF,
            exp(-times(HALF, form(x_a - m, Inverse(S), x_a - m))),
        )
        * times(
            (2 * pi) ** (-b / 2),
            Determinant(S_bb) ** -HALF,
            exp(-times(HALF, form(v, Inverse(S_bb), v))),
        ),
        Rule(
            "the determinant of a partitioned matrix, |Σ| = |S| |Σ_{bb}|; split (2π)^{−(a+b)/2} "
            "and the exponential"
        ),
    )
    d.eq(
        Density(MvNormal(m, S), x_a) * Density(MvNormal(mu_b, S_bb), x_b),
        Definition("the densities of N(m, S) on ℝ^a and of N(μ_b, Σ_{bb}) on ℝ^b"),
    )
    mean, covariance = DEFINITIONS[m], DEFINITIONS[S]
    d.eq(
        Density(MvNormal(mean, covariance), x_a) * Density(MvNormal(mu_b, S_bb), x_b),
        Definition(
            "substitute the definitions of m and S",
            (Eq(m, mean, evaluate=False), Eq(S, covariance, evaluate=False)),
        ),
    )
    d.step(
        IMPLIES,
        Both(
            Distributed(x_b, MvNormal(mu_b, S_bb)),
            Distributed(Given(x_a, x_b), MvNormal(mean, covariance)),
        ),
        Theorem(
            "the first factor integrates to one over x_a, so the second is the marginal density "
            "of x_b, x_b ~ N(μ_b, Σ_{bb}), and the first, the joint divided by the marginal, is "
            "the conditional density of x_a given x_b",
            kind="factorization",
        ),
    )
    return (
        d.result("marginal", MvNormal(mu_b, S_bb))
        .result("conditional mean", mean)
        .result("conditional covariance", covariance)
    )


if __name__ == "__main__":
    run_script(build)
