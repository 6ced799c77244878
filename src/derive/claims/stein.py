"""Stein's lemma (Gaussian integration by parts) for claims about an unknown function of a
normal variable: E[(X − μ) g(X)] = σ² E[g′(X)] for X ∼ N(μ, σ²) and every differentiable g with
E|g′(X)| < ∞ (Stein 1981, "Estimation of the mean of a multivariate normal distribution",
Lemma 1). Written as E[X g(X)] = μ E[g(X)] + σ² E[g′(X)], it lowers the power of X in front of
an unknown function by one; applied until no power is left, every expectation is of unknown
functions (and their derivatives) alone. When the two sides then agree symbolically the claim
holds for every such g, with the lemma's condition as its assumption. A claim it does not
prove is decided as before (a concrete function can still refute it).

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbb{E}[(X - \\mu) f(X)] = \\sigma^2 \\mathbb{E}[f'(X)]",
    ...        (r"X \\sim \\mathcal{N}(\\mu, \\sigma^2)",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import Add, Basic, Derivative, Mul, Subs, diff, expand
from sympy.core.function import AppliedUndef

from ..gaussian import Expectation, Normal

THEOREM = "Stein's lemma, E[(X − μ)g(X)] = σ²E[g′(X)] for X ~ N(μ, σ²)"
_MAX_POWER = 6  # X^k g(X) with k above this is left as written


class _NotPolynomial(Exception):
    """A term whose factor in front of the unknown functions is not a power of X."""


def condition(functions, variables) -> str:
    """The lemma's condition on each unknown function, for the verdict's assumptions."""
    found = ", ".join(f"E|{f}′({x})| < ∞" for f in functions for x in variables)
    return f"{', '.join(map(str, functions))}: differentiable, {found} (Stein's lemma)"


def with_stein(lhs: Basic, rhs: Basic, variables: dict) -> tuple | None:
    """(lhs, rhs, X's) with every expectation over a declared normal variable X of powers of
    X times unknown functions of X rewritten by Stein's lemma, or None when nothing was."""
    used: list = []
    sides = [_rewritten(side, variables, used) for side in (lhs, rhs)]
    if all(new == old for new, old in zip(sides, (lhs, rhs), strict=True)):
        return None
    return (*(_plain_derivatives(side) for side in sides), sorted(set(used), key=str))


def unknown_in(*exprs) -> list:
    """The unknown functions of ``exprs``, in a stable order."""
    found = {a.func for e in exprs if isinstance(e, Basic) for a in e.atoms(AppliedUndef)}
    return sorted(found, key=str)


def _rewritten(side: Basic, variables: dict, used: list) -> Basic:
    if not isinstance(side, Basic) or not side.has(Expectation):
        return side

    def rewrite(node):
        if not isinstance(node, Expectation) or not node.declared:
            return node
        body = _plain_derivatives(node.body)
        variable = _normal_variable(body, variables)
        if variable is None:
            return node
        try:
            rewritten = _reduced(expand(body), variable, variables[variable])
        except _NotPolynomial:
            return node
        used.append(variable)
        return rewritten

    return side.replace(lambda e: isinstance(e, Expectation), rewrite)


def _normal_variable(body: Basic, variables: dict):
    """The one declared variable X with a normal law of numbers whose unknown functions the
    expectation's ``body`` takes (and no other variable), or None."""
    inside = {s for a in body.atoms(AppliedUndef) for s in a.free_symbols if s in variables}
    others = body.free_symbols & set(variables)
    if len(inside) != 1 or others != inside:
        return None
    (variable,) = inside
    law = variables[variable]
    return variable if isinstance(law, Normal) else None


def _reduced(body: Basic, variable, law) -> Basic:
    """E[body] with Stein's lemma applied to each term c·X^k·h(X) (h the unknown part)."""
    total = 0
    for term in Add.make_args(body):
        unknown = [f for f in Mul.make_args(term) if f.has(AppliedUndef)]
        known = Mul(*[f for f in Mul.make_args(term) if not f.has(AppliedUndef)])
        if not unknown:
            total += Expectation(term)  # a moment of X: the checker's own
            continue
        coefficient, power = _power_of(known, variable)
        total += coefficient * _moment(power, Mul(*unknown), variable, law)
    return total


def _power_of(known: Basic, variable) -> tuple:
    """(c, k) with ``known`` = c·X^k, c free of X."""
    coefficient, power = 1, 0
    for factor in Mul.make_args(known):
        base, exponent = factor.as_base_exp()
        if base == variable and getattr(exponent, "is_Integer", False) and exponent >= 0:
            power += int(exponent)
        elif factor.has(variable):
            raise _NotPolynomial
        else:
            coefficient *= factor
    if power > _MAX_POWER:
        raise _NotPolynomial
    return coefficient, power


def _moment(power: int, unknown: Basic, variable, law) -> Basic:
    """E[X^k h(X)] = μ E[X^{k−1} h(X)] + σ² E[(X^{k−1} h(X))′] (Stein's lemma), down to
    E[h(X)]."""
    if power == 0:
        return Expectation(unknown)
    lower = variable ** (power - 1) * unknown
    derivative = expand(_plain_derivatives(diff(lower, variable)))
    return law.mean * _moment(power - 1, unknown, variable, law) + law.variance * _reduced(
        derivative, variable, law
    )


def _plain_derivatives(expr: Basic) -> Basic:
    """f′(X) written as Subs(d/du f(u), u, X) and as d/dX f(X) alike (the latter)."""
    if not isinstance(expr, Basic):
        return expr
    return expr.replace(
        lambda e: isinstance(e, Subs) and e.expr.has(Derivative), lambda e: e.doit()
    )
