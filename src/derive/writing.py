"""Expressions held as written, so a step prints the way the textbook line reads.

SymPy evaluates as it builds: ``(x - a) + (a - b)`` collapses to ``x - b`` and ``2*(x - a)``
distributes. A derivation that adds and subtracts ``a``, or pulls out a factor, needs the
unevaluated form on the page. These helpers build it; the checker re-evaluates everything
before deciding, so holding never changes what is proved.

Example:
    >>> from sympy import symbols
    >>> x, a, b = symbols("x a b")
    >>> plus(x - a, a - b).args
    (-a + x, a - b)
    >>> times(2, x - a)
    2*(-a + x)
    >>> from sympy import pi
    >>> over(1, root(2 * pi))
    1/sqrt(2*pi)
"""

from sympy import Add, Basic, Mul, Pow, S, sympify


def plus(*terms) -> Basic:
    """The sum of ``terms`` as written; a term that is itself a sum prints in parentheses."""
    return Add(*(sympify(t) for t in terms), evaluate=False)


def minus(term) -> Basic:
    """``-(term)`` as written, without distributing the sign into a sum."""
    return Mul(S.NegativeOne, sympify(term), evaluate=False)


def times(*factors) -> Basic:
    """The product of ``factors`` as written, without distributing a number into a sum."""
    return Mul(*(sympify(f) for f in factors), evaluate=False)


def root(radicand) -> Basic:
    """The square root of ``radicand`` as written (``√(2πσ²)``, not ``√2·√π·σ``)."""
    return Pow(sympify(radicand), S.Half, evaluate=False)


def over(numerator, denominator) -> Basic:
    """``numerator / denominator`` as written, as a fraction."""
    return Mul(
        sympify(numerator), Pow(sympify(denominator), S.NegativeOne, evaluate=False), evaluate=False
    )
