"""The DDPM posterior by the Gaussian-product route of seed 001 §1.1.4(d).

Bayes' rule and the Markov property (derivation ``bayes-markov``) leave
q(z_t | z_{t−1}) q(z_{t−1} | x). The change of variable (derivation ``change-of-variable``, with
A = √(1 − β_t), B = β_t) writes the first factor as a normal density in z_{t−1}; the product of
two normal densities (derivation ``product-univariate``: precisions add) combines the two; the
notation's recursion simplifies the precision. Per coordinate, as in ``posterior``. (The source
expands (1 − β_t)(1 − α_{t−1}) with the sign of β_t α_{t−1} flipped, and reaches the right
result anyway; every line here is checked.)

Run it on its own to print the checked proof: ``python derivations/posterior_product.py``.
"""

from derive.derivations.posterior import (
    BETA_TILDE,
    MU_TILDE,
    forward_product,
    parameters,
    posterior,
    schedule_arguments,
)
from sympy import Tuple, sqrt

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
    run_script,
    times,
)
from derive.diffusion import ConditionalDensity, ForwardChain, notation
from derive.gaussian import Given
from derive.registry import load
from derive.render.printers import text

NAME = "posterior-product"
TITLE = "The DDPM posterior by the product of two normal densities"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.1.4(d)")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
# In the course's notation the title names its objects, not the DDPM paper's.
NOTATION_TITLES = {"course": "The posterior q(zₜ₋₁ | zₜ, x) by the product of two normal densities"}
VARIANT_OF = ("posterior", "route", "product")


def build(name: str = "ddpm") -> Derivation:
    """q(z_{t−1} | z_t, x) ∝ N(z_{t−1}; μ₁, Σ₁) N(z_{t−1}; μ₂, Σ₂) ∝ N(z_{t−1}; μ̃_t, β̃_t)."""
    nt = notation(name)
    chain = ForwardChain(nt)
    data, previous, current = chain.nodes
    t = nt.t
    step, kept, kept_before, beta = nt.step(t), nt.cumulative(t), nt.cumulative(t - 1), nt.beta[t]
    q = ConditionalDensity
    d = Derivation(
        NAME + nt.suffix,
        NOTATION_TITLES.get(name, TITLE),
        nt.cite(SOURCE),
        start=q((previous,), (current, data)),
        ranges=nt.ranges,
        definitions=dict(nt.definitions),
        process=chain,
    )
    forward_product(d, chain, name, inline=False)
    mean_1, var_1 = over(current, sqrt(step)), over(beta, step)
    mean_2, var_2 = sqrt(kept_before) * data, 1 - kept_before
    d.prop(
        Density(Normal(mean_1, var_1), previous) * chain.marginal(previous),
        previous,
        lemma(
            load("change-of-variable"),
            f"change of variable with A = √({text(step)}), B = {text(beta)}: "
            "(AᵀB⁻¹A)⁻¹ = B/A², (AᵀB⁻¹A)⁻¹AᵀB⁻¹x = x/A",
            False,
        ),
    )
    precision = over(1, var_1) + over(1, var_2)
    weighted = over(mean_1, var_1) + over(mean_2, var_2)
    d.prop(
        Density(Normal(times(over(1, precision), weighted), over(1, precision)), previous),
        previous,
        lemma(load("product-univariate"), "product of two normal densities: precisions add", False),
    )
    common = over(step * (1 - kept_before) + beta, beta * (1 - kept_before))
    d.eq(
        Density(Normal(times(over(1, common), weighted), over(1, common)), previous),
        Rule("the precision over a common denominator"),
    )
    simplified = over(1 - kept, beta * (1 - kept_before))
    d.eq(
        Density(Normal(times(over(1, simplified), weighted), over(1, simplified)), previous),
        Definition(
            f"the recursion: {text(step * (1 - kept_before) + beta)} = 1 - {text(kept)}",
            nt.recursion,
        ),
    )
    mean, variance = parameters(name)
    d.eq(Density(Normal(mean, variance), previous), Rule("multiply out the mean"))
    d.step(
        IMPLIES,
        Distributed(Given(previous, Tuple(current, data)), Normal(mean, variance)),
        Theorem(
            "a density proportional to a normal density of the same variable equals it",
            kind="normalization",
        ),
    )
    d.result("mean", mean, MU_TILDE).result("variance", variance, BETA_TILDE)
    arguments = schedule_arguments(nt, data, current)
    return d.implement(posterior, ("mean", "variance"), **arguments)


if __name__ == "__main__":
    run_script(build)
