"""Exact expectations of low-degree polynomials of a normal vector, by evaluation at points.

At an explicit size with exact numbers, E_{x ~ N(μ, Σ)}[f(x)] for f a polynomial of degree at
most 3 in x is

    f(μ) + ½ Σ_k d_k (f(μ + l_k) + f(μ − l_k) − 2 f(μ)),      Σ = L D Lᵀ (l_k the columns of L).

Write x = μ + Σ_k √d_k z_k l_k with z standard normal: E[z_k] = E[z_k z_j] (j ≠ k) = E[z³] = 0
(odd centred moments vanish, Isserlis), so only f(μ) and the second derivatives along l_k
survive, and for a polynomial of degree ≤ 3 the symmetric second difference at ±l_k is that
derivative exactly. Everything stays rational: no square root, no symbolic vector, only
rational matrix arithmetic — which is what makes large sizes (``--dim 16``) affordable. The
degree is read off the expression's structure before any size is chosen; anything else (a log,
an inverse of x, an exponential) keeps the general route.

Example:
    >>> from sympy import ImmutableMatrix, MatrixSymbol, Transpose
    >>> x = MatrixSymbol("x", 2, 1)
    >>> degree(Transpose(x) * x, x)
    2
    >>> mean, covariance = ImmutableMatrix([1, 2]), ImmutableMatrix([[2, 1], [1, 3]])
    >>> expectation(lambda v: (v.T * v)[0, 0], mean, covariance)  # tr Σ + μᵀμ
    10
"""

from __future__ import annotations

from collections.abc import Callable

from sympy import (
    Add,
    Basic,
    ImmutableMatrix,
    Integer,
    MatAdd,
    MatMul,
    MatPow,
    MatrixBase,
    MatrixSymbol,
    Mul,
    Pow,
    Trace,
    Transpose,
)
from sympy.polys.domains import QQ
from sympy.polys.matrices import DomainMatrix

from ..core.matrices import at_size, evaluate_matrices
from .ldl import rational_ldl
from .multivariate import MatrixExpectation, MvNormal, Scalar
from .objects import Expectation
from .reduce import reduce

MAX_DEGREE = 3


def degree(expr: Basic, var) -> int | None:
    """The degree of ``expr`` as a polynomial in the vector ``var`` (None: not a polynomial,
    or not recognisably one)."""
    if not expr.has(var):
        return 0
    if expr == var:
        return 1
    if isinstance(expr, (MatMul, Mul)):
        return _total(degree(a, var) for a in expr.args)
    if isinstance(expr, (MatAdd, Add)):
        found = [degree(a, var) for a in expr.args]
        return None if None in found else max(found)
    if isinstance(expr, (Transpose, Trace, Scalar)):
        return degree(expr.args[0], var)
    if isinstance(expr, (Pow, MatPow)) and expr.exp.is_Integer and expr.exp >= 0:
        inner = degree(expr.base, var)
        return None if inner is None else inner * int(expr.exp)
    return None


def _total(degrees) -> int | None:
    found = list(degrees)
    return None if None in found else sum(found)


def expectation(f: Callable, mean: ImmutableMatrix, covariance: ImmutableMatrix):
    """E[f(x)] for x ~ N(mean, covariance), exact if f is a polynomial of degree ≤ 3 given as
    a function of an explicit vector."""
    lower, diagonal = covariance.LDLdecomposition(hermitian=False)
    columns = [lower[:, k] for k in range(mean.shape[0])]
    weights = [diagonal[k, k] / 2 for k in range(mean.shape[0])]
    return _sigma_sum(f, mean, columns, weights, 2)


def _sigma_sum(f: Callable, centre, columns: list, weights: list, two):
    """f(c) + Σ_k w_k (f(c + l_k) + f(c − l_k) − 2 f(c)), in whatever arithmetic the values
    have (expressions, or DomainMatrix and ℚ)."""
    middle = f(centre)
    total = middle
    for column, weight in zip(columns, weights, strict=True):
        total = total + (f(centre + column) + f(centre - column) - middle * two) * weight
    return total


