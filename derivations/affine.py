"""Affine maps of independent normal random variables are normal.

Seed 000, "Extension to Linear Combinations", states aX ~ N(aμ, a²σ²); here it is proved with
characteristic functions (Lemma 1), and used for aX + bY + c.

Run it on its own to print the checked proof: ``python derivations/affine.py``.
"""

from sympy import Eq, I, exp, symbols

from derive import (
    CharacteristicFunction,
    Definition,
    Derivation,
    Distributed,
    Expectation,
    Normal,
    RandomVariable,
    Rule,
    Source,
    Theorem,
    lemma,
    run_script,
    times,
)
from derive.core import IMPLIES
from derive.registry import load

NAME = "affine"
TITLE = "Affine combinations of independent normal random variables"
SOURCE = Source("000_e5429e0e7a84fe31.txt", "§1 Extension to Linear Combinations")
TOPIC = "univariate"

X, Y = RandomVariable("X"), RandomVariable("Y")
t, mu_x, mu_y, c, u, v = symbols("t mu_x mu_y c u v", real=True)
a, b = symbols("a b", real=True, nonzero=True)
sigma_x, sigma_y = symbols("sigma_x sigma_y", positive=True)
LAW_X, LAW_Y = Normal(mu_x, sigma_x**2), Normal(mu_y, sigma_y**2)
UNIQUENESS = "uniqueness: a law is determined by its characteristic function"


def scaling() -> Derivation:
    """aX ~ N(aμ, a²σ²)."""
    d = Derivation(
        "affine/scaling",
        "Scaling a normal random variable",
        SOURCE,
        start=CharacteristicFunction(a * X, t),
        variables={X: LAW_X},
    )
    d.eq(Expectation(exp(I * t * a * X)), Definition("definition of the characteristic function"))
    d.eq(
        CharacteristicFunction(X, a * t),
        Definition("the same expectation is the characteristic function of X at at"),
    )
    d.eq(
        exp(I * (a * t) * mu_x - sigma_x**2 * (a * t) ** 2 / 2),
        lemma(load("cf"), "characteristic function of a normal law", inline=False),
    )
    d.eq(exp(I * t * (a * mu_x) - (a**2 * sigma_x**2) * t**2 / 2), Rule("regroup the exponent"))
    d.step(
        IMPLIES,
        Distributed(a * X, Normal(a * mu_x, a**2 * sigma_x**2)),
        Theorem(UNIQUENESS, kind="uniqueness"),
    )
    return d


def build() -> Derivation:
    """aX + bY + c ~ N(aμx + bμy + c, a²σx² + b²σy²) for independent normal X, Y."""
    scaled = lemma(
        scaling(), "scaling: aX ~ N(aμ, a²σ²), whose characteristic function is given by cf"
    )
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=CharacteristicFunction(a * X + b * Y + c, t),
        variables={X: LAW_X, Y: LAW_Y},
    )
    d.eq(
        Expectation(exp(I * t * (a * X + b * Y + c))),
        Definition("definition of the characteristic function"),
    )
    d.eq(
        Expectation(times(exp(I * t * c), exp(I * t * a * X), exp(I * t * b * Y))),
        Rule("exponential of a sum", Eq(exp(u + v), exp(u) * exp(v), evaluate=False)),
    )
    d.eq(
        times(exp(I * t * c), Expectation(exp(I * t * a * X)), Expectation(exp(I * t * b * Y))),
        Rule("independence of X and Y; the constant factor leaves the expectation"),
    )
    d.eq(
        times(exp(I * t * c), CharacteristicFunction(a * X, t), CharacteristicFunction(b * Y, t)),
        Definition("definition of the characteristic function"),
    )
    d.eq(
        times(
            exp(I * t * c),
            exp(I * t * a * mu_x - a**2 * sigma_x**2 * t**2 / 2),
            exp(I * t * b * mu_y - b**2 * sigma_y**2 * t**2 / 2),
        ),
        scaled,
    )
    d.eq(
        exp(I * t * (a * mu_x + b * mu_y + c) - (a**2 * sigma_x**2 + b**2 * sigma_y**2) * t**2 / 2),
        Rule("product of exponentials; group the terms in it and in t²"),
    )
    d.step(
        IMPLIES,
        Distributed(
            a * X + b * Y + c,
            Normal(a * mu_x + b * mu_y + c, a**2 * sigma_x**2 + b**2 * sigma_y**2),
        ),
        Theorem(UNIQUENESS, kind="uniqueness"),
    )
    return d.result("law", d.final.law)


if __name__ == "__main__":
    run_script(build)
