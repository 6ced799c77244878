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


def meet(old, new):
    """The intersection of two ``(low, high)`` bounds (None: unbounded; ``old`` may be None).

    Example:
        >>> meet((0, None), (None, 1)), meet(None, (2, 5)), meet((0, 4), (1, 9))
        ((0, 1), (2, 5), (1, 4))
    """
    if old is None:
        return new
    low = [b for b in (old[0], new[0]) if b is not None]
    high = [b for b in (old[1], new[1]) if b is not None]
    return (max(low) if low else None, min(high) if high else None)


def tightened(old, given, sign: str):
    """A name's range ``old`` (``((low, high), (low's sign, high's sign))`` or None) met with the
    bounds ``given`` by one relation written with ``sign`` (``"<"`` or ``"≤"``): each bound
    keeps the sign of the relation that set it.

    Example:
        >>> tightened(tightened(None, (0, None), "<"), (None, 3), "≤")
        ((0, 3), ('<', '≤'))
        >>> shown_range("a", *_)
        '0 < a ≤ 3'
    """
    bounds, signs = old or ((None, None), ("<", "<"))
    met = meet(bounds, given)
    signs = tuple(
        sign if g is not None and g == m else s for g, m, s in zip(given, met, signs, strict=True)
    )
    return met, signs


def shown_range(subject: str, bounds, signs) -> str:
    """``low < subject < high`` as declared (an absent bound is left out)."""
    (low, high), (left, right) = bounds, signs
    shown = subject if low is None else f"{low} {left} {subject}"
    return shown if high is None else f"{shown} {right} {high}"


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
