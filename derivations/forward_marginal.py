"""The forward marginal of DDPM: q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I), for every t.

Seed 002 ("Recursive Property of the Forward Process") and seed 003 (the forward-process
table): with x_t = √α_t x_{t−1} + √(1 − α_t) ε_{t−1}, independent standard normal noise, and
ᾱ_t = ∏_{s≤t} α_s. Proved per coordinate (the covariance is a multiple of I, so coordinates are
independent and alike) by induction on t: the base case t = 1, and the step from t to t + 1
with the affine law (derivation ``affine``) and ᾱ_{t+1} = α_{t+1} ᾱ_t. One-shot sampling,
x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, follows (Lemma).

Run it on its own to print the checked proof: ``python derivations/forward_marginal.py``.
"""

import math
from dataclasses import replace

from sympy import Eq, IndexedBase, Lambda, Product, sqrt, symbols

from derive import (
    IMPLIES,
    SIM,
    Definition,
    Derivation,
    Distributed,
    Normal,
    RandomVariable,
    Rule,
    Source,
    induction,
    lemma,
    run_script,
)
from derive.diffusion import linear_schedule
from derive.registry import load

NAME = "forward-marginal"
TITLE = "The forward marginal q(xₜ | x₀) of a diffusion process"
SOURCE = Source("002_fd2e4c5ce01caa53.txt", "Recursive Property of the Forward Process")
TOPIC = "diffusion"

t = symbols("t", integer=True, positive=True)
s, k = symbols("s k", integer=True)
x_0 = symbols("x_0", real=True)
alpha = IndexedBase("alpha", positive=True)
alpha_bar = IndexedBase("alphabar", positive=True)
RANGES = {alpha: (0, 1)}
PRODUCT = {alpha_bar: Lambda(k, Product(alpha[s], (s, 1, k)))}
STANDARD = Normal(0, 1)


def forward_marginal(x_0, alpha_bar_t):
    """The mean and variance of q(x_t | x_0), from the cumulative product ᾱ_t."""
    return math.sqrt(alpha_bar_t) * x_0, 1 - alpha_bar_t


def draw(axes) -> None:
    """The mean coefficient √ᾱ_t and the variance 1 − ᾱ_t over t, linear schedule."""
    kept, coefficients, variances = 1.0, [], []
    for beta in linear_schedule():
        kept *= 1 - beta
        coefficient, variance = forward_marginal(1.0, kept)
        coefficients.append(coefficient)
        variances.append(variance)
    steps = range(1, len(coefficients) + 1)
    axes.plot(
        steps, coefficients, label=r"$\sqrt{\bar\alpha_t}$ (the mean is $\sqrt{\bar\alpha_t}\,x_0$)"
    )
    axes.plot(steps, variances, label=r"$1 - \bar\alpha_t$ (the variance)")
    axes.set_xlabel("$t$")
    axes.legend(frameon=False)


def marginal(index) -> Normal:
    """The claimed law of x_index given x_0."""
    return Normal(sqrt(alpha_bar[index]) * x_0, 1 - alpha_bar[index])


def affine(applied_to: str = "", hypothesis=None) -> Rule:
    """The lemma ``affine``; with ``hypothesis``, quoting it after the lemma's statement."""
    name = "affine combinations of independent normals" + applied_to
    rule = lemma(load("affine"), name, inline=False)
    return rule if hypothesis is None else replace(rule, formula=(rule.formula, hypothesis))


def base_case() -> Derivation:
    """x_1 = √α_1 x_0 + √(1 − α_1) ε_0 ~ N(√ᾱ_1 x_0, 1 − ᾱ_1)."""
    x_1, eps_0 = RandomVariable("x_1"), RandomVariable("epsilon_0")
    d = Derivation(
        "forward-marginal/base",
        "The base case t = 1",
        SOURCE,
        start=x_1,
        ranges=RANGES,
        variables={eps_0: STANDARD},
        definitions={x_1: sqrt(alpha[1]) * x_0 + sqrt(1 - alpha[1]) * eps_0, **PRODUCT},
    )
    d.eq(sqrt(alpha[1]) * x_0 + sqrt(1 - alpha[1]) * eps_0, Definition("one forward step from x₀"))
    d.step(SIM, Normal(sqrt(alpha[1]) * x_0, 1 - alpha[1]), affine())
    d.eq(
        marginal(1),
        Definition("a product of one factor", Eq(alpha_bar[1], alpha[1], evaluate=False)),
    )
    return d


def one_shot() -> Derivation:
    """√ᾱ_t x_0 + √(1 − ᾱ_t) ε ~ N(√ᾱ_t x_0, 1 − ᾱ_t): sampling x_t in one step."""
    eps = RandomVariable("epsilon")
    d = Derivation(
        "forward-marginal/one-shot",
        "Sampling xₜ in one shot",
        SOURCE,
        start=sqrt(alpha_bar[t]) * x_0 + sqrt(1 - alpha_bar[t]) * eps,
        ranges=RANGES,
        variables={eps: STANDARD},
        definitions=PRODUCT,
    )
    return d.step(SIM, marginal(t), affine())


def build() -> Derivation:
    """The induction step, concluded by induction with the base case."""
    x_t, x_next, eps_t = (
        RandomVariable("x_t"),
        RandomVariable("x_{t+1}"),
        RandomVariable("epsilon_t"),
    )
    forward = sqrt(alpha[t + 1]) * x_t + sqrt(1 - alpha[t + 1]) * eps_t
    d = Derivation(
        NAME,
        TITLE,
        SOURCE,
        start=x_next,
        ranges=RANGES,
        variables={x_t: marginal(t), eps_t: STANDARD},
        definitions={x_next: forward, **PRODUCT},
    )
    d.eq(forward, Definition("one forward step, with noise εₜ independent of xₜ"))
    d.step(
        SIM,
        Normal(
            sqrt(alpha[t + 1]) * sqrt(alpha_bar[t]) * x_0,
            alpha[t + 1] * (1 - alpha_bar[t]) + 1 - alpha[t + 1],
        ),
        affine(
            ", applied to εₜ and to the induction hypothesis, the claim at t",
            Distributed(x_t, marginal(t)),
        ),
    )
    d.eq(
        marginal(t + 1),
        Definition(
            "the product one factor longer",
            Eq(alpha_bar[t + 1], alpha[t + 1] * alpha_bar[t], evaluate=False),
        ),
    )
    d.step(
        IMPLIES,
        Distributed(x_next, marginal(t + 1)),
        induction(
            base_case(),
            t,
            x_t,
            "induction on t, from the base case t = 1; the step above holds for every t ≥ 1",
        ),
    )
    d.include(one_shot())
    d.result("mean", marginal(t + 1).mean).result("variance", marginal(t + 1).variance)
    arguments = {"x_0": x_0, "alpha_bar_t": alpha_bar[t + 1]}
    d.implement(forward_marginal, ("mean", "variance"), **arguments)
    caption = "q(x_t | x_0) under the linear schedule of the DDPM paper (T = 1000)"
    return d.illustrate(draw, caption)


if __name__ == "__main__":
    run_script(build)
