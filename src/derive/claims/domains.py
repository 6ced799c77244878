"""The domain a claim implies: arguments of square roots (≥ 0) and logarithms (> 0), written
as an affine function of one letter, bound that letter. A counterexample is valid only inside
the domain the verdict states, so these bounds become the sampling ranges and the letters'
assumptions.

Example:
    >>> from sympy import Symbol, sqrt
    >>> a = Symbol("a", real=True)
    >>> implied_bounds([sqrt(a) + sqrt(1 - a)])[a]
    (0, 1)
"""

from __future__ import annotations

from sympy import Basic, Pow, Rational, Symbol, log, preorder_traversal


def implied_bounds(exprs) -> dict:
    """``{symbol: (low, high)}`` (either may be None) from the square roots and logarithms
    of ``exprs``."""
    bounds: dict = {}
    for expr in exprs:
        if not isinstance(expr, Basic):
            continue
        for node in preorder_traversal(expr):
            argument = _argument(node)
            if argument is not None:
                _bound(argument, bounds)
    return bounds


def _argument(node):
    if isinstance(node, Pow) and isinstance(node.exp, Rational) and node.exp.q % 2 == 0:
        return node.base
    if isinstance(node, log):
        return node.args[0]
    return None


def _bound(argument, bounds: dict) -> None:
    """``argument ≥ 0`` for an affine ``a·s + b`` in one real symbol ``s``."""
    symbols = [s for s in argument.free_symbols if isinstance(s, Symbol)]
    if len(symbols) != 1 or len(argument.free_symbols) != 1:
        return
    (s,) = symbols
    if s.is_positive and argument == s:
        return
    poly = argument.as_poly(s)
    if poly is None or poly.degree() != 1:
        return
    a, b = poly.all_coeffs()
    if not (a.is_number and b.is_number and a.is_real and b.is_real):
        return
    edge = -b / a
    low, high = bounds.get(s, (None, None))
    if a > 0:
        low = edge if low is None else max(low, edge)
    else:
        high = edge if high is None else min(high, edge)
    bounds[s] = (low, high)
