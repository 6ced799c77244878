"""The posterior mean written with the noise: μ̃_t = (1/√α_t)(x_t − β_t/√(1 − ᾱ_t) · ε).

Seed 003 ("The Epsilon Prediction Target"); DDPM paper eq. 11. Given one-shot sampling
x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (derivation ``forward-marginal``), x_0 = (x_t − √(1 − ᾱ_t) ε)/√ᾱ_t
(proved first), and substituting it in μ̃_t (derivation ``posterior``) leaves x_t and ε only.

Run it on its own to print the checked proof: ``python derivations/eps_param.py``.
"""

import math

from sympy import Eq, Symbol, sqrt

from derive import Definition, Derivation, Normal, Rule, Source, lemma, over, run_script, times
from derive.diffusion import ForwardChain, notation
from derive.registry import load
from derive.render.printers import text

NAME = "eps-param"
TITLE = "The ε-parametrization of the posterior mean"
SOURCE = Source("003_6b257039f3422b2a.txt", "The Epsilon Prediction Target")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
eps = Symbol("epsilon", real=True)
# The noise, coordinate by coordinate: the sources' ε ~ N(0, I) in the one coordinate worked.
NOISE = Normal(0, 1)


def posterior_mean_from_noise(x_t, epsilon, beta_t, alpha_t, alpha_bar_t):
    """The posterior mean from the latent and the noise (what a noise-predicting network
    plugs its prediction into)."""
    return (x_t - beta_t / math.sqrt(1 - alpha_bar_t) * epsilon) / math.sqrt(alpha_t)


def _sampling(nt) -> dict:
    """x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, as a definition the checker substitutes."""
    data, _, current = ForwardChain(nt).nodes
    kept = nt.cumulative(nt.t)
    return {current: sqrt(kept) * data + sqrt(1 - kept) * eps}


def data_from_noise(name: str = "ddpm") -> Derivation:
    """(x_t − √(1 − ᾱ_t) ε)/√ᾱ_t = x_0."""
    nt = notation(name)
    data, _, current = ForwardChain(nt).nodes
    kept = nt.cumulative(nt.t)
    d = Derivation(
        f"{NAME}{nt.suffix}/data",
        "The data from the latent and the noise",
        nt.cite(SOURCE),
        start=over(current - sqrt(1 - kept) * eps, sqrt(kept)),
        ranges=nt.ranges,
        definitions={**nt.definitions, **_sampling(nt)},
        variables={eps: NOISE},  # stated as its law, ε ~ N(0, 1), not as ε ∈ ℝ
    )
    d.eq(
        over(sqrt(kept) * data, sqrt(kept)),
        Definition(
            "one-shot sampling",
            Eq(current, _sampling(nt)[current], evaluate=False),
            cites="forward-marginal",
        ),
    )
    return d.eq(data, Rule("cancel"))


def build(name: str = "ddpm") -> Derivation:
    """μ̃_t(x_t, x_0) = (1/√α_t)(x_t − β_t/√(1 − ᾱ_t) ε) when x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε."""
    nt = notation(name)
    data, _, current = ForwardChain(nt).nodes
    t = nt.t
    step, kept, kept_before, beta = nt.step(t), nt.cumulative(t), nt.cumulative(t - 1), nt.beta[t]
    posterior = load("posterior", name)
    recovered = data_from_noise(name)
    d = Derivation(
        NAME + nt.suffix,
        TITLE,
        nt.cite(SOURCE),
        start=posterior.results["mean"],
        ranges=nt.ranges,
        definitions={**nt.definitions, **_sampling(nt)},
        variables={eps: NOISE},  # stated as its law, ε ~ N(0, 1), not as ε ∈ ℝ
    )
    signal = over(sqrt(kept_before) * beta, 1 - kept)
    carried = over(sqrt(step) * (1 - kept_before), 1 - kept)
    d.eq(
        times(signal, recovered.start) + times(carried, current),
        lemma(recovered, "the data from the latent and the noise"),
    )
    d.eq(
        times(over(sqrt(kept_before) * beta, (1 - kept) * sqrt(kept)) + carried, current)
        - times(over(sqrt(kept_before) * beta * sqrt(1 - kept), (1 - kept) * sqrt(kept)), eps),
        Rule("collect the terms in the latent and in the noise"),
    )
    d.eq(
        times(over(beta, (1 - kept) * sqrt(step)) + carried, current)
        - times(over(beta, sqrt(step) * sqrt(1 - kept)), eps),
        Definition(
            f"the recursion: √{text(kept_before)}/√{text(kept)} = 1/√({text(step)}); "
            f"and √(1 - {text(kept)})/(1 - {text(kept)}) = 1/√(1 - {text(kept)})",
            nt.recursion,
        ),
    )
    d.eq(
        times(over(beta + step * (1 - kept_before), (1 - kept) * sqrt(step)), current)
        - times(over(beta, sqrt(step) * sqrt(1 - kept)), eps),
        Rule("a common denominator"),
    )
    d.eq(
        times(over(1, sqrt(step)), current - times(over(beta, sqrt(1 - kept)), eps)),
        Definition(
            f"the recursion again: {text(beta + step * (1 - kept_before))} = 1 - {text(kept)}; "
            f"factor out 1/√({text(step)})",
            nt.recursion,
        ),
    )
    d.result("mean", d.final)
    arguments = {"x_t": current, "epsilon": eps, "beta_t": beta, "alpha_t": step}
    return d.implement(posterior_mean_from_noise, "mean", alpha_bar_t=kept, **arguments)


if __name__ == "__main__":
    run_script(build)
