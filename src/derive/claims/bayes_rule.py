"""Posteriors from the densities a source gives: a prior p(θ), a likelihood p(D | θ) (one
normal density, or a product ∏ₙ N(xₙ | θ, σ²) over i.i.d. observations), and Bayes' rule
p(θ | D) ∝ p(θ) p(D | θ), in one dimension.

- A given ``p(θ | D) = N(θ | m, v)`` whose parameters are new letters defines them: the log of
  prior × likelihood is a quadratic in θ (checked), and completing the square gives the
  posterior's precision −∂²/∂θ² and mean (∂/∂θ at θ = 0) / precision (Bishop, PRML (2006),
  §2.3.6 derives eqs. 2.141–2.142 this way).
- A claim that differentiates log p(θ | D) in θ, p(θ | D) without a given of its own, reads
  it as ∂/∂θ (log p(θ) + log p(D | θ)): the evidence p(D) is constant in θ (the score of a
  posterior, as in classifier guidance, Dhariwal & Nichol 2021, §4.1).

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\nabla_x \\log p(x \\mid y) = -x + (y - x)",
    ...        (r"p(x) = \\mathcal{N}(x; 0, 1)", r"p(y \\mid x) = \\mathcal{N}(y; x, 1)")).kind
    'holds'
"""

from __future__ import annotations

from sympy import Derivative, Function, Lambda, Product, Sum, Symbol, diff, log, pi, simplify

from ..diffusion import ConditionalDensity
from ..gaussian import Density, Normal


def log_density(formula):
    """log of a normal density N(x; m, v), or of a product ∏ₙ of them (a sum of logs); None
    for anything else."""
    if isinstance(formula, Density) and isinstance(formula.dist, Normal):
        mean, variance = formula.dist.args[0], formula.dist.args[1]
        return -((formula.point - mean) ** 2) / (2 * variance) - log(2 * pi * variance) / 2
    if isinstance(formula, Product):
        inner = log_density(formula.function)
        return None if inner is None else Sum(inner, *formula.limits)
    return None


def prior_of(definitions: dict, target, label: str):
    """The given density p(θ) of ``target``: a definition p(θ) = … (read as the function p)
    or the density p(θ) itself; None if there is none."""
    for key, value in definitions.items():
        if _is(key, (target,), ()) and key.label == label:
            return value
        if isinstance(key, type) and getattr(key, "__name__", None) == label:
            if isinstance(value, Lambda) and len(value.variables) == 1:
                return value(target)
    return None


def likelihood_of(definitions: dict, conditions, target, label: str):
    """The given density p(D | θ), or None."""
    return definitions.get(ConditionalDensity(conditions, (target,), label))


def _parts(definitions: dict, target, conditions, label):
    """The log prior + log likelihood of ``target`` given ``conditions``, from the density
    givens (prior p(θ), likelihood p(D | θ)), or None."""
    prior = prior_of(definitions, target, label)
    likelihood = likelihood_of(definitions, conditions, target, label)
    logs = [log_density(d) for d in (prior, likelihood) if d is not None]
    if len(logs) != 2 or None in logs:
        return None
    return logs[0] + logs[1]


def _is(key, targets, conditions) -> bool:
    return (
        isinstance(key, ConditionalDensity)
        and key.targets == tuple(targets)
        and key.conditions == tuple(conditions)
    )


def _square_completed(logjoint, target):
    """(mean, variance) of the normal law ∝ exp(logjoint) in ``target``, or None when the
    log is not a quadratic in it with a negative leading coefficient."""
    second = simplify(diff(logjoint, target, 2).doit())
    if second.has(target) or simplify(diff(second, target)) != 0 or second.is_nonnegative:
        return None
    precision = -second
    slope = simplify(diff(logjoint, target).doit().subs(target, 0))
    return simplify(slope / precision), simplify(1 / precision)


def posterior_definitions(definitions: dict, reader) -> set:
    """Each given p(θ | D) = N(θ | m, v) with new letters m, v (σ_N² for v: σ_N is defined,
    positive) defines them by completing the square in prior × likelihood; the densities so
    used (posterior, prior, likelihood) are returned."""
    from ..render.printers import text as shown

    used = set()
    for key, value in list(definitions.items()):
        if not (isinstance(key, ConditionalDensity) and len(key.targets) == 1 and key.conditions):
            continue
        if not (isinstance(value, Density) and isinstance(value.dist, Normal)):
            continue
        (target,) = key.targets
        if value.point != target or not isinstance(target, Symbol):
            continue
        logjoint = _parts(definitions, target, key.conditions, key.label)
        found = None if logjoint is None else _square_completed(logjoint, target)
        if found is None:
            continue
        mean, variance = value.dist.args[0], value.dist.args[1]
        defined = _define(mean, found[0], definitions) and _define(variance, found[1], definitions)
        if defined:
            used |= {key, ConditionalDensity(key.conditions, (target,), key.label)}
            used |= {ConditionalDensity((target,), (), key.label), Function(key.label)}
            reader.note(
                f"{shown(mean)}, {shown(variance)}",
                "the posterior's mean and variance by Bayes' rule, prior × likelihood, "
                "completing the square",
                f"declared: {shown(key)} = {shown(value)}",
            )
    return used


def _define(letter, value, definitions) -> bool:
    """Define ``letter`` (m, or v = σ_N² by σ_N = √value) as ``value`` unless it is taken."""
    if isinstance(letter, Symbol) and letter not in definitions:
        definitions[letter] = value
        return True
    base = getattr(letter, "base", None)
    if isinstance(base, Symbol) and base.is_positive and base not in definitions:
        definitions[base] = value ** (1 / letter.exp)
        return True
    return letter == value


def evidence_form(expr, definitions: dict, reader) -> tuple:
    """``expr`` with each ∂/∂θ log p(θ | D), p(θ | D) not given but its prior and likelihood
    given, read by Bayes' rule as ∂/∂θ (log p(θ) + log p(D | θ)): the evidence p(D) does not
    depend on θ. Returned with the densities so used. Elsewhere p(θ | D) stays as written
    (its normaliser ∫ p(θ) p(D | θ) dθ is no arbitrary function an instance could stand
    for), and the claim is then undecided."""
    from ..render.printers import text as shown

    if not hasattr(expr, "atoms"):
        return expr, set()
    swap, used = {}, set()
    for derivative in expr.atoms(Derivative):
        density = derivative.expr.args[0] if isinstance(derivative.expr, log) else None
        if not isinstance(density, ConditionalDensity) or density in definitions:
            continue
        if len(density.targets) != 1 or not density.conditions:
            continue
        (target,) = density.targets
        prior = prior_of(definitions, target, density.label)
        likelihood = likelihood_of(definitions, density.conditions, target, density.label)
        if prior is None or likelihood is None or set(derivative.variables) != {target}:
            continue
        used |= {ConditionalDensity(density.conditions, (target,), density.label)}
        used |= {ConditionalDensity((target,), (), density.label), Function(density.label)}
        swap[derivative] = Derivative(log(prior) + log(likelihood), *derivative.variable_count)
        given = ", ".join(shown(c) for c in density.conditions)
        reader.note(
            f"∂ log {shown(density)}",
            f"Bayes' rule: ∂ (log p({shown(target)}) + log p({given} | {shown(target)})), the "
            f"evidence p({given}) constant in {shown(target)}",
            "implied: its prior and likelihood are given",
        )
    return (expr.xreplace(swap), used) if swap else (expr, used)