def compiled(body: Basic, var) -> Callable | None:
    """``body`` (explicit but for the vector ``var``) as a function computed over ℚ, with no
    expression built at each point: it takes and gives DomainMatrix values (a number: an
    element of ℚ). None where ``body`` has a part this does not cover (then the caller
    evaluates it as an expression)."""
    return _compile(body, var)


def exact_expectation(program: Callable, mean: ImmutableMatrix, covariance: ImmutableMatrix):
    """:func:`expectation` for a :func:`compiled` body, every sum done over ℚ.

    Example:
        >>> from sympy import ImmutableMatrix, MatrixSymbol, Rational, Transpose
        >>> x = MatrixSymbol("x", 2, 1)
        >>> program = compiled(Scalar(Transpose(x) * x), x)
        >>> exact_expectation(program, ImmutableMatrix([1, 2]), ImmutableMatrix([[2, 1], [1, 3]]))
        10
    """
    size = mean.shape[0]
    factors = rational_ldl(covariance)
    if factors is None:  # SymPy's route, and its errors
        lower, diagonal = covariance.LDLdecomposition(hermitian=False)
        columns = [_exact(lower[:, k]) for k in range(size)]
        weights = [QQ.from_sympy(diagonal[k, k]) / QQ(2) for k in range(size)]
    else:
        rows, diagonal = factors
        columns = [_column([row[k] for row in rows]) for k in range(size)]
        weights = [d / QQ(2) for d in diagonal]
    total = _sigma_sum(program, _exact(mean), columns, weights, QQ(2))
    if isinstance(total, DomainMatrix):
        return ImmutableMatrix(total.to_Matrix())
    return QQ.to_sympy(total)


def _exact(matrix) -> DomainMatrix:
    return DomainMatrix.from_Matrix(matrix).convert_to(QQ)


def _column(entries: list) -> DomainMatrix:
    """Elements of ℚ as a column, in the sparse format :func:`_exact` gives."""
    return DomainMatrix([[e] for e in entries], (len(entries), 1), QQ).to_sparse()


def _compile(expr: Basic, var) -> Callable | None:
    """A function of the point (a DomainMatrix over ℚ) giving ``expr``: a DomainMatrix for a
    matrix, an element of ℚ for a number."""
    if expr == var:
        return lambda point: point
    if not expr.has(var):
        if isinstance(expr, MatrixBase) and all(e.is_Rational for e in expr):
            constant = _exact(expr)
            return lambda point: constant
        if expr.is_Rational:
            number = QQ.from_sympy(expr)
            return lambda point: number
        return None
    arguments = _factors(expr) if isinstance(expr, (MatMul, Mul)) else expr.args
    parts = [_compile(a, var) for a in arguments]
    if None in parts:
        return None
    if isinstance(expr, (MatMul, Mul)):
        return lambda point: _product([f(point) for f in parts])
    if isinstance(expr, (MatAdd, Add)):
        return lambda point: _sum([f(point) for f in parts])
    if isinstance(expr, Transpose):
        return lambda point: parts[0](point).transpose()
    if isinstance(expr, Scalar):
        return lambda point: _number(parts[0](point))
    if isinstance(expr, Trace):
        return lambda point: _trace(parts[0](point))
    return None


def _factors(product: Basic) -> list:
    """The factors of nested products, in order (so that the whole chain can be reordered)."""
    found = []
    for factor in product.args:
        found += _factors(factor) if isinstance(factor, (MatMul, Mul)) else [factor]
    return found


def _product(values: list):
    numbers = [v for v in values if not isinstance(v, DomainMatrix)]
    matrices = [v for v in values if isinstance(v, DomainMatrix)]
    coefficient = QQ.one
    for number in numbers:
        coefficient = coefficient * number
    if not matrices:
        return coefficient
    result = _chain(matrices)
    return result * coefficient if coefficient != QQ.one else result


