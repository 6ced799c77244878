"""Closed forms for the probability objects, reached by the checker's own route.

A derivation script writes ``E_P[(x - mu_2)^2]`` and claims what it equals; the checker does not
believe it: :func:`reduce` replaces every density by its formula, every KL divergence by its
definition, and every expectation of a polynomial by the normal law's raw moments
(E[(mu + sigma z)^k] with E[z^j] = (j - 1)!! for even j, 0 for odd j). What it cannot reduce it
leaves standing, and :func:`numeric_value` then integrates it by quadrature.

Example:
    >>> from sympy import symbols
    >>> x, mu = symbols("x mu", real=True)
    >>> s = symbols("sigma", positive=True)
    >>> reduce(Expectation((x - mu)**2, x, Normal(mu, s**2)))
    sigma**2
"""

from __future__ import annotations

import mpmath
from sympy import (
    Basic,
    Dummy,
    Expr,
    Float,
    I,
    Poly,
    PolynomialError,
    Rational,
    binomial,
    exp,
    expand,
    expand_log,
    factorial2,
    lambdify,
    log,
    pi,
    sqrt,
)

from .objects import KL, Density, Expectation, Normal


def density_formula(dist: Normal, point: Expr) -> Expr:
    """The normal density exp(-(x - mu)^2 / (2 sigma^2)) / sqrt(2 pi sigma^2).

    Example:
        >>> density_formula(Normal(0, 1), 0)
        sqrt(2)/(2*sqrt(pi))
    """
    mean, variance = dist.mean, dist.variance
    return exp(-((point - mean) ** 2) / (2 * variance)) / sqrt(2 * pi * variance)


def raw_moment(dist: Normal, k: int) -> Expr:
    """E[x^k] for x ~ N(mu, v): the sum over even j of C(k, j) mu^(k-j) v^(j/2) (j-1)!!.

    Example:
        >>> from sympy import symbols
        >>> mu, v = symbols("mu v")
        >>> raw_moment(Normal(mu, v), 2)
        mu**2 + v
    """
    mean, variance = dist.mean, dist.variance
    return sum(
        (
            binomial(k, j) * mean ** (k - j) * variance ** (j // 2) * factorial2(j - 1)
            for j in range(0, k + 1, 2)
        ),
        Rational(0),
    )


def reduce(expr: Basic) -> Basic:
    """Rebuild ``expr`` evaluated, with the probability objects replaced by closed forms.

    Held (unevaluated) arithmetic is evaluated on the way, so the result is in SymPy's
    canonical form.

    Example:
        >>> from sympy import symbols
        >>> m1, m2 = symbols("m1 m2", real=True)
        >>> reduce(KL(Normal(m1, 1), Normal(m2, 1))).expand()
        m1**2/2 - m1*m2 + m2**2/2
    """
    if not expr.args:
        return expr
    args = [reduce(arg) for arg in expr.args]
    if isinstance(expr, Density):
        return density_formula(*args)
    if isinstance(expr, KL):
        p, q = args
        x = Dummy("x", real=True)
        return reduce(Expectation(log(Density(p, x)) - log(Density(q, x)), x, p))
    if isinstance(expr, Expectation):
        return _expectation(*args)
    return expr.func(*args)


def _expectation(body: Expr, var, dist: Normal) -> Expr:
    polynomial = expand(expand_log(body))
    try:
        poly = Poly(polynomial, var)
    except PolynomialError:
        return Expectation(body, var, dist)
    return sum(
        (coeff * raw_moment(dist, k) for (k,), coeff in poly.terms()),
        Rational(0),
    )


def numeric_value(expr: Basic, point: dict, digits: int = 50):
    """The value of ``expr`` at ``point`` (symbol -> number), to ``digits`` significant digits.

    Expectations that have no closed form are integrated numerically (mpmath quadrature).

    Example:
        >>> from sympy import Symbol, cos
        >>> x, s = Symbol("x", real=True), Symbol("s", positive=True)
        >>> v = numeric_value(Expectation(cos(x), x, Normal(0, s**2)), {s: 1}, 15)
        >>> round(float(v), 12)  # exp(-1/2)
        0.606530659713
    """
    value = reduce(expr.xreplace(point))
    value = value.replace(
        lambda node: isinstance(node, Expectation),
        lambda node: _quadrature(node, digits),
    )
    return value.evalf(digits)


def _quadrature(expectation: Expectation, digits: int):
    var, dist = expectation.var, expectation.dist
    integrand = lambdify(var, expectation.body * density_formula(dist, var), "mpmath")
    with mpmath.workdps(digits + 10):
        centre = mpmath.mpf(str(dist.mean.evalf(digits + 10)))
        value = mpmath.quad(integrand, [-mpmath.inf, centre, mpmath.inf])
        value = mpmath.mpc(value)
        return Float(str(value.real), digits) + I * Float(str(value.imag), digits)
