"""The normal density integrates to 1; its logarithm; maximum likelihood is least squares.

Seed 003, "Log-Probability" and "The MSE Connection": maximising Σᵢ log N(yᵢ; μ, σ²) over μ is
minimising Σᵢ (yᵢ − μ)², and the maximiser is the sample mean.

Run it on its own to print the checked proof: ``python derivations/normalization.py``.
"""

from sympy import Derivative, Eq, IndexedBase, Integral, Rational, exp, log, oo, pi, sqrt, symbols

from derive import (
    Definition,
    Density,
    Derivation,
    Normal,
    Rule,
    Source,
    density_as_written,
    lemma,
    over,
    root,
    run_script,
    times,
)

NAME = "normalization"
TITLE = "Normalisation and log-density of a normal law; maximum likelihood is least squares"
SOURCE = Source(
    "003_6b257039f3422b2a.txt", "The Univariate Gaussian: Log-Probability; The MSE Connection"
)
TOPIC = "univariate"

x, u, mu = symbols("x u mu", real=True)
sigma = symbols("sigma", positive=True)
i = symbols("i", integer=True)
n = symbols("n", integer=True, positive=True)
y = IndexedBase("y", real=True)
y_bar = symbols("ybar", real=True)  # printed ȳ
LAW = Normal(mu, sigma**2)
HALF = Rational(1, 2)


def integrates_to_one() -> Derivation:
    """∫ N(x; μ, σ²) dx = 1."""
    d = Derivation(
        "normalization/integral",
        "The normal density integrates to 1",
        SOURCE,
        start=Integral(Density(LAW, x), (x, -oo, oo)),
    )
    d.eq(
        Integral(density_as_written(x, mu, sigma**2), (x, -oo, oo)),
        Definition("the normal density"),
    )
    d.eq(
        Integral(over(exp(-(u**2)), root(pi)), (u, -oo, oo)),
        Rule(
            "substitute u = (x − μ)/(√2 σ), dx = √2 σ du",
            Eq(u, (x - mu) / (sqrt(2) * sigma), evaluate=False),
        ),
    )
    d.eq(
        times(over(1, root(pi)), root(pi)),
        Rule(
            "Gaussian integral", Eq(Integral(exp(-(u**2)), (u, -oo, oo)), sqrt(pi), evaluate=False)
        ),
    )
    d.eq(1, Rule("cancel"))
    return d


def log_density() -> Derivation:
    """log N(y; μ, σ²) = −½ log(2πσ²) − (y − μ)²/(2σ²)."""
    d = Derivation(
        "normalization/log-density",
        "The log-density of a normal law",
        SOURCE,
        start=log(Density(LAW, x)),
    )
    d.eq(log(density_as_written(x, mu, sigma**2)), Definition("the normal density"))
    d.eq(
        -times(HALF, log(2 * pi * sigma**2))
        + log(exp(-((x - mu) ** 2) / (2 * sigma**2)), evaluate=False),
        Rule("log of a quotient; log √a = ½ log a"),
    )
    d.eq(
        -times(HALF, log(2 * pi * sigma**2)) - (x - mu) ** 2 / (2 * sigma**2),
        Rule("log exp z = z for real z"),
    )
    return d


def build() -> Derivation:
    """∂/∂μ Σᵢ log N(yᵢ; μ, σ²) = (n/σ²)(ȳ − μ): zero exactly at μ = ȳ, decreasing in μ."""
    squares = Sum_((y[i] - mu) ** 2)
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=Derivative(Sum_(log(Density(LAW, y[i]))), mu),
        definitions={y_bar: Sum_(y[i]) / n},
    )
    d.eq(
        Derivative(
            Sum_(-times(HALF, log(2 * pi * sigma**2)) - (y[i] - mu) ** 2 / (2 * sigma**2)), mu
        ),
        lemma(log_density(), "the log-density of a normal law"),
    )
    d.eq(
        Derivative(-times(n / 2, log(2 * pi * sigma**2)) - squares / (2 * sigma**2), mu),
        Rule("linearity of the sum; the first term does not depend on i"),
    )
    d.eq(
        times(-1 / (2 * sigma**2), Derivative(squares, mu)),
        Rule(
            "the first term does not depend on μ: maximising the log-likelihood is minimising "
            "the sum of squares, since −1/(2σ²) < 0"
        ),
    )
    d.eq(times(1 / sigma**2, Sum_(y[i] - mu)), Rule("derivative of a square"))
    d.eq(times(1 / sigma**2, Sum_(y[i]) - n * mu), Rule("linearity of the sum"))
    d.eq(
        times(n / sigma**2, y_bar - mu),
        Definition("the sample mean", Eq(y_bar, Sum_(y[i]) / n, evaluate=False)),
    )
    return d.include(integrates_to_one()).result("score", d.final)


def Sum_(term):
    """Σ_{i=1}^{n} term."""
    from sympy import Sum

    return Sum(term, (i, 1, n))


if __name__ == "__main__":
    run_script(build)
