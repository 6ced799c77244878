"""The change-of-variable identity N(x; Ay, B) ∝ N(y; (AᵀB⁻¹A)⁻¹AᵀB⁻¹x, (AᵀB⁻¹A)⁻¹) in y.

Seed 001 §1.1.2(b): expand the quadratic form in y, drop what does not depend on y, and match
with the quadratic form of a normal density in y. A is square and invertible, B symmetric
positive definite.

Run it on its own to print the checked proof: ``python derivations/change_of_variable.py``.
"""

from sympy import Eq, Inverse, MatMul, MatrixSymbol, Rational, Transpose, exp, symbols

from derive import Definition, Density, Derivation, Rule, Source, run_script, times
from derive.gaussian import MvNormal, form

NAME = "change-of-variable"
TITLE = "Change of variable: a normal density in x as a normal density in y"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.1.2(b) Conditional Diffusion Distribution")
TOPIC = "multivariate"

n = symbols("n", integer=True, positive=True)
x, y, mu = (MatrixSymbol(name, n, 1) for name in ("x", "y", "mu_y"))
A, B, Sigma = (MatrixSymbol(name, n, n) for name in ("A", "B", "Sigma_y"))
PRECISION = MatMul(Transpose(A), Inverse(B), A)
HALF = Rational(1, 2)


def build() -> Derivation:
    """N(x; Ay, B) ∝ N(y; μ_y, Σ_y) in y, with Σ_y = (AᵀB⁻¹A)⁻¹ and μ_y = Σ_y AᵀB⁻¹x."""
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=Density(MvNormal(MatMul(A, y), B), x),
        matrices={A: "square", B: "spd"},
        definitions={Sigma: Inverse(PRECISION), mu: MatMul(Sigma, Transpose(A), Inverse(B), x)},
    )
    d.prop(
        exp(-times(HALF, form(x - MatMul(A, y), Inverse(B), x - MatMul(A, y)))),
        y,
        Rule("the normalising constant does not depend on y"),
    )
    d.prop(
        exp(-times(HALF, form(y, PRECISION, y) - 2 * form(y, MatMul(Transpose(A), Inverse(B)), x))),
        y,
        Rule("expand the quadratic form (B symmetric); drop xᵀB⁻¹x, constant in y"),
    )
    d.eq(
        exp(-times(HALF, form(y, Inverse(Sigma), y) - 2 * form(y, Inverse(Sigma), mu))),
        Definition(
            "match with the normal form yᵀΣ⁻¹y − 2yᵀΣ⁻¹μ",
            (
                Eq(Inverse(Sigma), PRECISION, evaluate=False),
                Eq(MatMul(Inverse(Sigma), mu), MatMul(Transpose(A), Inverse(B), x), evaluate=False),
            ),
        ),
    )
    d.prop(
        Density(MvNormal(mu, Sigma), y),
        y,
        Rule("complete the square: the normal density N(y; μ_y, Σ_y) up to a constant in y"),
    )
    closed_covariance = Inverse(PRECISION)
    closed_mean = MatMul(closed_covariance, Transpose(A), Inverse(B), x)
    d.eq(
        Density(MvNormal(closed_mean, closed_covariance), y),
        Definition(
            "substitute the definitions of Σ_y and μ_y",
            (Eq(Sigma, closed_covariance, evaluate=False), Eq(mu, closed_mean, evaluate=False)),
        ),
    )
    return d.result("mean", closed_mean).result("covariance", closed_covariance)


if __name__ == "__main__":
    run_script(build)
