"""The entropy of a random variable, ``H[x]``, as the sources write it: the differential
entropy of the variable's declared law, h(N(μ, σ²)) (Bishop, PRML (2006), eq. 1.104 defines
H[x] = −∫ p(x) ln p(x) dx; a given that states this definition restates what H[x] means and
constrains nothing).

Example:
    >>> from derive.claims import decide
    >>> decide(r"H[x] = \\frac{1}{2}\\left\\{1 + \\ln(2\\pi\\sigma^2)\\right\\}",
    ...        (r"x \\sim \\mathcal{N}(\\mu, \\sigma^2)",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import Function, Integral, log, oo

from ..diffusion import ConditionalDensity
from ..errors import UsageError
from ..gaussian import Entropy, Moments


class EntropyOf(Function):
    """``H[x]`` of a random variable ``x`` as written, until :func:`resolve_entropies` puts
    the entropy of its declared law in its place."""

    nargs = 1
    is_real = True

    @classmethod
    def eval(cls, *args):
        return None


def is_entropy_definition(lhs, rhs) -> bool:
    """Whether the given ``lhs = rhs`` is the definition H[x] = −∫ p(x) ln p(x) dx of the
    entropy of x (p the density of x, integrated over the real line in x's own letter); an
    input error if it defines H[x] otherwise (derive reads H[x] with its standard meaning)."""
    if not isinstance(lhs, EntropyOf):
        return False
    (variable,) = lhs.args
    for density in rhs.atoms(ConditionalDensity) if hasattr(rhs, "atoms") else ():
        if tuple(density.args[0]) != (variable,) or tuple(density.args[1]) != ():
            continue
        if rhs == -Integral(density * log(density), (variable, -oo, oo)):
            return True
    raise UsageError(
        f"a given defines H[{variable}] otherwise than the differential entropy "
        f"-\\int p({variable}) \\ln p({variable}) \\, d{variable}; give it another name"
    )


def resolve_entropies(expr, variables: dict, note):
    """``expr`` with each H[x] replaced by the entropy of x's declared normal law (an input
    error when x has none); ``note(subject, what)`` records the reading."""
    if not hasattr(expr, "atoms"):
        return expr
    swap = {}
    for item in expr.atoms(EntropyOf):
        law = variables.get(item.args[0])
        if not isinstance(law, Moments):
            raise UsageError(
                f"H[{item.args[0]}] is the entropy of the law of {item.args[0]}; declare it, "
                f"--given '{item.args[0]} \\sim \\mathcal{{N}}(\\mu, \\sigma^2)'"
            )
        swap[item] = Entropy(law)
        note(f"H[{item.args[0]}]", "the differential entropy of its law, −E[ln p(x)]")
    return expr.xreplace(swap) if swap else expr
