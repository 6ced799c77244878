"""The statements a chain of steps concludes, for the relations the kernel composes.

A chain related by ``~`` concludes ``Z ~ law``, one related by ``∝`` concludes ``lhs ∝ rhs``
in a variable, and a matrix declared a covariance is assumed ``Σ ≻ 0``. What a law *is* belongs
to a domain (:mod:`derive.gaussian`); the statement only holds it.

Example:
    >>> from sympy import Symbol
    >>> Distributed(Symbol("Z"), Symbol("P")).law
    P
"""

from __future__ import annotations

from sympy import Basic, sympify


class Distributed(Basic):
    """The statement ``Z ~ law``.

    Example:
        >>> from sympy import Symbol
        >>> Distributed(Symbol("Z"), Symbol("P")).expr
        Z
    """

    def __new__(cls, expr, law: Basic):
        return super().__new__(cls, sympify(expr), law)

    expr = property(lambda self: self.args[0])
    law = property(lambda self: self.args[1])


class Proportional(Basic):
    """The statement ``lhs ∝ rhs`` as functions of ``var``.

    Example:
        >>> from sympy import exp, symbols
        >>> x, a = symbols("x a")
        >>> Proportional(a * exp(-x**2), exp(-x**2), x).var
        x
    """

    def __new__(cls, lhs, rhs, var):
        return super().__new__(cls, sympify(lhs), sympify(rhs), var)

    lhs = property(lambda self: self.args[0])
    rhs = property(lambda self: self.args[1])
    var = property(lambda self: self.args[2])


class PositiveDefinite(Basic):
    """The assumption that a matrix is symmetric positive definite (printed Σ ≻ 0).

    Example:
        >>> from sympy import MatrixSymbol
        >>> PositiveDefinite(MatrixSymbol("S", 2, 2)).matrix.shape
        (2, 2)
    """

    matrix = property(lambda self: self.args[0])
