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

from sympy import exp, pi, sqrt
from sympy.core.function import AppliedUndef

DENSITY_LETTERS = ("p", "q")


def with_declared_densities(main, variables: dict, definitions: dict, reader):
    """``main`` with every p(y) of a declared normal y replaced by N(y; m, v) written out."""
    from ..gaussian import Normal

    swap = {}
    for side in (main.lhs, main.rhs):
        for applied in getattr(side, "atoms", lambda *_: ())(AppliedUndef):
            head = applied.func
            letter = str(head).split("_")[0]
            if letter not in DENSITY_LETTERS or head in definitions or len(applied.args) != 1:
                continue
            law = variables.get(applied.args[0])
            if not isinstance(law, Normal):
                continue
            point, mean, variance = applied.args[0], law.mean, law.variance
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
        head, point = str(applied.func), applied.args[0]
        if head not in left:  # no application of the letter is left: it is no unknown function
            reader.readings = {
                a for a in reader.readings if (a.subject, a.what) != (head, "an unknown function")
            }
        reader.note(f"{head}({point})", f"the density of {point}", "implied: its law is declared")
    return main
