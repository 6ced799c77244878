"""Multivariate normal laws and matrix-valued expectations, and their closed forms at explicit
sizes.

Derivations state multivariate identities with SymPy matrix expressions of symbolic size n
(``MatrixSymbol``, ``Inverse``, ``Transpose``, ``Trace``, ``Determinant``). The checker cannot
integrate over a vector of symbolic length, so it instantiates n (see
:mod:`derive.core.matrices`); at an explicit size, expectations of polynomials in the entries of
a normal vector are Gaussian moments, computed here by Stein's lemma, E[(x_i − μ_i) f(x)] =
Σ_j Cov(x_i, x_j) E[∂f/∂x_j] (which gives Isserlis' theorem for products of entries).

Example:
    >>> from sympy import Matrix, symbols
    >>> x1, x2 = symbols("x1 x2")
    >>> gaussian_moment(x1 * x2, [x1, x2], Matrix([1, 2]), Matrix([[2, 1], [1, 3]]))
    3
"""

from __future__ import annotations

from functools import lru_cache

from sympy import (
    Add,
    Expr,
    ImmutableMatrix,
    MatrixBase,
    MatrixExpr,
    Poly,
    PolynomialError,
    Rational,
    exp,
    expand,
    powsimp,
    sympify,
)

from ..core.matrices import determinant
from .objects import Moments, bound_symbols


class MvNormal(Moments):
    """The multivariate normal law N(mean, covariance): a mean vector and a covariance matrix.

    Example:
        >>> from sympy import MatrixSymbol, symbols
        >>> n = symbols("n", integer=True, positive=True)
        >>> MvNormal(MatrixSymbol("mu", n, 1), MatrixSymbol("Sigma", n, n), "P").dimension
        n
    """

    @property
    def dimension(self):
        return self.mean.shape[0]


class Scalar(Expr):
    """A 1×1 matrix expression used as a number (a quadratic form xᵀAx), printed as written.

    Example:
        >>> from sympy import MatrixSymbol, symbols
        >>> n = symbols("n", integer=True, positive=True)
        >>> x, A = MatrixSymbol("x", n, 1), MatrixSymbol("A", n, n)
        >>> Scalar(x.T * A * x).matrix.shape
        (1, 1)
    """

    is_commutative = True

    def __new__(cls, matrix):
        if matrix.shape != (1, 1):
            raise ValueError(f"a scalar needs a 1×1 matrix, not {matrix.shape}")
        return super().__new__(cls, matrix)

    matrix = property(lambda self: self.args[0])

    def doit(self, **hints):
        inner = self.matrix.doit(**hints)
        return inner[0, 0] if isinstance(inner, MatrixBase) else Scalar(inner)


class MatrixExpectation(MatrixExpr):
    """E_{var ~ law}[M] for a matrix-valued ``M`` (E_P[(x − m)(x − m)ᵀ]), entry by entry.

    Example:
        >>> from sympy import MatrixSymbol, symbols
        >>> n = symbols("n", integer=True, positive=True)
        >>> x, mu, S = MatrixSymbol("x", n, 1), MatrixSymbol("mu", n, 1), MatrixSymbol("S", n, n)
        >>> MatrixExpectation(x * x.T, x, MvNormal(mu, S, "P")).shape
        (n, n)
    """

    def __new__(cls, body, var, law):
        return super().__new__(cls, sympify(body), var, law)

    body = property(lambda self: self.args[0])
    var = property(lambda self: self.args[1])
    dist = property(lambda self: self.args[2])
    declared = False

    @property
    def shape(self):
        return self.body.shape

    @property
    def free_symbols(self):
        return (self.body.free_symbols - bound_symbols(self.var)) | self.dist.free_symbols

    def _entry(self, i, j, **kwargs):
        from .objects import Expectation

        return Expectation(self.body[i, j], self.var, self.dist)

    def doit(self, **hints):
        body, var, law = (arg.doit(**hints) for arg in self.args)
        expectation = MatrixExpectation(body, var, law)
        return expectation.as_explicit() if isinstance(body, MatrixBase) else expectation


def form(u, matrix, v) -> Scalar:
    """The number uᵀ M v, as written.

    Example:
        >>> from sympy import MatrixSymbol
        >>> x, A = MatrixSymbol("x", 2, 1), MatrixSymbol("A", 2, 2)
        >>> form(x, A, x).matrix.shape
        (1, 1)
    """
    from sympy import MatMul, Transpose

    return Scalar(MatMul(Transpose(u), matrix, v))


