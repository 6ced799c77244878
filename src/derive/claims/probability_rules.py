"""The claim builder's rules for probability: normal laws and densities, KL, entropy,
expectations (plain, under a law, under a conditional density), variance, covariance and
characteristic functions. A mixin of :class:`derive.claims.build._Builder`.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\operatorname{Var}[2X] = 4", (r"X \\sim N(0, 1)",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import Symbol

from ..diffusion import ConditionalDensity, DivergenceKL, ExpectationUnder
from ..errors import UsageError
from ..gaussian import (
    KL,
    CharacteristicFunction,
    Density,
    Entropy,
    Expectation,
    Moments,
    MvNormal,
    Normal,
)
from .shapes import matrix


def _resizable(side) -> bool:
    """Whether ``side`` is made of 0, I and numbers only (no matrix or vector letter)."""
    from sympy import MatrixSymbol

    return hasattr(side, "subs") and not side.atoms(MatrixSymbol)


class ProbabilityRules:
    """Builder rules for laws, densities and their functionals (needs ``self.names``)."""

    def law(self, children):
        mean, variance = children[1], children[2]
        self._variance(variance)
        if self.names.matrix:
            mean, variance = self._sized(matrix(mean), variance)
            return MvNormal(mean, variance)
        return Normal(mean, variance)

    def _sized(self, mean, variance):
        """N(0, Σ) with Σ written out as a k×k matrix: 0 and I are of size k, not n (the
        law is k-dimensional); likewise for a mean written out and a covariance σ²I."""
        sizes = [getattr(side, "shape", (None,))[0] for side in (mean, variance)]
        concrete = [k for k in sizes if getattr(k, "is_Integer", False) or isinstance(k, int)]
        n = self.names.dimension
        if len(concrete) == 1:  # only 0, I and numbers resized: a letter m keeps its shape
            k = concrete[0]
            mean, variance = (
                side.subs(n, k) if _resizable(side) else side for side in (mean, variance)
            )
        return mean, variance

    def density(self, children):
        point, mean, variance = children[1], children[-2], children[-1]
        law = self.law([None, mean, variance])
        return Density(law, point)

    def kl(self, children):
        p, q = children[1], children[3]
        if all(isinstance(s, Density) for s in (p, q)) and p.point == q.point:
            p, q = p.dist, q.dist  # D_KL(N(z; μ, σ²) ‖ N(z; 0, 1)): the divergence of the laws
        if all(isinstance(side, ConditionalDensity) for side in (p, q)):
            return DivergenceKL(p, q)
        if not all(isinstance(side, Moments) for side in (p, q)):
            raise UsageError("D_KL takes two normal laws, D_KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²))")
        return KL(p, q)

    def kl_one_bar(self, _):
        raise UsageError(
            "KL(P | Q) has one bar, which reads as a condition; write the divergence with two, "
            "D_{KL}(P \\| Q)"
        )

    def entropy(self, children):
        if isinstance(children[1], Symbol):  # H[x]: the entropy of x's declared law
            from .entropy_readings import EntropyOf

            return EntropyOf(children[1])
        if not isinstance(children[1], (Normal, MvNormal)):
            raise UsageError("h(...) takes a normal law, h(N(μ, σ²)) or h(N(μ, Σ))")
        return Entropy(children[1])

    def expectation(self, children):
        return Expectation(children[-1])

    def expectation_under(self, children):
        var, law, body = children[1], children[3], children[4]
        if isinstance(law, ConditionalDensity) and law.targets == (var,):
            return ExpectationUnder(body, law)  # E_{x_t ~ p(x_t | x_0)}[…]: as E_{p(x_t | x_0)}
        if not isinstance(law, Moments):
            raise UsageError("E_{x ~ law}[...] takes a normal law")
        return Expectation(body, var, law)

    def expectation_named(self, children):
        raise UsageError(
            "E_p[...] names a law without its variable; write E_{x \\sim N(m, v)}[...] or "
            "E_{q(x | y)}[...]"
        )

    def cdensity(self, children):
        head, targets, _, conditions = children
        return ConditionalDensity(targets, conditions, label(head))

    def expectation_density(self, children):
        density, body = children[1], children[2]
        if not isinstance(density, ConditionalDensity):
            raise UsageError("E_{...} takes a law 'x \\sim N(m, v)' or a density 'q(a | b)'")
        return ExpectationUnder(body, density)

    def expectation_given(self, children):
        from .conditioning import GivenExpectation

        body, conditions = children[1], children[3]
        return GivenExpectation(body, *conditions)

    def variance_given(self, children):
        from .conditioning import GivenVariance

        body, conditions = children[1], children[3]
        return GivenVariance(body, *conditions)

    def variance(self, children):
        body = children[-1]
        return Expectation(body**2) - Expectation(body) ** 2

    def covariance(self, children):
        a, b = children[1], children[2]
        return Expectation(a * b) - Expectation(a) * Expectation(b)

    def charfn(self, children):
        argument = children[1]
        if isinstance(argument, str):  # φ_X: the letter names a variable
            argument = self.names.make(argument, None)
        return CharacteristicFunction(argument, children[2])

    def _variance(self, variance):
        """A symbol written as a variance is positive (implied by the claim)."""
        if isinstance(variance, Symbol) and not variance.is_positive:
            self.positive.add(variance)
            self.names.note(variance.name, "positive", "implied: a variance")


def label(head) -> str:
    """The name of a density's letter (``q``, ``p_theta``)."""
    return head.name if hasattr(head, "name") else str(head)
