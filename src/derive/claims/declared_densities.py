"""p(y) for a random variable y whose law a given declares: the density of that law at y.

The field writes ``\\log p(y)`` after ``y \\sim N(0, k + σ²)`` and means y's density. Read
as an arbitrary function p, such a claim is refuted by instantiating p (a true formula
"fails"); so an application of a density letter (p, q, with or without a subscript) to a
declared scalar random variable, with no given defining it, is that variable's normal density.
Any other application of the letter stays as it was.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\log p(y) = -\\frac{y^2}{2} - \\frac{1}{2}\\log 2\\pi",
    ...        (r"y \\sim \\mathcal{N}(0, 1)",)).kind
    'holds'
"""

from __future__ import annotations

from dataclasses import replace

from sympy import Function, exp, pi, sqrt
from sympy.core.function import AppliedUndef

from .scan import DENSITY_LETTERS


def with_declared_densities(main, variables: dict, definitions: dict, reader):
    """``main`` with every p(y) of a declared normal y replaced by N(y; m, v) written out."""

    swap, of = {}, {}
    for side in (main.lhs, main.rhs):
        applications = [
            (a, a.func, a.args) for a in getattr(side, "atoms", lambda *_: ())(AppliedUndef)
        ]
        for applied, head, arguments in applications + _in_integrals(side):
            letter = str(head).split("_")[0]
            if letter not in DENSITY_LETTERS or head in definitions or len(arguments) != 1:
                continue
            point = arguments[0]
            named = _named_variable(head, point, variables, definitions)
            if named is not None:  # p_Y(y): the density of Y at the value y
                value = _density(named, point, variables, definitions)
                if value is None:
                    return _no_density(applied, named, point)
                swap[applied], of[applied] = value, named
                continue
            moments = _normal_moments(point, variables, definitions)
            if moments is None:
                if _random(point, variables, definitions):
                    return _no_density(applied)
                continue
            mean, variance = moments
            swap[applied] = exp(-((point - mean) ** 2) / (2 * variance)) / sqrt(2 * pi * variance)
    if not swap:
        return main
    main = replace(
        main,
        lhs=main.lhs.xreplace(swap),
        rhs=main.rhs.xreplace(swap) if hasattr(main.rhs, "xreplace") else main.rhs,
    )
    left = {
        str(a.func)
        for side in (main.lhs, main.rhs)
        for a in getattr(side, "atoms", lambda *_: ())(AppliedUndef)
    }
    for applied in swap:
        head, point = _head_and_point(applied)
        if head not in left:  # no application of the letter is left: it is no unknown function
            reader.readings = {
                a for a in reader.readings if (a.subject, a.what) != (head, "an unknown function")
            }
        if applied in of:  # p_Y(y): the subscript is the variable, the argument its value
            reader.note(head, f"the density of {of[applied]}", "implied: its law is declared")
        else:
            reader.note(
                f"{head}({point})", f"the density of {point}", "implied: its law is declared"
            )
    return main


def _named_variable(head, point, variables: dict, definitions: dict):
    """Y, where the density letter's subscript names a random variable Y other than the
    point it is applied to (``p_Y(y)``, ``p_{Y}(y)``); None otherwise."""
    subscript = str(head).partition("_")[2].strip("{}")
    for letter in (*variables, *definitions):
        if getattr(letter, "name", None) == subscript and letter != point:
            return letter if _random(letter, variables, definitions) else None
    return None


def _density(variable, point, variables: dict, definitions: dict):
    """The density of ``variable`` at ``point``: normal where it is, else by the change of
    variables (change_of_variables.py); None where neither writes it."""
    from .change_of_variables import density_of

    moments = _normal_moments(variable, variables, definitions)
    if moments is None:
        return density_of(variable, point, variables, definitions)
    mean, variance = moments
    return exp(-((point - mean) ** 2) / (2 * variance)) / sqrt(2 * pi * variance)


def _in_integrals(side) -> list:
    """The densities p(y) written under an integral sign (∫ p(y) N(x; y, σ²) dy), which the
    builder reads as densities of their letter: each with its letter and its points."""
    from sympy import Integral

    from ..diffusion import ConditionalDensity

    found = []
    for integral in getattr(side, "atoms", lambda *_: ())(Integral):
        for density in integral.atoms(ConditionalDensity):
            if not density.conditions:
                found.append((density, Function(density.label), density.targets))
    return found


def _head_and_point(applied) -> tuple:
    """The letter and the point of p(y), written as an application or as a density."""
    if isinstance(applied, AppliedUndef):
        return str(applied.func), applied.args[0]
    return applied.label, applied.targets[0]


def _normal_moments(point, variables: dict, definitions: dict):
    """(mean, variance) of ``point`` where it is normal: declared so, or defined as an affine
    function of independent declared normal variables (t = φw + ε/√β with w, ε normal: PRML
    §3.3's marginal of t); None otherwise."""
    from ..gaussian import Normal
    from .conditioning import _cov, _is_affine, _mean, _written_out

    law = variables.get(point)
    if isinstance(law, Normal):
        return law.mean, law.variance
    if law is not None or point not in definitions:
        return None
    value = _written_out(point, definitions)
    if value is None:
        return None
    randoms = {v for v in variables if v in getattr(value, "free_symbols", ())}
    laws = {v: variables[v] for v in randoms}
    if not randoms or not all(isinstance(law, Normal) for law in laws.values()):
        return None
    if not _is_affine(value, laws):
        return None
    variance = _cov(value, value, laws)
    if variance == 0:
        return None
    return _mean(value, laws), variance


def _random(point, variables: dict, definitions: dict) -> bool:
    """Whether ``point`` is a declared random variable, or defined by one."""
    from .conditioning import _written_out

    if point in variables:
        return True
    value = _written_out(point, definitions) if point in definitions else None
    return value is not None and any(v in getattr(value, "free_symbols", ()) for v in variables)


def _no_density(applied, variable=None, point=None):
    """Undecided: p(y) of a random y whose density derive cannot write (it is no arbitrary
    function, so instantiating p would refute a true claim)."""
    from .decide import Decision

    variable = _head_and_point(applied)[1] if variable is None else variable
    hint = (
        ""
        if point is None
        else f"; the real solutions of {variable} = {point} are not a finite set derive found "
        f"(a range such as --given '{point} > 0' may settle them)"
    )
    decision = Decision("", "undecided")
    decision.reason = (
        f"{applied} is the density of the random variable {variable}, which derive cannot "
        f"write in closed form here (it is not an arbitrary function p){hint}"
    )
    return decision.settle("undecided")
