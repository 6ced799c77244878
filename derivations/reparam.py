"""The reparameterization trick (seed 003, "The Reparameterization Trick").

x = μ + σε with ε ~ N(0, 1) has the law N(μ, σ²), so expectations over x are expectations over
ε, and gradients pass inside: ∂/∂μ E[f(x)] = E[f′(μ + σε)], ∂/∂σ E[f(x)] = E[ε f′(μ + σε)].
The exchange of derivative and expectation holds for smooth f of moderate growth (dominated
convergence); every step is checked here for f a polynomial of degree 4 with symbolic
coefficients.

Run it on its own to print the checked proof: ``python derivations/reparam.py``.
"""

from sympy import Derivative, Function, Lambda, Subs, symbols

from derive import (
    SIM,
    Derivation,
    Expectation,
    Normal,
    RandomVariable,
    Rule,
    Source,
    lemma,
    run_script,
)
from derive.registry import load

NAME = "reparam"
TITLE = "The reparameterization trick and its gradients"
SOURCE = Source("003_6b257039f3422b2a.txt", "The Reparameterization Trick")
TOPIC = "univariate"

x, u, mu = symbols("x u mu", real=True)
sigma = symbols("sigma", positive=True)
c = symbols("c_0:5", real=True)
eps = RandomVariable("epsilon")
f = Function("f")
POLYNOMIAL = {f: Lambda(u, sum(c[k] * u**k for k in range(5)))}
STANDARD = {eps: Normal(0, 1)}
LAW = Normal(mu, sigma**2)
LEIBNIZ = Rule(
    "differentiate under the expectation (dominated convergence; f smooth, of moderate growth)"
)


def reparameterization() -> Derivation:
    """μ + σε ~ N(μ, σ²)."""
    d = Derivation(
        "reparam/law", "The law of μ + σε", SOURCE, start=mu + sigma * eps, variables=STANDARD
    )
    return d.step(SIM, LAW, lemma(load("affine"), "affine maps of normal laws", inline=False))


GREEK = {"mu": "μ", "sigma": "σ"}  # the parameters as the title prints them


def gradient(parameter, factor, law) -> Derivation:
    """∂/∂parameter E[f(x)] = E[factor · f′(μ + σε)], using the lemma ``law``."""
    d = Derivation(
        f"reparam/{parameter}",
        f"The gradient in {GREEK[parameter.name]}",
        SOURCE,
        start=Derivative(Expectation(f(x), x, LAW), parameter),
        variables=STANDARD,
        definitions=POLYNOMIAL,
    )
    d.eq(Derivative(Expectation(f(mu + sigma * eps)), parameter), law)
    d.eq(Expectation(Derivative(f(mu + sigma * eps), parameter)), LEIBNIZ)
    d.eq(
        Expectation(factor * Subs(Derivative(f(u), u), u, mu + sigma * eps)),
        Rule("chain rule"),
    )
    return d


def build() -> Derivation:
    """Both gradients; the one in σ is a lemma, the one in μ the theorem."""
    law = lemma(reparameterization(), "x has the law of μ + σε")
    d = gradient(mu, 1, law)
    d.name, d.title = NAME, TITLE
    return d.include(gradient(sigma, eps, law)).result("grad_mu", d.final)


if __name__ == "__main__":
    run_script(build)
