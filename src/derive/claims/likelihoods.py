"""A likelihood written as a density, ``p(y \\mid w) = N(y \\mid x w, σ²)``, under a declared
prior ``w \\sim N(0, s²)``: the conditional law ``y \\mid w \\sim N(x w, σ²)`` of a
linear-Gaussian model, so that E[w | y] and Var[w | y] follow (GPML §2.1, a Kalman update).

Read so only when the claim itself writes no conditional density: there the given stays the
definition of p(y | w) (∂/∂w log p(y | w) differentiates the density, not the model's y).

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbb{E}[w \\mid y] = \\frac{y}{2}",
    ...        (r"w \\sim \\mathcal{N}(0, 1)", r"p(y \\mid w) = \\mathcal{N}(y \\mid w, 1)")).kind
    'holds'
"""

from __future__ import annotations

from types import SimpleNamespace

from sympy import Symbol


def is_likelihood(g, random: set, main) -> bool:
    """Whether the given ``g`` is a normal density of one letter, conditioned on declared
    random variables, in a claim that writes no conditional density of its own."""
    from ..diffusion import ConditionalDensity
    from ..gaussian import Density, Normal

    lhs, rhs = g.lhs, g.rhs
    if not (isinstance(lhs, ConditionalDensity) and isinstance(rhs, Density)):
        return False
    (target,) = lhs.targets if len(lhs.targets) == 1 else (None,)
    if not isinstance(target, Symbol) or rhs.point != target or not isinstance(rhs.dist, Normal):
        return False
    if target.name in random or not {getattr(c, "name", None) for c in lhs.conditions} & random:
        return False
    written = [
        a
        for side in (main.lhs, main.rhs)
        for a in getattr(side, "atoms", lambda *_: ())(ConditionalDensity)
    ]
    return not written


def read_likelihood(g, text, variables, definitions, said, reader) -> None:
    """Read ``p(y | w) = N(y | m, v)`` as the conditional law ``y | w ~ N(m, v)``."""
    from .claim_rewrites import conditional_law

    law = SimpleNamespace(lhs=g.lhs.targets, rhs=g.rhs.dist)
    conditional_law(law, text, variables, definitions, said, reader)
