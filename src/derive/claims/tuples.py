r"""A vector given by its components, ``\mathbf{x} = (x_1, x_2)`` (or ``[x_1, x_2]^T``): the
claim's x is that explicit vector, so ‖x‖², xᵀy and a law N(x; μ, Σ) of that size are read
through its components. For a random x (``x \sim N(μ, Σ)`` beside it) the components are the
entries of x instead, which derive does not read yet (an input error saying so). The shape is
declared by :func:`derive.claims.givens.read_givens`.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\|\mathbf{x}\|^2 = x_1^2 + x_2^2", (r"\mathbf{x} = (x_1, x_2)",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import ImmutableMatrix, MatrixExpr, MatrixSymbol

from ..errors import UsageError
from .parse import quoted


def components(g, text: str, random, definitions: dict, said: dict) -> list:
    """Read the given ``g`` (kind "tuple") into ``definitions``: x = (its components). Returns
    the givens no check can use (as constraints): a tuple whose letter is not read as a vector
    of its size. The components of a random x are an input error (not read yet)."""
    from .claim_rewrites import once

    lhs, items = g.lhs, g.rhs
    if "…" in items or any(isinstance(item, MatrixExpr) for item in items):
        return []  # (z_1, …, z_d) declares a shape; (x_a, x_b) a partition: nothing to define
    name = getattr(lhs, "name", None)
    if name in random:
        raise UsageError(
            f"--given {quoted(text)}: the components of a random vector are not read yet; "
            f"write the claim with {name} itself (x_1 + x_2 is a^T x with a = (1, 1))"
        )
    if not isinstance(lhs, MatrixSymbol) or lhs.shape != (len(items), 1):
        return [text]
    value = ImmutableMatrix([[item] for item in items])
    once(said, lhs, value, text)
    definitions[lhs] = value
    return []


def written_out(main, definitions: dict, names: set):
    """``main`` with each vector of ``names`` (given by its components) replaced by its
    components, and each number xᵀy that becomes a product of explicit vectors multiplied
    out: ‖x‖² of x = (x_1, x_2) is x_1² + x_2²."""
    from dataclasses import replace

    from ..gaussian import Scalar

    values = {k: v for k, v in definitions.items() if getattr(k, "name", None) in names}
    values = {k: v for k, v in values.items() if isinstance(v, ImmutableMatrix)}
    if not values:
        return main

    def out(side):
        if not hasattr(side, "xreplace"):
            return side
        side = side.xreplace(values)
        return side.replace(
            lambda e: isinstance(e, Scalar) and not e.matrix.atoms(MatrixSymbol),
            lambda e: e.doit(),
        )

    return replace(main, lhs=out(main.lhs), rhs=out(main.rhs))