def inner(u, v) -> Scalar:
    """The number uᵀ v, as written."""
    from sympy import MatMul, Transpose

    return Scalar(MatMul(Transpose(u), v))


def gaussian_moment(polynomial: Expr, variables: list, mean, covariance) -> Expr | None:
    """E[polynomial] for the vector ``variables`` ~ N(mean, covariance) (explicit), or None if
    the expression is not a polynomial in the variables."""
    try:
        poly = Poly(polynomial, *variables)
    except PolynomialError:
        return None
    total = Rational(0)
    for powers, coefficient in poly.terms():
        factors = [i for i, power in enumerate(powers) for _ in range(power)]
        total += coefficient * _monomial(factors, mean, covariance)
    return total


def exponential_moment(body: Expr, variables: list, mean, covariance) -> Expr | None:
    """E[body] for ``variables`` ~ N(mean, covariance) (explicit) when every term of ``body``
    is c · exp(aᵀx + k) with c, a, k free of x (a may be complex), or None.

    Each term is a Gaussian integral done by completing the square: ∫ exp(−½(x − μ)ᵀΣ⁻¹(x − μ)
    + aᵀx) dx / √det(2πΣ) = exp(aᵀμ + ½ aᵀΣa) (for complex a by analytic continuation).

    Example:
        >>> from sympy import I, ImmutableMatrix, symbols
        >>> x, y, t = symbols("x y t", real=True)
        >>> exponential_moment(exp(I*t*(x + y)), [x, y], ImmutableMatrix([0, 0]),
        ...                    ImmutableMatrix([[1, 0], [0, 2]]))
        exp(-3*t**2/2)
    """
    total = Rational(0)
    for term in Add.make_args(expand(body)):
        coefficient, rest = term.as_independent(*variables, as_Add=False)
        rest = powsimp(rest, combine="exp")
        if rest == 1:
            total += coefficient
            continue
        if not isinstance(rest, exp):
            return None
        try:
            poly = Poly(rest.args[0], *variables)
        except PolynomialError:
            return None
        if poly.total_degree() > 1:
            return None
        a = ImmutableMatrix([poly.coeff_monomial(v) for v in variables])
        shift = poly.coeff_monomial(1)
        exponent = shift + (a.T * mean)[0, 0] + (a.T * covariance * a)[0, 0] / 2
        total += coefficient * exp(expand(exponent))
    return total


def _monomial(factors: list[int], mean, covariance) -> Expr:
    """E[x_{i1} ... x_{ik}]: expand x = mean + y, then Isserlis' theorem on the centred y."""
    if not factors:
        return Rational(1)
    first, rest = factors[0], factors[1:]
    # x_first = mean_first + y_first
    total = mean[first] * _monomial(rest, mean, covariance)
    total += _centred_with(first, rest, mean, covariance)
    return total


def _centred_with(first: int, rest: list[int], mean, covariance) -> Expr:
    """E[y_first · x_rest...] = Σ_j Cov(first, rest_j) · E[x_rest without j] (Stein's lemma)."""
    total = Rational(0)
    for j, index in enumerate(rest):
        total += covariance[first, index] * _monomial(rest[:j] + rest[j + 1 :], mean, covariance)
    return total


__all__ = [
    "form",
    "inner",
    "MatrixExpectation",
    "MvNormal",
    "Scalar",
    "gaussian_moment",
    "exponential_moment",
    "determinant",
]


def mv_log_density(law: MvNormal, point) -> Expr:
    """log N(x; μ, Σ) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − ½ log det Σ − (n/2) log 2π, at explicit size.

    Example:
        >>> from sympy import Matrix, symbols
        >>> x = symbols("x")
        >>> mv_log_density(MvNormal(Matrix([0]), Matrix([[1]])), Matrix([x]))
        -x**2/2 - log(2*pi)/2
    """
    from sympy import log, pi

    centred = ImmutableMatrix(point) - ImmutableMatrix(law.mean)
    covariance = ImmutableMatrix(law.variance)
    inverse, det = _inverse_and_determinant(covariance)
    quadratic = (centred.T * inverse * centred)[0, 0]
    size = covariance.shape[0]
    return -quadratic / 2 - log(det) / 2 - size * log(2 * pi) / 2


@lru_cache(maxsize=64)
def _inverse_and_determinant(matrix: ImmutableMatrix):
    """Σ⁻¹ and det Σ, once per matrix (a law is evaluated at many points)."""
    return matrix.inv(), determinant(matrix)
