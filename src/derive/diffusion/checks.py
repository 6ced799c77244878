"""The diffusion domain's plug-ins for the checker (see :mod:`derive.core.plugins`).

* guard: in a derivation about a process, a density of something that is not a variable of
  the process is not well-formed;
* relation check: equations between expectations under the process (and KL divergences) are
  decided by their canonical forms;
* alternative proof: both sides products of conditional densities that are the same ratio of
  joint densities, by q(A | C) = q(A, C) / q(C), true for every joint law;
* refuter: a Gaussian instance of the process, which can refute a step but never verifies it.

Registered when :mod:`derive.diffusion` is imported.

Example:
    >>> from derive.core.plugins import PLUGINS
    >>> import derive.diffusion
    >>> guard in PLUGINS.guards and refute in PLUGINS.refuters
    True
"""

from __future__ import annotations

from ..core.checker import substitute
from ..core.plugins import register
from ..core.sampling import seed_of
from ..core.verdict import Verdict
from .expectations import DivergenceKL, ExpectationUnder, check_canonical
from .instance import is_variable, refute_in_instance
from .process import ConditionalDensity, chain_of, declare, joint_form


def guard(lhs, symbol, rhs, context, var):
    """Ill-formed if a density names something that is not a variable of the process."""
    process = chain_of(context)
    if process is None:
        return None
    densities = set().union(*(side.atoms(ConditionalDensity) for side in (lhs, rhs)))
    for density in sorted(densities, key=str):
        for variable in (*density.targets, *density.conditions):
            if not is_variable(variable, process.notation):
                return Verdict.ill_formed(f"{variable} is not a variable of the process")
    return None


def canonical_forms(lhs, symbol, rhs, context, var):
    """Equations between expectations under the process, by their canonical forms."""
    if symbol == "=" and any(side.has(ExpectationUnder, DivergenceKL) for side in (lhs, rhs)):
        return check_canonical(lhs, rhs, chain_of(context))
    return None


def chain_rule(lhs, symbol, rhs, context, var):
    """A proof for every joint law: both sides the same ratio of joint densities (or, for
    ``∝``, a ratio of joint densities free of ``var``)."""
    if chain_of(context) is None or symbol not in ("=", "∝"):
        return None
    forms = joint_form(lhs), joint_form(rhs)
    if None in forms:
        return None
    (number, left), (other, right) = forms
    rest = {k: left.get(k, 0) - right.get(k, 0) for k in left.keys() | right.keys()}
    rest = {k: power for k, power in rest.items() if power != 0}
    rule = "symbolic: conditional densities by their definition, q(A | C) = q(A, C) / q(C): "
    if symbol == "=" and number == other and not rest:
        return Verdict.proof(rule + "both sides are the same ratio of joint densities")
    if symbol == "∝" and all(var not in variables for _, variables in rest):
        return Verdict.proof(
            rule + f"the ratio of the sides is a ratio of joint densities free of {var}"
        )
    return None


def refute(lhs, symbol, rhs, context, var):
    """A refutation in a Gaussian instance of the process, or None."""
    process = chain_of(context)
    if process is None:
        return None
    # The instance gives every conditional density its own value: only the others substituted.
    plain = {k: v for k, v in context.definitions.items() if not isinstance(k, ConditionalDensity)}
    left, right = (substitute(side, plain) for side in (lhs, rhs))
    return refute_in_instance(left, symbol, right, var, process.notation, seed_of(lhs, rhs))


def density(targets, conditions, label, context):
    """The conditional density ``label(targets | conditions)`` of the context's process, or
    None if the context names no process."""
    if chain_of(context) is None:
        return None
    return ConditionalDensity(tuple(targets), tuple(conditions), label)


for _kind, _plugin in (
    ("declarers", declare),
    ("densities", density),
    ("guards", guard),
    ("relations", canonical_forms),
    ("alternatives", chain_rule),
    ("refuters", refute),
):
    register(_kind, _plugin)
