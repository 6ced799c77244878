"""Σ = L D Lᵀ over ℚ: the factorisation the sigma points of :mod:`sigma_points` are built on.

For a symmetric matrix of exact rationals the unit lower-triangular L and the diagonal D are
unique where they exist, so doing the arithmetic on elements of ℚ gives exactly the numbers
SymPy's ``Matrix.LDLdecomposition(hermitian=False)`` gives, without building an expression at
each of the n²/2 entries. A matrix that is not symmetric, not rational, or has a zero pivot
gives None (the caller keeps SymPy's route and its errors).

Example:
    >>> from sympy import ImmutableMatrix
    >>> lower, diagonal = rational_ldl(ImmutableMatrix([[4, 2], [2, 3]]))
    >>> [[str(x) for x in row] for row in lower], [str(d) for d in diagonal]
    ([['1', '0'], ['1/2', '1']], ['4', '2'])
    >>> rational_ldl(ImmutableMatrix([[0, 1], [1, 0]])) is None  # a zero pivot
    True
"""

from __future__ import annotations

from sympy.polys.domains import QQ


def rational_ldl(matrix) -> tuple[list, list] | None:
    """The rows of L and the diagonal of D (elements of ℚ) with ``matrix`` = L D Lᵀ, or None."""
    size = matrix.shape[0]
    if matrix.shape != (size, size) or not all(e.is_Rational for e in matrix):
        return None
    entries = [[QQ.from_sympy(matrix[i, j]) for j in range(size)] for i in range(size)]
    if any(entries[i][j] != entries[j][i] for i in range(size) for j in range(i)):
        return None
    lower = [[QQ.one if i == j else QQ.zero for j in range(size)] for i in range(size)]
    diagonal = [QQ.zero] * size
    for i in range(size):  # row by row, as SymPy's own loop
        for j in range(i):
            own = sum((lower[i][k] * lower[j][k] * diagonal[k] for k in range(j)), QQ.zero)
            lower[i][j] = (entries[i][j] - own) / diagonal[j]
        pivot = entries[i][i] - sum((lower[i][k] ** 2 * diagonal[k] for k in range(i)), QQ.zero)
        if pivot == 0:
            return None
        diagonal[i] = pivot
    return lower, diagonal
