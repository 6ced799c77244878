"""The DDPM ELBO as reconstruction − prior matching − Σ_t consistency terms.

Seed 002 ("Rewriting the ELBO"): the law of iterated expectations splits the expectation over
q(x_{t−1}, x_t | x_0) into one over q(x_t | x_0) of one over q(x_{t−1} | x_t, x_0); turning
the ratios upside down and recognising KL divergences gives

    L = E_{q(x_1|x_0)}[log p_θ(x_0 | x_1)] − D_KL(q(x_T | x_0) ‖ p(x_T))
        − Σ_{t=2}^T E_{q(x_t|x_0)}[D_KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t))].

The model's densities p_θ and the prior p are arbitrary, so these steps are checked by rules
(``derive.diffusion.expectations``): both sides in a canonical form under linearity, the split
logarithm of a ratio, the definition of KL, and iterated expectation — whose condition,
q(x_{t−1}, x_t | x_0) = q(x_t | x_0) q(x_{t−1} | x_t, x_0), the checker tests on the forward
process.

Run it on its own to print the checked proof: ``python derivations/elbo.py``.
"""

from sympy import Sum, log, symbols

from derive import Definition, Derivation, Rule, Source, over, run_script
from derive.diffusion import (
    ConditionalDensity,
    DivergenceKL,
    ExpectationUnder,
    ForwardChain,
    notation,
)

NAME = "elbo"
TITLE = "The DDPM ELBO: reconstruction, prior matching and consistency terms"
SOURCE = Source("002_fd2e4c5ce01caa53.txt", "Rewriting the ELBO using Conditional Expectation")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
# In the course's notation the title names its objects, not the DDPM paper's.
NOTATION_TITLES = {
    "course": "The ELBO of a diffusion model: reconstruction, prior matching and consistency terms"
}
T = symbols("T", integer=True, positive=True)


def build(name: str = "ddpm") -> Derivation:
    """L rewritten with the law of iterated expectations and KL divergences."""
    nt = notation(name)
    chain = ForwardChain(nt)
    data, previous, current = chain.nodes
    first, last = nt.latent(1), nt.latent(T)
    q = ConditionalDensity

    def p_theta(target, given):
        return q((target,), (given,), "p_theta")

    prior = q((last,), (), "p")
    posterior = q((previous,), (current, data))
    reconstruction = ExpectationUnder(log(p_theta(data, first)), q((first,), (data,)))

    def consistency(body):
        return Sum(body, (nt.t, 2, T))

    d = Derivation(
        NAME + nt.suffix,
        NOTATION_TITLES.get(name, TITLE),
        nt.cite(SOURCE),
        start=reconstruction
        + ExpectationUnder(log(over(prior, q((last,), (data,)))), q((last,), (data,)))
        + consistency(
            ExpectationUnder(
                log(over(p_theta(previous, current), posterior)),
                q((previous, current), (data,)),
            )
        ),
        ranges=nt.ranges,
        definitions=dict(nt.definitions),
        process=chain,
    )
    d.eq(
        reconstruction
        + ExpectationUnder(log(over(prior, q((last,), (data,)))), q((last,), (data,)))
        + consistency(
            ExpectationUnder(
                ExpectationUnder(log(over(p_theta(previous, current), posterior)), posterior),
                q((current,), (data,)),
            )
        ),
        Rule(
            "the law of iterated expectations: E over q(a, b | c) is E over q(b | c) of E over "
            "q(a | b, c), since q(a, b | c) = q(b | c) q(a | b, c)"
        ),
    )
    d.eq(
        reconstruction
        - ExpectationUnder(log(over(q((last,), (data,)), prior)), q((last,), (data,)))
        - consistency(
            ExpectationUnder(
                ExpectationUnder(log(over(posterior, p_theta(previous, current))), posterior),
                q((current,), (data,)),
            )
        ),
        Rule("log(a/b) = −log(b/a), and the minus sign leaves the expectations"),
    )
    d.eq(
        reconstruction
        - DivergenceKL(q((last,), (data,)), prior)
        - consistency(
            ExpectationUnder(
                DivergenceKL(posterior, p_theta(previous, current)), q((current,), (data,))
            )
        ),
        Definition("the KL divergence D_KL(q ‖ p) = E_q[log(q/p)]"),
    )
    # The results are the ELBO's three terms, signs and sum included: they add up to it.
    return (
        d.result("reconstruction", reconstruction)
        .result("prior matching", -DivergenceKL(q((last,), (data,)), prior))
        .result(
            "consistency",
            -consistency(
                ExpectationUnder(
                    DivergenceKL(posterior, p_theta(previous, current)), q((current,), (data,))
                )
            ),
        )
    )


if __name__ == "__main__":
    run_script(build)
