"""Closed forms for the probability objects, reached by the checker's own route.

A derivation script writes ``E_P[(x - mu_2)^2]`` and claims what it equals; the checker does not
believe it. :func:`reduce` unfolds every object by its definition and integrates:

- a normal density becomes its formula; ``D_KL(P ‖ Q)`` becomes E_P[log p(x) - log q(x)];
  ``h(P)`` becomes -E_P[log p(x)]; ``φ_Z(t)`` becomes E[exp(i t Z)];
- an expectation under a normal law is the integral of body × density, done by
  :func:`~derive.gaussian.integral.gaussian_integral`; over several declared random variables,
  one variable at a time against the product density (their independence);
- an expectation under a :class:`Law` known only by its two moments is split by linearity:
  polynomials of degree ≤ 2 use the moments, every other term stays an expectation;
- derivatives (and f'(a)) are carried out after their argument is reduced.

What it cannot reduce it leaves standing; :func:`numeric_value` then integrates numerically.

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
    Add,
    Basic,
    Expr,
    Float,
    I,
    ImmutableMatrix,
    Integral,
    MatrixBase,
    MatrixSymbol,
    Poly,
    PolynomialError,
    Rational,
    Symbol,
    exp,
    expand,
    expand_log,
    lambdify,
    log,
    oo,
    pi,
    sqrt,
)

from ..core.compare import AGREE, INACCURATE
from ..core.reduction import numeric_value as kernel_numeric_value
from ..core.reduction import reduce as kernel_reduce
from .integral import gaussian_integral, raw_moment
from .multivariate import MvNormal, exponential_moment, gaussian_moment, mv_log_density
from .objects import (
    KL,
    CharacteristicFunction,
    Density,
    Entropy,
    Expectation,
    Law,
    Normal,
    bound_symbols,
)

# The bound variable of unfolded definitions and of expectations left standing: one fixed
# symbol, so that equal expectations are equal expressions and results are reproducible.
BOUND = Symbol("x_", real=True)


def density_formula(dist: Normal, point: Expr) -> Expr:
    """The normal density exp(-(x - mu)^2 / (2 sigma^2)) / sqrt(2 pi sigma^2).

    Example:
        >>> density_formula(Normal(0, 1), 0)
        sqrt(2)/(2*sqrt(pi))
    """
    mean, variance = dist.mean, dist.variance
    return exp(-((point - mean) ** 2) / (2 * variance)) / sqrt(2 * pi * variance)


def reduce(expr: Basic, variables: dict | None = None) -> Basic:
    """Rebuild ``expr`` evaluated, with the probability objects replaced by closed forms: the
    kernel's :func:`~derive.core.reduction.reduce`, which asks :func:`unfold` at each node.

    ``variables`` maps declared random variables (independent) to their laws. Held
    (unevaluated) arithmetic is evaluated on the way.

    Example:
        >>> from sympy import symbols
        >>> m1, m2 = symbols("m1 m2", real=True)
        >>> reduce(KL(Normal(m1, 1), Normal(m2, 1))).expand()
        m1**2/2 - m1*m2 + m2**2/2
    """
    return kernel_reduce(expr, variables)


def unfold(expr: Basic, variables: dict, reduce) -> Basic | None:
    """The closed form of one node of the Gaussian domain (its parts reduced by ``reduce``),
    or None for a node that is not one: the reducer this domain registers with the kernel.

    Example:
        >>> from sympy import symbols
        >>> x = symbols("x", real=True)
        >>> unfold(Density(Normal(0, 1), x), {}, lambda e, v: e)
        sqrt(2)*exp(-x**2/2)/(2*sqrt(pi))
        >>> unfold(x + 1, {}, lambda e, v: e) is None
        True
    """
    if isinstance(expr, (Expectation, Integral, CharacteristicFunction)):
        return _reduce_binder(expr, variables)
    if isinstance(expr, log) and isinstance(expr.args[0], Density):
        law, point = (reduce(a, variables) for a in expr.args[0].args)
        if _explicit(law):  # the log-density directly: no logarithm of a product to split
            return mv_log_density(law, point)
        return None
    if not isinstance(expr, (Density, KL, Entropy)):
        return None
    args = [reduce(arg, variables) for arg in expr.args]
    if isinstance(expr, Density) and _explicit(args[0]):
        return exp(mv_log_density(*args))
    if isinstance(expr, Density) and isinstance(args[0], Normal):
        return density_formula(*args)
    if isinstance(expr, KL):
        p, q = args
        bound = _bound_for(p)
        body = log(Density(p, bound)) - log(Density(q, bound))
        return reduce(Expectation(body, bound, p), variables)
    if isinstance(expr, Entropy):
        bound = _bound_for(args[0])
        return reduce(Expectation(-log(Density(args[0], bound)), bound, args[0]), variables)
    return expr.func(*args)


def _reduce_binder(expr: Basic, variables: dict) -> Basic:
    """Expectations, integrals and characteristic functions bind a variable: reduce inside
    first, without treating the bound variable as a declared one."""
    if isinstance(expr, CharacteristicFunction):
        argument, t = (reduce(a, variables) for a in expr.args)
        if isinstance(argument, MatrixBase):  # a random vector: E[exp(i tᵀZ)]
            return reduce(Expectation(exp(I * (t.T * argument)[0, 0])), variables)
        return reduce(Expectation(exp(I * t * argument)), variables)
    if isinstance(expr, Integral):
        (x, low, high), *more = expr.limits
        body = reduce(expr.function, variables)
        if more or (low, high) != (-oo, oo):
            return Integral(body, *expr.limits)
        value = gaussian_integral(body, x)
        return Integral(body, (x, low, high)) if value is None else value
    body = reduce(expr.body, variables)
    if expr.declared:
        for var in sorted(variables, key=str):
            if bound_symbols(var) & body.free_symbols:
                body = _expect(body, var, reduce(variables[var], variables))
        return body
    return _expect(body, expr.var, reduce(expr.dist, variables))


def _explicit(law: Basic) -> bool:
    """A multivariate normal law whose mean and covariance are explicit matrices."""
    return isinstance(law, MvNormal) and isinstance(law.variance, MatrixBase)


def _bound_for(law: Basic):
    """The bound variable to unfold a definition over ``law``: a symbol, or an explicit vector."""
    if isinstance(law, MvNormal):
        if not isinstance(law.variance, MatrixBase):
            return MatrixSymbol("x_", law.dimension, 1)
        return ImmutableMatrix([Symbol(f"x_{i}_", real=True) for i in range(law.dimension)])
    return BOUND


def _expect(body: Expr, var, law: Basic) -> Expr:
    if _explicit(law) and isinstance(var, MatrixBase):
        value = gaussian_moment(expand(body), list(var), law.mean, law.variance)
        if value is None:
            value = exponential_moment(body, list(var), law.mean, law.variance)
        if value is None:  # neither: one Gaussian integral per coordinate
            value = body * exp(mv_log_density(law, var))
            for coordinate in var:
                value = value if value is None else gaussian_integral(value, coordinate)
        return Expectation(body, var, law) if value is None else value
    if isinstance(law, Normal):
        integrand = expand_log(body) * density_formula(law, var)
        value = gaussian_integral(integrand, var)
        return _standing(body, var, law) if value is None else value
    if isinstance(law, Law):
        return _linear(body, var, law)
    return _standing(body, var, law)


def _standing(body: Expr, var, law: Basic) -> Expr:
    """An expectation left unevaluated, its bound variable renamed to :data:`BOUND` — or, when
    ``body`` already holds that name (an inner expectation's bound variable), to a fresh one,
    so that no variable is captured (E[E[(x + y)² | x] ] must not become E[E[4x²]])."""
    taken = {s.name for s in body.atoms(Symbol)} - {getattr(var, "name", None)}
    bound = BOUND
    while bound.name in taken:
        bound = Symbol(bound.name + "_", real=True)
    return Expectation(body.xreplace({var: bound}), bound, law)


def _linear(body: Expr, var, law: Law) -> Expr:
    """Linearity of expectation, with the two known moments for polynomial terms."""
    total = Rational(0)
    for term in Add.make_args(expand(expand_log(body))):
        coefficient, rest = term.as_independent(var, as_Add=False)
        try:
            poly = Poly(rest, var)
        except PolynomialError:
            poly = None
        if poly is not None and poly.degree() <= 2:
            moments = [raw_moment(law.mean, law.variance, k) for k in range(3)]
            total += coefficient * sum(c * moments[k] for (k,), c in poly.terms())
        else:
            total += coefficient * _standing(rest, var, law)
    return total


def numeric_value(expr: Basic, point: dict, digits: int = 50, variables: dict | None = None):
    """The value of ``expr`` at ``point`` (symbol -> number), to ``digits`` significant digits:
    the kernel's :func:`~derive.core.reduction.numeric_value`, in which expectations and
    integrals with no closed form are integrated numerically (mpmath, :func:`quadrature`).

    Example:
        >>> from sympy import Symbol, cos
        >>> x, s = Symbol("x", real=True), Symbol("s", positive=True)
        >>> v = numeric_value(Expectation(cos(x), x, Normal(0, s**2)), {s: 1}, 15)
        >>> round(float(v), 12)  # exp(-1/2)
        0.606530659713
    """
    return kernel_numeric_value(expr, point, digits, variables)


def quadrature(node: Basic, digits: int):
    """The number of an expectation under a normal law, or of a one-dimensional integral, by
    numerical integration at ``digits`` digits (the node itself where that is not possible).
    Where mpmath's error estimate leaves too few correct digits for the comparison to trust
    (see :mod:`derive.core.compare`), the value is :data:`~derive.core.compare.INACCURATE`,
    which leaves the comparison undecided.

    Example:
        >>> from sympy import Integral, Symbol, sin, exp, oo
        >>> x = Symbol("x", real=True)
        >>> round(float(quadrature(Integral(exp(-x), (x, 0, oo)), 30)), 20)
        1.0
        >>> quadrature(Integral(sin(1 / x), (x, 0, 1)), 30) == INACCURATE
        True
    """
    if isinstance(node, Integral):
        (var, low, high), *more = node.limits
        if more:
            return node
        integrand, bounds = node.function, [low, high]
    elif isinstance(node.dist, Normal) and not node.declared:
        var, dist = node.var, node.dist
        integrand, bounds = node.body * density_formula(dist, var), [-oo, dist.mean, oo]
    else:
        return node
    if integrand.free_symbols - {var}:
        return node
    function = lambdify(var, integrand, "mpmath")
    with mpmath.workdps(digits + 10):
        points = [mpmath.mpmathify(str(b.evalf(digits + 10))) if b.is_finite else b for b in bounds]
        points = [mpmath.inf if b == oo else -mpmath.inf if b == -oo else b for b in points]
        value, error = mpmath.quad(function, points, error=True)
        value = mpmath.mpc(value)
        # as many correct digits as the comparison's agreement needs (fewer if fewer were asked)
        wanted = max(mpmath.mpf(AGREE.p) / AGREE.q, mpmath.mpf(10) ** (5 - digits))
        if not error <= wanted * abs(value):  # (also for a NaN)
            return INACCURATE
        return Float(str(value.real), digits) + I * Float(str(value.imag), digits)
