"""The DDPM posterior is proportional to the forward step times the forward marginal.

Seed 001 §1.1.3(c) and seed 002 ("Computing the Posterior"): Bayes' rule, the Markov property
of the forward process, and the denominator q(z_t | x), which does not depend on z_{t−1}. (Seed
002 says the factor dropped is q(x_t | x_{t−1}); that factor depends on x_{t−1}, and the one
dropped is q(x_t | x_0).) The checker reduces each conditional density of the chain
x → z_{t−1} → z_t to the chain's transition and marginals (``derive.diffusion.process``), so a
wrong factor, or the wrong factor dropped, is refuted.

Run it on its own to print the checked proof: ``python derivations/bayes_markov.py``.
"""

from derive import Definition, Derivation, Rule, Source, over, run_script
from derive.diffusion import ConditionalDensity, ForwardChain, notation

NAME = "bayes-markov"
TITLE = "Bayes' rule and the Markov property for the DDPM posterior"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.1.3(c)")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
# In the course's notation the title names its objects, not the DDPM paper's.
NOTATION_TITLES = {
    "course": "Bayes' rule and the Markov property for the posterior q(zₜ₋₁ | zₜ, x)"
}


def build(name: str = "ddpm") -> Derivation:
    """q(z_{t−1} | z_t, x) ∝ q(z_t | z_{t−1}) q(z_{t−1} | x) in z_{t−1}."""
    chain = ForwardChain(notation(name))
    data, previous, current = chain.nodes
    q = ConditionalDensity
    d = Derivation(
        NAME + notation(name).suffix,
        NOTATION_TITLES.get(name, TITLE),
        notation(name).cite(SOURCE),
        start=q((previous,), (current, data)),
        ranges=notation(name).ranges,
        definitions=dict(notation(name).definitions),
        process=chain,
    )
    d.eq(
        over(q((current,), (previous, data)) * q((previous,), (data,)), q((current,), (data,))),
        Definition("Bayes' rule, given the data: q(a | b, c) = q(b | a, c) q(a | c) / q(b | c)"),
    )
    d.eq(
        over(q((current,), (previous,)) * q((previous,), (data,)), q((current,), (data,))),
        Rule(
            "the Markov property of the forward process: given its predecessor, a step "
            "does not depend on the data"
        ),
    )
    d.prop(
        q((current,), (previous,)) * q((previous,), (data,)),
        previous,
        Rule(f"the denominator q({current} | {data}) does not depend on {previous}"),
    )
    return d


if __name__ == "__main__":
    run_script(build)
