"""The KL divergence from the DDPM posterior to an isotropic model step, in closed form.

Seed 001 §1.2.2(b): D_KL(q(z_{t−1} | z_t, x) ‖ N(f_φ(z_t), σ_t² I)) with q = N(μ̃_t, β̃_t I)
(derivation ``posterior``), by the multivariate KL (derivation ``kl-multivariate``): the
determinants and the trace of multiples of I, and δ = μ̃_t − f_φ(z_t). In the DDPM notation the
model's mean is μ_θ, as in the DDPM paper. (The source first quotes
the KL with Σ₁⁻¹ where Σ₂⁻¹ belongs, then uses the right form; the result below is that of the
right form.) The identity holds for every β̃_t > 0, the posterior's
β̃_t = (1 − ᾱ_{t−1}) β_t/(1 − ᾱ_t) among them, so β̃_t stays a symbol here.

Run it on its own to print the checked proof: ``python derivations/posterior_kl.py``.
"""

from sympy import (
    Determinant,
    Identity,
    Inverse,
    MatMul,
    MatrixSymbol,
    Rational,
    Symbol,
    Trace,
    log,
    symbols,
)

from derive import KL, Definition, Derivation, Rule, Source, lemma, over, plus, run_script, times
from derive.diffusion import notation
from derive.gaussian import MvNormal, form, inner
from derive.registry import load

NAME = "posterior-kl"
TITLE = "KL from the DDPM posterior to an isotropic normal model"
SOURCE = Source("001_c65224db13adbda7.txt", "§1.2.2(b)")
TOPIC = "diffusion"
NOTATIONS = ("ddpm", "course")
# In the course's notation the title names its objects, not the DDPM paper's.
NOTATION_TITLES = {"course": "KL from the posterior q(zₜ₋₁ | zₜ, x) to the model p(zₜ₋₁ | zₜ; φₜ)"}
HALF = Rational(1, 2)
n = symbols("n", integer=True, positive=True)
mu_tilde = MatrixSymbol("mutilde_t", n, 1)
# The model's mean by each source's name: μ_θ in the DDPM paper, f_φ(z_t) in the course.
MODEL_MEANS = {"ddpm": MatrixSymbol("mu_theta", n, 1), "course": MatrixSymbol("f_phi", n, 1)}
sigma_t = Symbol("sigma_t", positive=True)
beta_tilde = Symbol("betatilde_t", positive=True)


def build(name: str = "ddpm") -> Derivation:
    """D_KL(N(μ̃, β̃ I) ‖ N(f, σ² I)) = ½[n log σ² − n log β̃ − n + n β̃/σ² + ‖δ‖²/σ²]."""
    nt = notation(name)
    posterior_cov, model_cov = beta_tilde * Identity(n), sigma_t**2 * Identity(n)
    model_mean = MODEL_MEANS[name]
    delta = mu_tilde - model_mean
    d = Derivation(
        NAME + nt.suffix,
        NOTATION_TITLES.get(name, TITLE),
        nt.cite(SOURCE),
        start=KL(MvNormal(mu_tilde, posterior_cov), MvNormal(model_mean, model_cov)),
        ranges=nt.ranges,
        definitions=dict(nt.definitions),
    )
    d.eq(
        times(
            HALF,
            plus(
                log(Determinant(model_cov) / Determinant(posterior_cov)),
                -n,
                Trace(MatMul(Inverse(model_cov), posterior_cov)),
                form(model_mean - mu_tilde, Inverse(model_cov), model_mean - mu_tilde),
            ),
        ),
        lemma(load("kl-multivariate"), "the KL divergence of two multivariate normals", False),
    )
    d.eq(
        times(
            HALF,
            plus(
                log(over(sigma_t ** (2 * n), beta_tilde**n)),
                -n,
                times(over(beta_tilde, sigma_t**2), n),
                times(over(1, sigma_t**2), inner(delta, delta)),
            ),
        ),
        Rule(
            "|cI| = cⁿ, (cI)⁻¹ = c⁻¹I, tr(I) = n; and (f − μ̃)ᵀ(f − μ̃) = δᵀδ = ‖δ‖² with δ = μ̃ − f"
        ),
    )
    d.eq(
        times(
            HALF,
            plus(
                times(n, log(sigma_t**2)),
                -times(n, log(beta_tilde)),
                -n,
                times(over(beta_tilde, sigma_t**2), n),
                times(over(1, sigma_t**2), inner(delta, delta)),
            ),
        ),
        Definition("log(a/b) = log a − log b and log cⁿ = n log c, for positive a, b, c"),
    )
    return d.result("kl", d.final)


if __name__ == "__main__":
    run_script(build)
