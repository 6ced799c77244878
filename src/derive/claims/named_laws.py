r"""Laws of named families other than the normal one: ``X \sim \mathrm{Beta}(a, b)``,
``\mathrm{Gamma}(\alpha, \beta)``, ``\mathrm{Gam}(\lambda \mid a, b)``, ``\mathrm{Exp}(\lambda)``.

A given that declares such a law is read as that law (not as an unknown function named Beta),
and the expectations over it in the claim are replaced by their closed forms: every power
E[Xⁿ] (so every polynomial in X, and Var[X] = E[X²] − E[X]²) and E[log X] (for a Beta law also
E[log(1 − X)]). The closed forms are the standard ones (Wikipedia's articles on the beta, gamma
and exponential distributions; Bishop, PRML (2006), appendix B):

- Beta(a, b) on (0, 1), density ∝ x^{a−1}(1 − x)^{b−1}: E[Xⁿ] = ∏_{r<n} (a + r)/(a + b + r),
  E[log X] = ψ(a) − ψ(a + b), E[log(1 − X)] = ψ(b) − ψ(a + b);
- Gamma(α, β), **shape and rate** (density ∝ x^{α−1}e^{−βx}, the reading of PRML's Gam(λ | a, b)
  and of Bayesian texts): E[Xⁿ] = ∏_{r<n} (α + r)/βⁿ, E[log X] = ψ(α) − log β. A second
  parameter written θ (Gamma(k, θ)) is a **scale**: E[Xⁿ] = θⁿ ∏_{r<n} (k + r),
  E[log X] = ψ(k) + log θ. The verdict's assumptions say which reading was taken;
- Exp(λ), rate λ: the Gamma(1, λ) law.

An expectation of anything else over such a law (E[e^X], E[X log X]) is left, and the claim is
undecided, saying so.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\mathbb{E}[X] = \frac{a}{a + b}", ("X \\sim \\mathrm{Beta}(a, b)",)).kind
    'holds'
    >>> gamma = ("X \\sim \\mathrm{Gamma}(k, \\theta)",)
    >>> decide(r"\mathrm{Var}[X] = \frac{k}{\theta^2}", gamma).kind
    'fails'
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Add, Basic, Integer, Poly, Pow, Symbol, beta, digamma, gamma, log
from sympy.core.function import AppliedUndef

# The names a source writes the families with, and the family each stands for.
FAMILIES = {
    "Beta": "beta",
    "Gamma": "gamma",
    "Gam": "gamma",
    "Exp": "exponential",
    "Exponential": "exponential",
    "Expon": "exponential",
}
_ARITY = {"beta": 2, "gamma": 2, "exponential": 1}
_SCALE_NAMES = {"theta", "vartheta", "s"}  # a second parameter read as a scale


@dataclass(frozen=True)
class NamedLaw:
    """A law of a named family: its family, its parameters, and (Gamma) whether the second
    parameter is a scale."""

    family: str
    parameters: tuple
    scale: bool = False

    def reading(self) -> str:
        """The law as the verdict's assumptions state it."""
        p = [str(q) for q in self.parameters]
        if self.family == "beta":
            return f"Beta({p[0]}, {p[1]}) on (0, 1), density ∝ x^({p[0]}−1)·(1 − x)^({p[1]}−1)"
        if self.family == "exponential":
            return f"Exponential with rate {p[0]}, density {p[0]}·e^(−{p[0]}·x) on (0, ∞)"
        if self.scale:
            return f"Gamma with shape {p[0]} and scale {p[1]}, density ∝ x^({p[0]}−1)·e^(−x/{p[1]})"
        return (
            f"Gamma with shape {p[0]} and rate {p[1]}, density ∝ x^({p[0]}−1)·e^(−{p[1]}·x) "
            "(write θ for a scale)"
        )

    def moment(self, n: int):
        """E[Xⁿ]."""
        result = Integer(1)
        if self.family == "beta":
            a, b = self.parameters
            for r in range(n):
                result *= (a + r) / (a + b + r)
            return result
        shape, second = self._shape_and_second()
        for r in range(n):
            result *= shape + r
        return result * second**n if self.scale else result / second**n

    def log_moment(self, complement: bool = False):
        """E[log X] (with ``complement``, E[log(1 − X)] of a Beta law; None otherwise)."""
        if self.family == "beta":
            a, b = self.parameters
            return digamma(b if complement else a) - digamma(a + b)
        if complement:
            return None
        shape, second = self._shape_and_second()
        return digamma(shape) + (log(second) if self.scale else -log(second))

    def _shape_and_second(self):
        if self.family == "exponential":
            return Integer(1), self.parameters[0]
        return self.parameters


def named_law(law) -> NamedLaw | None:
    """The named law a given's right side ``law`` states (``Beta(a, b)`` as read, or PRML's
    ``Beta(μ | a, b)``), or None."""
    from ..diffusion import ConditionalDensity

    if isinstance(law, AppliedUndef):
        name, parameters = str(law.func), tuple(law.args)
    elif isinstance(law, ConditionalDensity) and len(law.targets) == 1:
        name, parameters = law.label, tuple(law.conditions)
    else:
        return None
    family = FAMILIES.get(name)
    if family is None or len(parameters) != _ARITY[family]:
        return None
    scale = family == "gamma" and getattr(parameters[1], "name", "") in _SCALE_NAMES
    return NamedLaw(family, parameters, scale)


