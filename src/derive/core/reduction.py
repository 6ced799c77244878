"""The kernel's reduction of an expression: rebuilt evaluated, each node first offered to the
domains' reducers.

A script may hold arithmetic unevaluated (``Mul(2, 3, evaluate=False)``) and derivatives not
carried out; the checker compares what the expressions *are*, so both sides are rebuilt with
evaluation, derivatives (and ``f'(a)``) done once their argument is reduced. A node a domain
knows (a density, an expectation under a law, a KL divergence) is replaced by what its reducer
(:data:`~derive.core.plugins.PLUGINS`) gives; the kernel knows none of them.

Example:
    >>> from sympy import Derivative, Mul, symbols
    >>> x = symbols("x")
    >>> reduce(Derivative(x**3, x) + Mul(2, 3, evaluate=False))
    3*x**2 + 6
"""

from __future__ import annotations

from sympy import Basic, Derivative, Subs

from .plugins import PLUGINS


def reduce(expr: Basic, laws: dict | None = None) -> Basic:
    """``expr`` rebuilt evaluated, each node a domain knows replaced by its reducer's result.

    ``laws`` maps declared random variables (independent) to their laws, for the reducers.
    """
    laws = laws or {}
    if not expr.args:
        return expr
    for reducer in PLUGINS.reducers:
        done = reducer(expr, laws, reduce)
        if done is not None:
            return done
    args = [reduce(arg, laws) for arg in expr.args]
    if isinstance(expr, (Derivative, Subs)):
        return expr.func(*args).doit(deep=False)
    return expr.func(*args)


def numeric_value(expr: Basic, point: dict, digits: int = 50, laws: dict | None = None):
    """The value of ``expr`` at ``point`` (symbol -> number), to ``digits`` significant digits:
    reduced, then what is left of a domain's objects (an integral with no closed form) given
    its number by the domain's quadrature, then evaluated.

    Example:
        >>> from sympy import Rational, sqrt, Symbol
        >>> s = Symbol("s", positive=True)
        >>> numeric_value(sqrt(s), {s: Rational(2)}, 10)
        1.414213562
    """
    laws = {k: law.xreplace(point) for k, law in (laws or {}).items()}
    value = reduce(expr.xreplace(point), laws)
    for kinds, quadrature in PLUGINS.quadratures:
        value = value.replace(
            lambda node, kinds=kinds: isinstance(node, kinds),
            lambda node, quadrature=quadrature: quadrature(node, digits),
        )
    return value.evalf(digits)
