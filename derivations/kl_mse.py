"""With the model's variance fixed to the posterior's, the KL term is a scaled squared error.

Seed 002 ("Simplifying the KL Divergence"): with Σ_θ = β̃_t I,
D_KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) = ‖μ̃_t − μ_θ‖² / (2β̃_t): the constant C of the
source is 0 here. For a model variance σ_t² ≠ β̃_t the weight is 1/(2σ_t²) and
C = (n/2)(log(σ_t²/β̃_t) − 1 + β̃_t/σ_t²), which does not depend on μ_θ (proved below as a
lemma). The weight is 1/(2β̃_t), not the 1/(2β_t) of the source's final objective.

Run it on its own to print the checked proof: ``python derivations/kl_mse.py``.
"""

from derive.derivations.posterior_kl import MODEL_MEANS, beta_tilde, mu_tilde, n, sigma_t
from sympy import Identity, Rational, log

from derive import KL, Derivation, Rule, Source, lemma, over, plus, run_script, times
from derive.diffusion import notation
from derive.gaussian import MvNormal, inner
from derive.registry import load

NAME = "kl-mse"
TITLE = "The KL term as a scaled squared error of the means"
SOURCE = Source("002_fd2e4c5ce01caa53.txt", "Simplifying the KL Divergence")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
HALF = Rational(1, 2)


def constant(name: str) -> Derivation:
    """D_KL(N(μ̃, β̃ I) ‖ N(μ_θ, σ² I)) = ‖μ̃ − μ_θ‖²/(2σ²) + C, C free of μ_θ."""
    nt = notation(name)
    mu_theta = MODEL_MEANS[name]
    delta = mu_tilde - mu_theta
    d = Derivation(
        f"{NAME}{nt.suffix}/constant",
        "The constant C for a model variance σₜ² ≠ β̃ₜ",
        nt.cite(SOURCE),
        start=KL(
            MvNormal(mu_tilde, beta_tilde * Identity(n)),
            MvNormal(mu_theta, sigma_t**2 * Identity(n)),
        ),
        ranges=nt.ranges,
        definitions=dict(nt.definitions),
    )
    d.eq(
        plus(
            over(inner(delta, delta), 2 * sigma_t**2),
            times(
                HALF, n, plus(log(over(sigma_t**2, beta_tilde)), -1, over(beta_tilde, sigma_t**2))
            ),
        ),
        lemma(load("posterior-kl", name), "KL from the posterior to an isotropic normal", False),
    )
    return d


def build(name: str = "ddpm") -> Derivation:
    """D_KL(N(μ̃, β̃ I) ‖ N(μ_θ, β̃ I)) = ‖μ̃ − μ_θ‖²/(2β̃)."""
    nt = notation(name)
    # The model's mean by the notation's name (μ_θ in the DDPM paper, f_φ in the course), as
    # in the lemma posterior-kl that the steps cite.
    mu_theta = MODEL_MEANS[name]
    covariance = beta_tilde * Identity(n)
    delta = mu_tilde - mu_theta
    d = Derivation(
        NAME + nt.suffix,
        TITLE,
        nt.cite(SOURCE),
        start=KL(MvNormal(mu_tilde, covariance), MvNormal(mu_theta, covariance)),
        ranges=nt.ranges,
        definitions=dict(nt.definitions),
    )
    d.eq(
        times(
            HALF,
            plus(
                times(n, log(beta_tilde)),
                -times(n, log(beta_tilde)),
                -n,
                times(over(beta_tilde, beta_tilde), n),
                times(over(1, beta_tilde), inner(delta, delta)),
            ),
        ),
        lemma(load("posterior-kl", name), "KL from the posterior to an isotropic normal", False),
    )
    d.eq(
        over(inner(delta, delta), 2 * beta_tilde),
        Rule("with σₜ² = β̃ₜ the logarithms cancel and n β̃ₜ/β̃ₜ − n = 0: the constant C is 0"),
    )
    d.include(constant(name))
    return d.result("kl", d.final)


if __name__ == "__main__":
    run_script(build)
