"""Gaussian mixtures given by their density, p(x) = Σ_k π_k N(x; m_k, v_k) (Matrix Cookbook
§8.4, Bishop, PRML (2006), §2.3.9): an expectation under x is the weighted sum of the
components' expectations, E[f(x)] = Σ_k π_k E_{N(m_k, v_k)}[f] (linearity of the integral),
each component's computed by the normal rules. The weights' sum is not used (no claim here
needs Σ π_k = 1 for that step), so nothing rests on it.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbb{E}[x] = \\sum_{k=1}^{K}\\pi_k m_k",
    ...        (r"p(x) = \\sum_{k=1}^{K}\\pi_k\\mathcal{N}(x; m_k, v_k)",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import Indexed, IndexedBase, Lambda, Mul, Sum, Symbol

from ..gaussian import Density, Expectation, Normal


def mixture_of(value, variable):
    """(weight, law, limits) when ``value`` is Σ_k w_k N(variable; m_k, v_k), else None."""
    if not isinstance(value, Sum) or len(value.limits) != 1:
        return None
    densities = [f for f in Mul.make_args(value.function) if isinstance(f, Density)]
    if len(densities) != 1 or densities[0].point != variable:
        return None
    if not isinstance(densities[0].dist, Normal):
        return None
    weight = value.function / densities[0]
    (index, *_), law = value.limits[0], densities[0].dist
    if weight.has(variable) or law.has(variable) or not weight.has(index):
        return None
    return weight, law, value.limits[0]


def mixture_givens(definitions: dict) -> dict:
    """The letters with a mixture density among the definitions (p(x) = Σ_k π_k N(x; …)),
    each with its (weight, law, limits)."""
    return {v: m[:3] for v, m in _mixtures(definitions).items()}


def mixture_densities(definitions: dict) -> set:
    """The density functions (p) that the definitions give as mixtures."""
    return {m[3] for m in _mixtures(definitions).values()}


def _mixtures(definitions: dict) -> dict:
    found = {}
    for key, value in definitions.items():
        if isinstance(value, Lambda) and len(value.variables) == 1:
            (variable,) = value.variables
            mixture = mixture_of(value.expr, variable)
            if mixture is not None and isinstance(variable, Symbol):
                found[variable] = (*mixture, key)
    return found


def _positive_variances(law) -> dict:
    """The components' variances v_k (members of a sequence v) made positive: a variance is
    (the reading is implied by the law, and sampling stays inside it)."""
    variance = law.args[1]
    base = variance.base if getattr(variance, "is_Pow", False) else variance
    if not isinstance(base, Indexed) or base.base.label.is_positive:
        return {}
    label = base.base.label
    return {base.base: IndexedBase(Symbol(label.name, positive=True))}


def resolve_mixtures(expr, mixtures: dict, note):
    """``expr`` with each E[f(x)] of a mixture-distributed x written Σ_k π_k E_{N(m_k,
    v_k)}[f(x)]; ``note(subject, what)`` records the reading."""
    if not mixtures or not hasattr(expr, "atoms"):
        return expr
    swap = {}
    for item in expr.atoms(Expectation):
        if not item.declared:
            continue  # E_{x ~ law}[…] binds its variable already
        body = item.body
        inside = [x for x in mixtures if body.has(x)]
        if len(inside) != 1:
            continue
        (variable,) = inside
        weight, law, limits = mixtures[variable]
        swap[item] = Sum(weight * Expectation(body, variable, law), limits)
        note(
            f"E[{body}]",
            f"Σ over the mixture's components of their weight × E under N({law.args[0]}, "
            f"{law.args[1]}) (linearity of the integral)",
        )
    bases = {}  # the same positive v_k on every side, inside the expectations or not
    for _, law, _ in mixtures.values():
        bases.update(_positive_variances(law))
    return expr.xreplace(swap).xreplace(bases)
