"""The checker's one analytic primitive: integrals over the real line of Gaussian type.

Every term of the integrand must be ``c · x^k · exp(-A x² + B x + C)`` with ``c`` free of ``x``,
``k`` a natural number and ``A > 0`` (``B`` and ``C`` may be complex). Such a term integrates to

    c · exp(C + B²/(4A)) · sqrt(pi/A) · E[Y^k],   Y ~ N(B/(2A), 1/(2A)),

the completed square and the Gaussian integral ∫ exp(-A u²) du = sqrt(pi/A) (for complex B by
analytic continuation, i.e. shifting the contour). Moments E[Y^k] come from
:func:`raw_moment`. Anything else is not integrated (``None``): the checker then falls back to
numerical quadrature.

Example:
    >>> from sympy import I, Symbol, exp, pi, sqrt
    >>> x, t = Symbol("x", real=True), Symbol("t", real=True)
    >>> gaussian_integral(exp(-x**2), x)
    sqrt(pi)
    >>> gaussian_integral(exp(I*t*x - x**2/2) / sqrt(2*pi), x)
    exp(-t**2/2)
"""

from __future__ import annotations

from sympy import (
    Add,
    Basic,
    Expr,
    Mul,
    Poly,
    PolynomialError,
    Pow,
    Rational,
    binomial,
    exp,
    expand,
    factorial2,
    pi,
    powsimp,
    sqrt,
)


def raw_moment(mean: Expr, variance: Expr, k: int) -> Expr:
    """E[Y^k] for Y ~ N(mean, variance): the sum over even j of C(k, j) m^(k-j) v^(j/2) (j-1)!!.

    Example:
        >>> from sympy import symbols
        >>> mu, v = symbols("mu v")
        >>> raw_moment(mu, v, 3)
        mu**3 + 3*mu*v
    """
    return sum(
        (
            binomial(k, j) * mean ** (k - j) * variance ** (j // 2) * factorial2(j - 1)
            for j in range(0, k + 1, 2)
        ),
        Rational(0),
    )


def gaussian_integral(integrand: Basic, x) -> Expr | None:
    """∫_ℝ integrand dx in closed form, or ``None`` if a term is not of Gaussian type."""
    total = Rational(0)
    for term in Add.make_args(expand(integrand)):
        value = _term(term, x)
        if value is None:
            return None
        total += value
    return total


def _term(term: Expr, x) -> Expr | None:
    coefficient, rest = term.as_independent(x, as_Add=False)
    power, exponent = 0, Rational(0)
    for factor in Mul.make_args(powsimp(rest, combine="exp")):
        if factor == x:
            power += 1
        elif isinstance(factor, Pow) and factor.base == x and factor.exp.is_Integer:
            power += int(factor.exp)
        elif isinstance(factor, exp):
            exponent += factor.args[0]
        else:
            return None
    if power < 0:
        return None
    try:
        quadratic = Poly(expand(exponent), x)
    except PolynomialError:
        return None
    if quadratic.degree() > 2:
        return None
    a2, a1, a0 = (quadratic.coeff_monomial(x**k) for k in (2, 1, 0))
    A = -a2
    if not A.is_positive:
        return None
    moment = raw_moment(a1 / (2 * A), 1 / (2 * A), power)
    return coefficient * exp(a0 + a1**2 / (4 * A)) * sqrt(pi / A) * moment
