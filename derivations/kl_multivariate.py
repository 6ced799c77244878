"""KL divergence between two multivariate normal laws, following seed 001 §1.2.1(a).

The source's intermediate lines have slips (a factor ½ applied twice, transposes and inverses
dropped, E[xᵀx] used where E[(x − m)(x − m)ᵀ] is needed, Σ₂ in place of Σ₂⁻¹ in its last
line); every line here is checked, and the result matches the source's final expression.

Run it on its own to print the checked proof: ``python derivations/kl_multivariate.py``.
"""

import numpy as np
from sympy import (
    Determinant,
    Eq,
    Identity,
    Inverse,
    MatAdd,
    MatMul,
    MatrixSymbol,
    Rational,
    Trace,
    Transpose,
    log,
    pi,
    symbols,
)

from derive import (
    KL,
    Definition,
    Density,
    Derivation,
    Expectation,
    Rule,
    Source,
    lemma,
    plus,
    run_script,
    times,
)
from derive.gaussian import MatrixExpectation, MvNormal, form

NAME = "kl-multivariate"
TITLE = "KL divergence between two multivariate normal distributions"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.2.1(a) Evidence Lower Bound: KL of two normals")
TOPIC = "multivariate"
VARIANT_OF = ("kl", "multivariate")

n = symbols("n", integer=True, positive=True)
x, m = MatrixSymbol("x", n, 1), MatrixSymbol("m", n, 1)
mu_1, mu_2 = MatrixSymbol("mu_1", n, 1), MatrixSymbol("mu_2", n, 1)
Sigma_1, Sigma_2 = MatrixSymbol("Sigma_1", n, n), MatrixSymbol("Sigma_2", n, n)
P, Q = MvNormal(mu_1, Sigma_1, "P"), MvNormal(mu_2, Sigma_2, "Q")
MATRICES = {Sigma_1: "spd", Sigma_2: "spd"}
HALF = Rational(1, 2)
A, B, C = (MatrixSymbol(name, n, n) for name in "ABC")


def kl_mvn(mu_1, Sigma_1, mu_2, Sigma_2):
    """D_KL(N(mu_1, Sigma_1) ‖ N(mu_2, Sigma_2)) with numpy (mean vectors of shape (n,))."""
    n = len(mu_1)
    precision = np.linalg.inv(Sigma_2)
    mahalanobis = (mu_2 - mu_1).T @ precision @ (mu_2 - mu_1)
    log_ratio = np.log(np.linalg.det(Sigma_2) / np.linalg.det(Sigma_1))
    return 0.5 * (np.trace(precision @ Sigma_1) + mahalanobis - n + log_ratio)


def outer(v):
    """v vᵀ."""
    return MatMul(v, Transpose(v))


def second_moment() -> Derivation:
    """E_P[(x − m)(x − m)ᵀ] = Σ₁ + (μ₁ − m)(μ₁ − m)ᵀ."""
    d = Derivation(
        "kl-multivariate/second-moment",
        "Second moment of P about a point m",
        SOURCE,
        start=MatrixExpectation(outer(x - m), x, P),
        matrices=MATRICES,
    )
    split = MatAdd(x - mu_1, mu_1 - m)
    d.eq(MatrixExpectation(MatMul(split, Transpose(split)), x, P), Rule("add and subtract μ₁"))
    d.eq(
        MatAdd(
            MatrixExpectation(outer(x - mu_1), x, P),
            MatMul(MatrixExpectation(x - mu_1, x, P), Transpose(mu_1 - m)),
            MatMul(mu_1 - m, Transpose(MatrixExpectation(x - mu_1, x, P))),
            outer(mu_1 - m),
        ),
        Rule("expand the product; linearity of expectation"),
    )
    d.eq(
        MatAdd(Sigma_1, outer(mu_1 - m)),
        Rule("the covariance of P is Σ₁, and E_P[x − μ₁] = 0"),
    )
    return d


