"""Linear maps of a multivariate normal vector: x ~ N(μ, Σ) ⇒ Ax + b ~ N(Aμ + b, AΣAᵀ).

Seed 003, "Property 1: Linear Transformations", proved with the multivariate characteristic
function φ_x(s) = E[exp(i sᵀx)] = exp(i sᵀμ − ½ sᵀΣs) and its uniqueness theorem.

Run it on its own to print the checked proof: ``python derivations/linear_transform.py``.
"""

from sympy import I, MatAdd, MatMul, MatrixSymbol, Rational, Transpose, exp, symbols

from derive import (
    IMPLIES,
    CharacteristicFunction,
    Definition,
    Derivation,
    Distributed,
    Expectation,
    Rule,
    Source,
    Theorem,
    run_script,
    times,
)
from derive.gaussian import MvNormal, Scalar, inner

NAME = "linear-transform"
TITLE = "Linear maps of a multivariate normal vector"
SOURCE = Source(
    "003_6b257039f3422b2a.txt", "Key Properties of Gaussians: Property 1, Linear Transformations"
)
TOPIC = "multivariate"

n = symbols("n", integer=True, positive=True)
x, mu, b, t = (MatrixSymbol(name, n, 1) for name in ("x", "mu", "b", "t"))
A, Sigma = MatrixSymbol("A", n, n), MatrixSymbol("Sigma", n, n)
HALF = Rational(1, 2)


def build() -> Derivation:
    """φ_{Ax+b}(t) = exp(i tᵀ(Aμ + b) − ½ tᵀAΣAᵀt), so Ax + b ~ N(Aμ + b, AΣAᵀ)."""
    s = MatMul(Transpose(A), t)  # the argument at which x's characteristic function is taken
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=CharacteristicFunction(MatAdd(MatMul(A, x), b), t),
        variables={x: MvNormal(mu, Sigma)},
        matrices={Sigma: "spd", A: "square"},
    )
    d.eq(
        Expectation(exp(I * inner(t, MatAdd(MatMul(A, x), b)))),
        Definition("definition of the characteristic function of a random vector"),
    )
    d.eq(
        times(exp(I * inner(t, b)), Expectation(exp(I * inner(s, x)))),
        Rule("tᵀ(Ax + b) = (Aᵀt)ᵀx + tᵀb; the constant factor leaves the expectation"),
    )
    d.eq(
        times(exp(I * inner(t, b)), CharacteristicFunction(x, s)),
        Definition("the characteristic function of x, at Aᵀt"),
    )
    d.eq(
        times(
            exp(I * inner(t, b)),
            exp(I * inner(s, mu) - times(HALF, Scalar(MatMul(Transpose(s), Sigma, s)))),
        ),
        Rule("the characteristic function of N(μ, Σ) is exp(i sᵀμ − ½ sᵀΣs)"),
    )
    d.eq(
        exp(
            I * inner(t, MatAdd(MatMul(A, mu), b))
            - times(HALF, Scalar(MatMul(Transpose(t), A, Sigma, Transpose(A), t)))
        ),
        Rule("(Aᵀt)ᵀ = tᵀA; collect the exponents"),
    )
    d.step(
        IMPLIES,
        Distributed(
            MatAdd(MatMul(A, x), b),
            MvNormal(MatAdd(MatMul(A, mu), b), MatMul(A, Sigma, Transpose(A))),
        ),
        Theorem(
            "uniqueness: a law is determined by its characteristic function, and this is that "
            "of N(Aμ + b, AΣAᵀ)",
            kind="uniqueness",
        ),
    )
    return d.result("law", d.final.law)


if __name__ == "__main__":
    run_script(build)
