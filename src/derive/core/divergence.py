"""Integrals that do not exist: an integrand over an infinite range whose modulus does not decay.

A step one of whose sides is such an integral states nothing (the checker calls it ill-formed):
numerical quadrature would return a number for it all the same, and that number means nothing.

Only divergence that is certain is reported. The integrand must be ``c · P(x) · exp(g(x))``
with ``P`` and ``g`` polynomials in the variable of integration; then ``|f(x)| =
|c P(x)| exp(Re g(x))``, and the real parts of the coefficients of ``g`` decide the growth at
each infinite end: if the highest power with a nonzero real coefficient pushes ``Re g`` up (or
no power does), ``|f|`` stays bounded away from zero there and the integral diverges (it is
not even an improper Riemann integral when ``|f|`` is a nonzero constant: ``∫ e^{itx} dx``).
Anything else, or a sign that cannot be decided from the symbols' assumptions, is left alone.

Example:
    >>> from sympy import I, Integral, Symbol, exp, oo
    >>> x, t, s = Symbol("x", real=True), Symbol("t", real=True), Symbol("s", positive=True)
    >>> divergent_integral(Integral(exp(I * t * x - x**2 / (2 * s**2)), (x, -oo, oo))) is None
    True
    >>> divergent_integral(Integral(exp(I * t * x + x**2 / (2 * s**2)), (x, -oo, oo)))
    'the integral over x from -∞ to ∞ diverges: its integrand grows without bound'
    >>> divergent_integral(Integral(exp(I * t * x), (x, -oo, oo)))
    'the integral over x from -∞ to ∞ diverges: its integrand does not decay'
"""

from __future__ import annotations

from sympy import Basic, Integral, Mul, Poly, PolynomialError, exp, expand, oo, re


def divergent_integral(expr: Basic) -> str | None:
    """Why an integral of ``expr`` over an infinite range diverges, or None if none is known
    to (see the module's docstring)."""
    for node in expr.atoms(Integral):
        reason = _diverges(node)
        if reason:
            return reason
    return None


def _diverges(node: Integral) -> str | None:
    if len(node.limits) != 1 or len(node.limits[0]) != 3:
        return None
    var, low, high = node.limits[0]
    ends = [end for end, bound in ((1, high), (-1, low)) if bound == oo * end]
    if not ends:
        return None
    factor, exponent = _split(node.function, var)
    if factor is None:
        return None
    try:
        power = Poly(expand(exponent), var)
        prefactor = Poly(factor, var)
    except PolynomialError:
        return None
    if prefactor.is_zero or prefactor.LC().is_zero is not False:
        return None  # a prefactor that may vanish: nothing certain
    growth = _growth(power, ends)
    if growth is None:
        return None
    where = f"the integral over {var} from {_end(low)} to {_end(high)} diverges"
    return f"{where}: its integrand {growth}"


def _split(function: Basic, var):
    """``(P, g)`` with ``function = P · exp(g)``, or ``(None, None)``."""
    factor, exponent = [], []
    for part in Mul.make_args(function):
        if isinstance(part, exp):
            exponent.append(part.args[0])
        elif part.is_Pow and isinstance(part.base, exp):
            exponent.append(part.base.args[0] * part.exp)
        else:
            factor.append(part)
    rest = Mul(*factor)
    if rest.has(exp) and rest.has(var):
        return None, None
    return rest, sum(exponent)


def _growth(power: Poly, ends: list[int]) -> str | None:
    """How ``|exp(g)|`` behaves at one of the infinite ``ends`` where it does not decay."""
    coefficients = power.all_coeffs()[::-1]  # by degree, from 0
    for degree in range(len(coefficients) - 1, 0, -1):
        real = re(coefficients[degree])
        if real.is_zero:
            continue
        if real.is_zero is None or real.is_positive is None:
            return None  # the sign depends on values the assumptions do not fix
        for end in ends:
            if (real.is_positive) == (end**degree > 0):
                return "grows without bound"
        return None  # it decays at every infinite end
    return "does not decay"


def _end(bound) -> str:
    return {oo: "∞", -oo: "-∞"}.get(bound, str(bound))
