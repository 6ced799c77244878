"""The DDPM posterior q(x_{t−1} | x_t, x_0) = N(μ̃_t, β̃_t I), by completing the square.

Seed 002 ("Computing the Posterior"), seed 003 ("Challenge Problem"), seed 000 §3 (outline);
DDPM paper eq. 7. Bayes' rule and the Markov property (derivation ``bayes-markov``) leave the
forward step times the forward marginal (derivation ``forward-marginal``); the sources then
skip "a detailed algebraic manipulation", shown here line by line: expand both squares, keep
the terms in x_{t−1}, put the x_{t−1}² coefficient over a common denominator, simplify it with
the notation's recursion, complete the square. The covariance is a multiple of I, so the
density factorises over coordinates; the proof is that of one coordinate.

Run it on its own to print the checked proof: ``python derivations/posterior.py``.
"""

import math

from sympy import Eq, Rational, Symbol, Tuple, exp, sqrt

from derive import (
    IMPLIES,
    Definition,
    Density,
    Derivation,
    Distributed,
    Normal,
    Rule,
    Source,
    Theorem,
    lemma,
    over,
    plus,
    run_script,
    times,
)
from derive.diffusion import ConditionalDensity, ForwardChain, linear_schedule, notation
from derive.gaussian import Given
from derive.registry import load

NAME = "posterior"
TITLE = "The DDPM posterior q(xₜ₋₁ | xₜ, x₀) by completing the square"
SOURCE = Source("002_fd2e4c5ce01caa53.txt", "Computing the Posterior")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
# Worked in the course's notation, the proof is seed 001's §1.1.4(d), by its names.
NOTATION_TITLES = {"course": "The posterior q(zₜ₋₁ | zₜ, x) by completing the square"}
NOTATION_SOURCES = {"course": ("001_c65224db13adbda7.txt", "§1.1.4(d)")}
HALF = Rational(1, 2)
# The sources' names of the results (DDPM paper eq. 7): the theorem states them by these.
MU_TILDE, BETA_TILDE = Symbol("mutilde_t"), Symbol("betatilde_t", positive=True)


def posterior(x_0, x_t, beta_t, alpha_t, alpha_bar_t, alpha_bar_prev):
    """The mean and variance of q(x_{t-1} | x_t, x_0), from the schedule's entries at t."""
    mean = (
        math.sqrt(alpha_bar_prev) * beta_t / (1 - alpha_bar_t) * x_0
        + math.sqrt(alpha_t) * (1 - alpha_bar_prev) / (1 - alpha_bar_t) * x_t
    )
    variance = (1 - alpha_bar_prev) / (1 - alpha_bar_t) * beta_t
    return mean, variance


def draw(axes, cumulative: str = r"\bar\alpha") -> None:
    """The ratio β̃_t/β_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t) over t, linear schedule: β̃_t and β_t
    themselves are too close to tell apart on one axis. ``cumulative`` is the notation's name
    of the cumulative product (mathtext): ᾱ in the DDPM paper, α in the course."""
    kept, betas, tildes = 1.0, linear_schedule(), []
    for beta in betas:
        kept_before, kept = kept, kept * (1 - beta)
        if kept_before < 1:  # t = 1 has no posterior variance (ᾱ_0 = 1 gives 0)
            tildes.append(posterior(0.0, 0.0, beta, 1 - beta, kept, kept_before)[1])
        else:
            tildes.append(0.0)
    steps = range(1, len(betas) + 1)
    axes.plot(steps, [tilde / beta for tilde, beta in zip(tildes, betas, strict=True)])
    axes.set_xscale("log")
    axes.set_xlabel("step $t$ (log scale)")
    a = cumulative
    axes.set_ylabel(rf"$\tilde\beta_t/\beta_t = (1-{a}_{{t-1}})/(1-{a}_t)$")


def schedule_arguments(nt, data, current) -> dict:
    """What the parameters of :func:`posterior` stand for in the notation ``nt``."""
    t = nt.t
    return {
        "x_0": data,
        "x_t": current,
        "beta_t": nt.beta[t],
        "alpha_t": nt.step(t),
        "alpha_bar_t": nt.cumulative(t),
        "alpha_bar_prev": nt.cumulative(t - 1),
    }


def parameters(name: str = "ddpm") -> tuple:
    """(μ̃_t, β̃_t) as derived, in notation ``name``: DDPM paper eq. 7."""
    nt = notation(name)
    t, (data, _, current) = nt.t, ForwardChain(nt).nodes
    kept, kept_before, beta = nt.cumulative(t), nt.cumulative(t - 1), nt.beta[t]
    # as the sources write them: each coefficient before the latent it multiplies
    mean = plus(
        times(over(sqrt(kept_before) * beta, 1 - kept), data),
        times(over(sqrt(nt.step(t)) * (1 - kept_before), 1 - kept), current),
    )
    return mean, over((1 - kept_before) * beta, 1 - kept)


