r"""The density of a random variable defined as a function of one declared normal variable
(``Y = X^2``, ``Y = e^X``, ``Y = aX + b``), by the change of variables
p_Y(y) = Σ_x p_X(x) / |g'(x)| over the real solutions x of g(x) = y (e.g. Murphy, PML1 §2.8).

The solutions must be a finite set SymPy finds over the reals (``solveset``), each with
g'(x) ≠ 0; otherwise no density is written (None), never a guess: a density written from
missing roots would refute a true claim or confirm a false one.

Example:
    >>> from sympy import Symbol
    >>> from derive.gaussian import Normal
    >>> X, Y, y = Symbol("X", real=True), Symbol("Y", real=True), Symbol("y", positive=True)
    >>> density_of(Y, y, {X: Normal(0, 1)}, {Y: X**2})
    sqrt(2)*exp(-y/2)/(2*sqrt(pi)*sqrt(y))
    >>> density_of(Y, Symbol("w", real=True), {X: Normal(0, 1)}, {Y: X**2}) is None
    True
"""

from __future__ import annotations

from sympy import Abs, FiniteSet, S, diff, exp, pi, simplify, solveset, sqrt


def density_of(variable, point, variables: dict, definitions: dict):
    """The density of ``variable`` at ``point``, where a definition writes it as a function
    of exactly one declared scalar normal variable and nothing else random; None otherwise."""
    from ..gaussian import Normal
    from .conditioning import _written_out

    if variable not in definitions:
        return None
    value = _written_out(variable, definitions)
    randoms = [v for v in variables if v in getattr(value, "free_symbols", ())]
    if len(randoms) != 1 or not isinstance(variables[randoms[0]], Normal):
        return None
    x, law = randoms[0], variables[randoms[0]]
    roots = solveset(value - point, x, S.Reals)
    if not isinstance(roots, FiniteSet) or not roots:
        return None
    slope = diff(value, x)
    terms = []
    for root in roots:
        steep = slope.subs(x, root)
        if steep.is_zero is not False:
            return None
        pdf = exp(-((root - law.mean) ** 2) / (2 * law.variance)) / sqrt(2 * pi * law.variance)
        terms.append(pdf / Abs(steep))
    return simplify(sum(terms))
