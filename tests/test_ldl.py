"""Σ = L D Lᵀ over ℚ gives SymPy's factors exactly, and the sigma points built on it the same
expectations; a matrix it does not cover is left to SymPy."""

from __future__ import annotations

import random

import pytest
from sympy import ImmutableMatrix, MatrixSymbol, Rational, Transpose, symbols
from sympy.polys.domains import QQ

from derive.core.matrices import positive_definite
from derive.gaussian import Scalar
from derive.gaussian.ldl import rational_ldl
from derive.gaussian.sigma_points import compiled, exact_expectation


@pytest.mark.parametrize("size", [1, 2, 5, 9])
def test_the_factors_are_sympys_exactly(size):
    matrix = positive_definite(size, random.Random(size))
    lower, diagonal = matrix.LDLdecomposition(hermitian=False)
    rows, pivots = rational_ldl(matrix)
    assert [[QQ.to_sympy(x) for x in row] for row in rows] == lower.tolist()
    assert [QQ.to_sympy(d) for d in pivots] == [diagonal[k, k] for k in range(size)]


@pytest.mark.parametrize(
    "matrix",
    [
        ImmutableMatrix([[1, 2], [3, 4]]),  # not symmetric
        ImmutableMatrix([[1, 1], [1, 1]]),  # a zero pivot
        ImmutableMatrix([[symbols("a"), 0], [0, 1]]),  # not rational
    ],
)
def test_a_matrix_it_does_not_cover_gives_none(matrix):
    assert rational_ldl(matrix) is None


def test_an_expectation_by_the_rational_factors_is_the_known_moment():
    # E[xᵀ A x] = tr(A Σ) + μᵀ A μ for x ~ N(μ, Σ), at n = 4 with exact numbers.
    rng = random.Random(7)
    x = MatrixSymbol("x", 4, 1)
    covariance = positive_definite(4, rng)
    weights = ImmutableMatrix(4, 4, lambda i, j: Rational(rng.randint(-9, 9), rng.randint(1, 4)))
    mean = ImmutableMatrix(4, 1, lambda i, j: Rational(rng.randint(-9, 9), 2))
    program = compiled(Scalar(Transpose(x) * weights * x), x)
    expected = (weights * covariance).trace() + (mean.T * weights * mean)[0, 0]
    assert exact_expectation(program, mean, covariance) == expected
