"""Derivatives with respect to a letter a given defines: ∇_{x_t} log q(x_t | x_0) under
``x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε`` is the score at that point — differentiated first, the
definition substituted after. Substituted first, the variable of the derivative would be an
expression (no method), or the derivative of a constant.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\frac{d}{dz} \\log \\mathcal{N}(z; m, 1) = -\\epsilon",
    ...        (r"z = m + \\epsilon",)).kind
    'holds'
"""

from __future__ import annotations

from dataclasses import replace

from sympy import Derivative, Integral, Symbol, exp, pi, sqrt
from sympy.core.function import UndefinedFunction


def derivatives_first(main, definitions: dict):
    """``main`` with each derivative in a defined letter carried out before substitution
    (normal densities written out); a derivative of anything else stays as it was."""
    from ..diffusion import ConditionalDensity
    from ..gaussian import Density, Normal, reduce

    densities = {k: v for k, v in definitions.items() if isinstance(k, ConditionalDensity)}
    functions = {k: v for k, v in definitions.items() if isinstance(k, UndefinedFunction)}

    def written_out(node):
        law = node.dist
        if not isinstance(law, Normal):
            return node
        mean, variance = law.mean, law.variance
        return exp(-((node.point - mean) ** 2) / (2 * variance)) / sqrt(2 * pi * variance)

    def carried(node):
        variables = [v for v, _ in node.variable_count]
        if not all(isinstance(v, Symbol) for v in variables):
            return node
        if not any(v in definitions and v not in _symbols(definitions[v]) for v in variables):
            return node
        body = node.expr.xreplace(densities)
        for head, value in functions.items():  # f(z) = N(z; m, v): differentiated as defined
            body = body.replace(head, value)
        body = body.replace(lambda e: isinstance(e, Density), written_out)
        if body.has(Integral):  # ∫ g(μ) N(z; μ, σ²) dμ in closed form first, then differentiated
            body = reduce(body)
            body = body.replace(lambda e: isinstance(e, Density), written_out)
        if body.has(ConditionalDensity, Density) or not body.has(*variables):
            return node
        return Derivative(body, *node.variable_count).doit()

    sides = []
    for side in (main.lhs, main.rhs):
        if hasattr(side, "replace") and side.has(Derivative):
            side = side.replace(lambda e: isinstance(e, Derivative), carried)
        sides.append(side)
    return replace(main, lhs=sides[0], rhs=sides[1])


def _symbols(value) -> set:
    return getattr(value, "free_symbols", set())
