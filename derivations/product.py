"""The product of two normal densities is proportional to a normal density.

Seed 001 §1.1.1(a) (and seed 003, "Property 3: Products of Gaussians"): expand both quadratic
forms, collect the terms in x, match them with the quadratic form of a normal density, and read
off its precision Σ⁻¹ = Σ₁⁻¹ + Σ₂⁻¹ and its mean μ = Σ(Σ₁⁻¹μ₁ + Σ₂⁻¹μ₂).

Run it on its own to print the checked proof: ``python derivations/product.py``.
"""

import numpy as np
from sympy import Eq, Inverse, MatAdd, MatMul, MatrixSymbol, Rational, Transpose, exp, symbols

from derive import Definition, Density, Derivation, Rule, Source, run_script, times
from derive.gaussian import MvNormal, Scalar, form

NAME = "product"
TITLE = "Product of two multivariate normal densities"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.1.1(a) Conditional Diffusion Distribution")
TOPIC = "multivariate"

n = symbols("n", integer=True, positive=True)
x = MatrixSymbol("x", n, 1)
mu_1, mu_2, mu = (MatrixSymbol(name, n, 1) for name in ("mu_1", "mu_2", "mu_new"))
Sigma_1, Sigma_2, Sigma = (MatrixSymbol(name, n, n) for name in ("Sigma_1", "Sigma_2", "Sigma_new"))
PRECISION = MatAdd(Inverse(Sigma_1), Inverse(Sigma_2))
WEIGHTED = MatAdd(MatMul(Inverse(Sigma_1), mu_1), MatMul(Inverse(Sigma_2), mu_2))
DEFINITIONS = {Sigma: Inverse(PRECISION), mu: MatMul(Sigma, WEIGHTED)}
HALF = Rational(1, 2)


def product_of_normals(mu_1, Sigma_1, mu_2, Sigma_2):
    """The mean and covariance of N(x; mu_1, Sigma_1)·N(x; mu_2, Sigma_2), normalized."""
    Sigma_new = np.linalg.inv(np.linalg.inv(Sigma_1) + np.linalg.inv(Sigma_2))
    mu_new = Sigma_new @ (np.linalg.inv(Sigma_1) @ mu_1 + np.linalg.inv(Sigma_2) @ mu_2)
    return mu_new, Sigma_new


def build() -> Derivation:
    """N(x; μ₁, Σ₁) N(x; μ₂, Σ₂) ∝ N(x; μ, Σ) in x."""
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=Density(MvNormal(mu_1, Sigma_1), x) * Density(MvNormal(mu_2, Sigma_2), x),
        matrices={Sigma_1: "spd", Sigma_2: "spd"},
        definitions=DEFINITIONS,
    )
    d.prop(
        exp(
            -times(
                HALF,
                form(x - mu_1, Inverse(Sigma_1), x - mu_1)
                + form(x - mu_2, Inverse(Sigma_2), x - mu_2),
            )
        ),
        x,
        Rule("product of the densities; the normalising constants do not depend on x"),
    )
    d.prop(
        exp(
            -times(
                HALF,
                form(x, Inverse(Sigma_1), x)
                - 2 * form(x, Inverse(Sigma_1), mu_1)
                + form(x, Inverse(Sigma_2), x)
                - 2 * form(x, Inverse(Sigma_2), mu_2),
            )
        ),
        x,
        Rule(
            "expand the quadratic forms (Σᵢ symmetric, so xᵀΣᵢ⁻¹μᵢ = μᵢᵀΣᵢ⁻¹x); "
            "drop the terms μᵢᵀΣᵢ⁻¹μᵢ, constant in x"
        ),
    )
    d.eq(
        exp(
            -times(
                HALF,
                form(x, PRECISION, x)
                - 2 * form(x, Inverse(Sigma_1), mu_1)
                - 2 * form(x, Inverse(Sigma_2), mu_2),
            )
        ),
        Rule("collect the quadratic terms"),
    )
    d.eq(
        exp(-times(HALF, form(x, PRECISION, x) - 2 * Scalar(MatMul(Transpose(x), WEIGHTED)))),
        Rule("collect the linear terms"),
    )
    d.eq(
        exp(-times(HALF, form(x, Inverse(Sigma), x) - 2 * form(x, Inverse(Sigma), mu))),
        Definition(
            "match with the normal form xᵀΣ⁻¹x − 2xᵀΣ⁻¹μ",
            (
                Eq(Inverse(Sigma), PRECISION, evaluate=False),
                Eq(MatMul(Inverse(Sigma), mu), WEIGHTED, evaluate=False),
            ),
        ),
    )
    d.prop(
        Density(MvNormal(mu, Sigma), x),
        x,
        Rule("the normal density N(x; μ, Σ) is exp(−½[xᵀΣ⁻¹x − 2xᵀΣ⁻¹μ]) times a constant in x"),
    )
    closed_mean, closed_covariance = MatMul(Inverse(PRECISION), WEIGHTED), Inverse(PRECISION)
    d.eq(
        Density(MvNormal(closed_mean, closed_covariance), x),
        Definition(
            "substitute the definitions of Σ_{new} and μ_{new}",
            (Eq(Sigma, closed_covariance, evaluate=False), Eq(mu, closed_mean, evaluate=False)),
        ),
    )
    d.result("mean", closed_mean).result("covariance", closed_covariance)
    arguments = {"mu_1": mu_1, "Sigma_1": Sigma_1, "mu_2": mu_2, "Sigma_2": Sigma_2}
    return d.implement(product_of_normals, ("mean", "covariance"), **arguments)


if __name__ == "__main__":
    run_script(build)