def _chain(matrices: list) -> DomainMatrix:
    """The product, multiplied in the cheapest order (Σ⁻¹ (x − μ)(x − μ)ᵀ: the vector first)."""
    if len(matrices) <= 2:
        return matrices[0].matmul(matrices[1]) if len(matrices) == 2 else matrices[0]
    dims = [m.shape[0] for m in matrices] + [matrices[-1].shape[1]]
    best = min(
        range(1, len(matrices)),
        key=lambda k: dims[0] * dims[k] * dims[-1] + _cost(dims[: k + 1]) + _cost(dims[k:]),
    )
    return _chain(matrices[:best]).matmul(_chain(matrices[best:]))


def _cost(dims: list) -> int:
    """Multiplications of a left-to-right product of matrices of these dimensions (an upper
    bound of the best order, enough to choose the split)."""
    return sum(dims[0] * dims[k] * dims[k + 1] for k in range(1, len(dims) - 1))


def _sum(values: list):
    total = values[0]
    for value in values[1:]:
        total = total + value
    return total


def _number(matrix):
    return matrix[0, 0].element if isinstance(matrix, DomainMatrix) else matrix


def _trace(matrix: DomainMatrix):
    total = QQ.zero
    for i in range(matrix.shape[0]):
        total += matrix[i, i].element
    return total


def exact_expectations(expr: Basic, mapping: dict) -> Basic:
    """Expectations over a normal vector whose law is exact numbers at this size, of a
    polynomial of degree ≤ 3 in it, done by sigma points: the plug-in that puts an expression
    at an explicit size (:func:`derive.core.matrices.at_size`) calls first.

    Example:
        >>> from sympy import MatrixSymbol, symbols
        >>> from derive.gaussian.objects import Expectation
        >>> n = symbols("n", integer=True, positive=True)
        >>> x, m = MatrixSymbol("x", n, 1), MatrixSymbol("m", n, 1)
        >>> S = MatrixSymbol("S", n, n)
        >>> e = Expectation(Scalar(Transpose(x) * x), x, MvNormal(m, S))
        >>> exact_expectations(e, {n: 2, m: ImmutableMatrix([1, 2]),
        ...                        S: ImmutableMatrix([[2, 1], [1, 3]])})
        10
    """

    def eligible(node) -> bool:
        if not isinstance(node, (Expectation, MatrixExpectation)) or node.declared:
            return False
        if not (isinstance(node.var, MatrixSymbol) and isinstance(node.dist, MvNormal)):
            return False
        found = degree(node.body, node.var)
        return found is not None and found <= MAX_DEGREE

    def value(node):
        mean, covariance = (at_size(p, mapping) for p in node.dist.args[:2])
        exact = all(
            isinstance(m, MatrixBase) and all(e.is_Rational for e in m) for m in (mean, covariance)
        )
        if not exact:
            return node
        mean, covariance = ImmutableMatrix(mean), ImmutableMatrix(covariance)
        # What does not depend on the variable (Σ⁻¹, log det Σ) is computed once, not per point.
        others = {k: v for k, v in mapping.items() if k != node.var}
        body, var = evaluate_matrices(node.body.xreplace(others)), node.var.xreplace(others)
        fixed = Integer(0)  # E[c + g(x)] = c + E[g(x)]: constants (log det Σ) stay out
        if isinstance(body, Add):
            fixed = Add(*(t for t in body.args if not t.has(var)))
            body = Add(*(t for t in body.args if t.has(var)))
        program = compiled(body, var)
        if program is not None:
            found = exact_expectation(program, mean, covariance)
        else:
            found = expectation(lambda p: reduce(at_size(body, {var: p})), mean, covariance)
        return found if fixed == 0 else fixed + found

    if not expr.has(Expectation, MatrixExpectation):
        return expr
    return expr.replace(eligible, value)
