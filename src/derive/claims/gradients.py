"""Gradients with respect to a vector: ∇_x log N(x; μ, Σ) and ∇_x of a linear or quadratic form,
by SymPy's matrix calculus, each result cross-checked before use against the gradient taken
coordinate by coordinate at an explicit size (n = 2, exact random rational entries, Σ symmetric
positive definite), so that the reading never rests on the matrix calculus alone.

Only the part of log N(x; μ, Σ) that depends on x, −½ (x − μ)ᵀ Σ⁻¹ (x − μ), is differentiated
(the normalising constant does not depend on x).

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\nabla_{x} \\log \\mathcal{N}(x; \\mu, \\Sigma) = -\\Sigma^{-1}(x - \\mu)").kind
    'holds at sizes'
"""

from __future__ import annotations

import random

from sympy import (
    Identity,
    ImmutableMatrix,
    MatrixExpr,
    MatrixSymbol,
    Rational,
    Symbol,
    log,
    symbols,
)

from ..errors import UsageError
from ..gaussian import Density, MvNormal, Scalar

CHECK_SIZE = 2


def vector_gradient(body, x: MatrixSymbol):
    """∇_x body as an n×1 matrix expression, and the names of the covariances of the laws it
    differentiated (symmetric positive definite); a :class:`UsageError` for a body it does not
    read."""
    form = _form(body, x)
    if form is None:
        raise UsageError(
            "∇ with respect to a vector is read for log N(x; μ, Σ) at x and for linear and "
            "quadratic forms in x; write one dimension otherwise"
        )
    gradient = form.diff(x)
    if not isinstance(gradient, MatrixExpr) or gradient.shape != x.shape:
        raise UsageError("∇ with respect to a vector: the gradient is not an n-vector here")
    if not _agrees_coordinatewise(form, gradient, x):
        raise UsageError("∇ with respect to a vector: the gradient could not be confirmed")
    covariances = set()
    if isinstance(body, log) and isinstance(body.args[0].dist.variance, MatrixSymbol):
        covariances.add(body.args[0].dist.variance.name)
    return gradient, covariances


def _form(body, x):
    """The 1×1 matrix expression whose gradient is wanted, or None."""
    if isinstance(body, log) and isinstance(body.args[0], Density):
        density = body.args[0]
        law = density.dist
        if isinstance(law, MvNormal) and density.point == x:
            centred = x - law.mean
            return -Rational(1, 2) * (centred.T * law.variance.inverse() * centred)
        return None
    if isinstance(body, Scalar):
        body = body.matrix
    if isinstance(body, MatrixExpr) and body.shape == (1, 1):
        return body
    return None


def _agrees_coordinatewise(form, gradient, x) -> bool:
    """Whether the matrix-calculus gradient equals the coordinatewise one at n = 2."""
    rng = random.Random(20260)
    n = x.shape[0]
    sized_form, sized_gradient = (
        (e.subs(n, CHECK_SIZE) if isinstance(n, Symbol) else e) for e in (form, gradient)
    )
    coordinates = symbols(f"c0:{CHECK_SIZE}", real=True)
    values = {}
    for m in sized_form.atoms(MatrixSymbol) | sized_gradient.atoms(MatrixSymbol):
        rows, columns = (int(d) for d in m.shape)
        if m.name == x.name:
            values[m] = ImmutableMatrix(coordinates[:rows])
        elif rows == columns:
            a = ImmutableMatrix(rows, rows, lambda i, j: Rational(rng.randint(-5, 5), 7))
            values[m] = a * a.T + Identity(rows).as_explicit()  # symmetric positive definite
        else:
            values[m] = ImmutableMatrix(rows, columns, lambda i, j: Rational(rng.randint(-9, 9), 5))
    try:
        explicit = sized_form.xreplace(values).as_explicit()[0, 0]
        claimed = sized_gradient.xreplace(values).as_explicit()
        point = {c: Rational(rng.randint(-9, 9), 4) for c in coordinates}
        for i, c in enumerate(coordinates):
            if (explicit.diff(c) - claimed[i, 0]).xreplace(point).simplify() != 0:
                return False
    except (TypeError, ValueError, AttributeError, IndexError):
        return False
    return True