def forward_product(d: Derivation, chain: ForwardChain, name: str, inline: bool = True) -> None:
    """The opening both routes share: q(x_{t−1} | x_t, x_0) ∝ q(x_t | x_{t−1}) q(x_{t−1} | x_0)
    (derivation ``bayes-markov``), the forward step times the forward marginal."""
    data, previous, current = chain.nodes
    q = ConditionalDensity
    d.prop(
        q((current,), (previous,)) * q((previous,), (data,)),
        previous,
        lemma(load("bayes-markov", name), "Bayes' rule and the Markov property", inline),
    )
    d.eq(
        chain.transition() * chain.marginal(previous),
        Definition(
            "the forward step, and the forward marginal",
            tuple(Eq(k, v, evaluate=False) for k, v in chain.statements[:2]),
            cites="forward-marginal",
        ),
    )


def build(name: str = "ddpm") -> Derivation:
    """q(x_{t−1} | x_t, x_0) ∝ ... ∝ N(x_{t−1}; μ̃_t, β̃_t), hence equal."""
    nt = notation(name)
    chain = ForwardChain(nt)
    data, previous, current = chain.nodes
    t = nt.t
    step, kept, kept_before, beta = nt.step(t), nt.cumulative(t), nt.cumulative(t - 1), nt.beta[t]
    q = ConditionalDensity
    d = Derivation(
        NAME + nt.suffix,
        NOTATION_TITLES.get(name, TITLE),
        nt.cite(Source(*NOTATION_SOURCES[name]) if name in NOTATION_SOURCES else SOURCE),
        start=q((previous,), (current, data)),
        ranges=nt.ranges,
        definitions=dict(nt.definitions),
        process=chain,
    )
    forward_product(d, chain, name)
    d.prop(
        exp(
            -times(
                HALF,
                over((current - sqrt(step) * previous) ** 2, beta)
                + over((previous - sqrt(kept_before) * data) ** 2, 1 - kept_before),
            )
        ),
        previous,
        Rule(
            "the normal densities; their constants do not depend on the previous latent (the "
            "sources' covariances are multiples of I, so the density is a product over "
            "coordinates: this is one coordinate)"
        ),
    )
    precision_terms = step / beta + 1 / (1 - kept_before)
    linear = sqrt(step) * current / beta + sqrt(kept_before) * data / (1 - kept_before)
    d.prop(
        exp(-times(HALF, precision_terms * previous**2 - 2 * linear * previous)),
        previous,
        Rule("expand both squares; drop the terms free of the previous latent"),
    )
    d.eq(
        exp(
            -times(
                HALF,
                over(step * (1 - kept_before) + beta, beta * (1 - kept_before)) * previous**2
                - 2 * linear * previous,
            )
        ),
        Rule("put the coefficient of the square over a common denominator"),
    )
    precision = over(1 - kept, beta * (1 - kept_before))
    d.eq(
        exp(-times(HALF, precision * previous**2 - 2 * linear * previous)),
        Definition(
            "the notation's recursion: the numerator is 1 minus the cumulative product",
            nt.recursion,
        ),
    )
    variance = over(beta * (1 - kept_before), 1 - kept)
    d.prop(
        exp(-over((previous - times(variance, linear)) ** 2, 2 * variance)),
        previous,
        Rule("complete the square: A y² − 2By = A(y − B/A)² − B²/A, and B²/A is free of y"),
    )
    mean, variance = parameters(name)
    d.eq(
        exp(-over((previous - mean) ** 2, 2 * variance)),
        Rule("multiply out the mean"),
    )
    d.prop(
        Density(Normal(mean, variance), previous),
        previous,
        Rule("the normal density, up to its constant"),
    )
    d.step(
        IMPLIES,
        Distributed(Given(previous, Tuple(current, data)), Normal(mean, variance)),
        Theorem(
            "a density proportional to a normal density of the same variable equals it (both "
            "integrate to one)",
            kind="normalization",
        ),
    )
    d.result("mean", mean, MU_TILDE).result("variance", variance, BETA_TILDE)
    arguments = schedule_arguments(nt, data, current)
    d.implement(posterior, ("mean", "variance"), **arguments)
    cumulative = r"\alpha" if name == "course" else r"\bar\alpha"
    return d.illustrate(
        lambda axes: draw(axes, cumulative),
        "The ratio of the posterior variance β̃_t to β_t, linear schedule (T = 1000)",
    )


if __name__ == "__main__":
    run_script(build)
