"""The claim builder's rules for probability: normal laws and densities, KL, entropy,
expectations (plain, under a law, under a conditional density), variance, covariance and
characteristic functions. A mixin of :class:`derive.claims.build._Builder`.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\operatorname{Var}[2X] = 4", (r"X \\sim N(0, 1)",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import MatrixExpr, Symbol

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
        size = point.shape[0] if isinstance(point, MatrixExpr) else None
        if isinstance(law, MvNormal) and getattr(size, "is_Integer", False) and size != 1:
            # N(x | 0, Σ) at x = (x_1, x_2): the 0 and I written are of x's size
            n = self.names.dimension
            sides = [
                side.subs(n, size).as_explicit() if _resizable(side) else side
                for side in law.args[:2]
            ]
            law = MvNormal(*sides)
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
        density = _as_density(law)
        if density is not None and density.targets == (var,):
            return ExpectationUnder(body, density)  # E_{x ~ p(x | y)}[…]: under that density
        if not isinstance(law, Moments):
            raise UsageError(
                "E_{x ~ law}[...] takes a normal law or a density of x, E_{x \\sim p(x | y)}[...]"
            )
        return Expectation(body, var, law)

    def expectation_named(self, children):
        """E_v[f(v)] over a declared random variable v: E[f(v)], where v is the only random
        variable the body can hold (an expectation over v alone of a body that holds others
        is a random variable, which derive does not read)."""
        var, body = children[1], children[-1]
        if isinstance(var, str):
            var = self.names.make(var, None)
        name = getattr(var, "name", None)
        if name not in self.names.random:
            shown = name or "x"
            raise UsageError(
                f"E_{{{shown}}}[...] names no random variable a given declares; declare its "
                f"law (--given '{shown} \\sim N(m, v)') or write E_{{x \\sim N(m, v)}}[...]"
            )
        return self._over_declared(name, body)

    def _over_declared(self, name, body):
        """E[body] over the declared variables, where ``name`` is the only one body may hold."""
        others = self.names.random - {name}
        written = {getattr(s, "name", None) for s in _letters_of(body)}
        if others and (written & others or written & self.names.defined_symbols):
            raise UsageError(
                f"E_{{{name}}}[...] takes the expectation over {name} alone of a body that may "
                "hold other random variables; write E[...] over all of them"
            )
        return Expectation(body)

    def cdensity(self, children):
        head, targets, _, conditions = children
        return ConditionalDensity(targets, conditions, label(head))

    def expectation_density(self, children):
        density, body = _as_density(children[1]), children[2]
        if density is None:
            raise UsageError("E_{...} takes a law 'x \\sim N(m, v)' or a density 'q(a | b)'")
        (target,) = density.targets if len(density.targets) == 1 else (None,)
        name = getattr(target, "name", None)
        if not density.conditions and name in self.names.random and self._undefined(density):
            return self._over_declared(name, body)  # E_{p(ε)}[…] of a declared ε: under its law
        return ExpectationUnder(body, density)

    def _undefined(self, density) -> bool:
        """Whether no given defines the density's letter (p(x) = …)."""
        return density.label not in self.names.defined_functions | self.names.functions

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


def _letters_of(expr) -> set:
    from sympy import MatrixSymbol

    if not hasattr(expr, "free_symbols"):
        return set()
    return set(expr.free_symbols) | set(expr.atoms(MatrixSymbol))


def _as_density(written):
    """A density written under an E: q(a | b) as it is, p(x) of one letter as the density of
    x with no condition (its law a given states, p(x) = N(x; m, v)); None for anything else."""
    from sympy.core.function import AppliedUndef

    if isinstance(written, ConditionalDensity):
        return written
    if isinstance(written, AppliedUndef) and len(written.args) == 1:
        if isinstance(written.args[0], Symbol):
            return ConditionalDensity(written.args, (), str(written.func))
    return None


def label(head) -> str:
    """The name of a density's letter (``q``, ``p_theta``)."""
    return head.name if hasattr(head, "name") else str(head)