def build() -> Derivation:
    """D_KL(P ‖ Q) = ½[log(|Σ₂|/|Σ₁|) − n + tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀΣ₂⁻¹(μ₂ − μ₁)]."""
    log_ratio = times(HALF, log(Determinant(Sigma_2) / Determinant(Sigma_1)))
    d = Derivation(NAME, TITLE, SOURCE, start=KL(P, Q), matrices=MATRICES)
    d.eq(
        Expectation(log(Density(P, x)) - log(Density(Q, x)), x, P),
        Definition("definition of the KL divergence"),
    )
    d.eq(
        Expectation(
            plus(
                log_ratio,
                -times(HALF, form(x - mu_1, Inverse(Sigma_1), x - mu_1)),
                times(HALF, form(x - mu_2, Inverse(Sigma_2), x - mu_2)),
            ),
            x,
            P,
        ),
        Rule(
            "log of the multivariate normal density; the factors (2π)^{n/2} cancel",
            Eq(
                log(Density(MvNormal(mu_1, Sigma_1), x)),
                -form(x - mu_1, Inverse(Sigma_1), x - mu_1) / 2
                - log((2 * pi) ** n * Determinant(Sigma_1)) / 2,
                evaluate=False,
            ),
        ),
    )
    d.eq(
        Expectation(
            plus(
                log_ratio,
                -times(HALF, Trace(MatMul(Inverse(Sigma_1), outer(x - mu_1)))),
                times(HALF, Trace(MatMul(Inverse(Sigma_2), outer(x - mu_2)))),
            ),
            x,
            P,
        ),
        Rule(
            "a number is its own trace, and the trace is cyclic",
            Eq(Trace(MatMul(A, B, C)), Trace(MatMul(C, A, B)), evaluate=False),
        ),
    )
    d.eq(
        plus(
            log_ratio,
            -times(HALF, Trace(MatMul(Inverse(Sigma_1), MatrixExpectation(outer(x - mu_1), x, P)))),
            times(HALF, Trace(MatMul(Inverse(Sigma_2), MatrixExpectation(outer(x - mu_2), x, P)))),
        ),
        Rule("linearity of expectation and of the trace"),
    )
    moment = lemma(second_moment(), "second moment of P about a point")
    d.eq(
        plus(
            log_ratio,
            -times(HALF, Trace(MatMul(Inverse(Sigma_1), Sigma_1))),
            times(HALF, Trace(MatMul(Inverse(Sigma_2), MatAdd(Sigma_1, outer(mu_1 - mu_2))))),
        ),
        moment,
    )
    d.eq(
        plus(
            log_ratio,
            -times(HALF, n),
            times(HALF, Trace(MatMul(Inverse(Sigma_2), Sigma_1))),
            times(HALF, Trace(MatMul(Inverse(Sigma_2), outer(mu_1 - mu_2)))),
        ),
        Rule(
            "Σ₁⁻¹Σ₁ = I and tr(I) = n; linearity of the trace",
            Eq(Trace(Identity(n)), n, evaluate=False),
        ),
    )
    d.eq(
        times(
            HALF,
            plus(
                log(Determinant(Sigma_2) / Determinant(Sigma_1)),
                -n,
                Trace(MatMul(Inverse(Sigma_2), Sigma_1)),
                form(mu_2 - mu_1, Inverse(Sigma_2), mu_2 - mu_1),
            ),
        ),
        Rule("the trace is cyclic, and (μ₁ − μ₂)(μ₁ − μ₂)ᵀ = (μ₂ − μ₁)(μ₂ − μ₁)ᵀ; factor ½"),
    )
    d.result("kl", d.final)
    return d.implement(kl_mvn, "kl", mu_1=mu_1, Sigma_1=Sigma_1, mu_2=mu_2, Sigma_2=Sigma_2)


if __name__ == "__main__":
    run_script(build)