def with_named_laws(main, variables: dict, reader, definitions=None) -> tuple:
    """The claim with the expectations over variables of named laws in closed form, and the
    variables left (the named ones removed: no normal law stands for them); each reading is
    noted for the verdict. A law or a definition (``definitions``) that depends on such a
    variable leaves the claim undecided. Returns ``(main, variables, left)`` where ``left`` names an
    expectation no closed form covers (or is empty)."""
    from dataclasses import replace

    named = {v: named_law(law) for v, law in variables.items()}
    named = {v: law for v, law in named.items() if law is not None}
    if not named:
        return main, variables, ""
    for v, law in named.items():
        reader.note(str(v), law.reading(), "declared: a law of a named family")
    rest = {v: law for v, law in variables.items() if v not in named}
    others = [*rest.items(), *(definitions or {}).items()]
    for v, law in others:  # x | η ~ N(μ, (ηλ)⁻¹), η ~ Gam: a mixture, not a constant η
        used = [str(n) for n in named if getattr(law, "has", lambda *_: False)(n)]
        if used:
            return (
                main,
                variables,
                (
                    f"the law of {v} depends on {', '.join(used)}, a variable of a named law: "
                    "derive does not integrate over it (a scale mixture such as Student's t)"
                ),
            )
    sides = [_special(_closed(side, named), reader) for side in (main.lhs, main.rhs)]
    left = _left_expectations(sides, named)
    return replace(main, lhs=sides[0], rhs=sides[1]), rest, left


# Beside a law of a named family, ψ(a), Γ(a) and B(a, b) are the functions of its closed forms.
_SPECIAL = {("psi", 1): digamma, ("Gamma", 1): gamma, ("B", 2): beta}


def _special(expr, reader):
    """``expr`` with ψ(·), Γ(·) and B(·, ·) applied as the digamma, gamma and beta functions
    (each reading noted), where the claim would otherwise take them for unknown functions."""
    if not isinstance(expr, Basic):
        return expr
    found = {}
    for a in expr.atoms(AppliedUndef):
        special = _SPECIAL.get((str(a.func), len(a.args)))
        if special is not None:
            found[a] = special(*a.args)
            reader.note(str(a.func), f"the {special.__name__} function", "implied: a named law")
    return expr.xreplace(found) if found else expr


def _closed(expr, named: dict):
    from ..gaussian import Expectation

    if not isinstance(expr, Basic):
        return expr
    found = {}
    for e in expr.atoms(Expectation):
        if e.args[1:] not in ((), ((), ())) and not getattr(e, "declared", False):
            continue
        value = _expectation(e.args[0], named)
        if value is not None:
            found[e] = value
    return expr.xreplace(found) if found else expr


def _expectation(body, named: dict):
    """E[body] over the named variables: a sum of terms, each a constant times a power of one
    variable or a logarithm of one (E is linear); None where a term is of another form or two
    variables meet in one term (they would need a joint law)."""
    total = Integer(0)
    for term in Add.make_args(body.expand()):
        inside = [v for v in named if term.has(v)]
        if not inside:
            total += term
            continue
        if len(inside) > 1:
            return None
        v, law = inside[0], named[inside[0]]
        value = _term(term, v, law)
        if value is None:
            return None
        total += value
    return total


def _term(term, v: Symbol, law: NamedLaw):
    coefficient, rest = term.as_independent(v, as_Add=False)
    if rest == v:
        return coefficient * law.moment(1)
    if isinstance(rest, Pow) and rest.base == v and rest.exp.is_Integer and rest.exp > 0:
        return coefficient * law.moment(int(rest.exp))
    if isinstance(rest, log):
        inner = rest.args[0]
        if inner == v:
            return coefficient * law.log_moment()
        if Poly(inner, v).as_expr() == 1 - v:
            found = law.log_moment(complement=True)
            return None if found is None else coefficient * found
    return None


def _left_expectations(sides, named) -> str:
    from ..gaussian import Expectation
    from ..render.printers import text

    for side in sides:
        for e in getattr(side, "atoms", lambda *_: ())(Expectation):
            if any(e.args[0].has(v) for v in named):
                return (
                    f"E[{text(e.args[0])}] over a law of a named family has no closed form "
                    "here: derive knows E[Xⁿ] and E[log X] (E[log(1 − X)] of a Beta law)"
                )
    for side in sides:  # X itself, a density of it: what no closed form above stands for
        found = [str(v) for v in named if getattr(side, "has", lambda *_: False)(v)]
        if found:
            return (
                f"{', '.join(found)} (of a named law) occurs outside E[...]: derive decides "
                "only expectations over such a law (E[Xⁿ], E[log X], Var[X])"
            )
    return ""
