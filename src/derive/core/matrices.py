"""Checking matrix identities by instantiating the dimension.

A step stated with ``MatrixSymbol``s of symbolic size n is checked at explicit sizes:

- n = 1 and 2 with fully symbolic entries (a covariance symmetric, its entries sampled jointly
  as L·Lᵀ so that it is positive definite): refuted at a sampled point, or proved by
  simplification, or agreeing numerically at every point;
- n = 3, 4, 6 (and any size asked for with ``--dim``) with exact random rational matrices:
  symmetric positive-definite covariances L·Lᵀ + I/4, other square matrices with random entries
  (invertible), rational vectors; two independent draws per size.

The verdict records what was achieved ("symbolic n ≤ 2; exact random n = 3, 4, 6"). This is
evidence at the sizes tried, not a proof for every n, and the method says so.

Example:
    >>> from sympy import MatrixSymbol, symbols, Trace
    >>> n = symbols("n", integer=True, positive=True)
    >>> A, B = MatrixSymbol("A", n, n), MatrixSymbol("B", n, n)
    >>> has_matrices(Trace(A * B))
    True
"""

from __future__ import annotations

import random
from dataclasses import replace

from sympy import (
    Basic,
    ImmutableMatrix,
    MatrixBase,
    MatrixExpr,
    MatrixSymbol,
    Rational,
    Symbol,
    eye,
    sympify,
    zeros,
)

from ..gaussian import Expectation, MatrixExpectation
from .sampling import sample_points, seed_of

SYMBOLIC_SIZES = (1, 2)
RANDOM_SIZES = (3, 4, 6)
DRAWS = 2


def has_matrices(*exprs: Basic) -> bool:
    """Whether any of ``exprs`` holds a matrix symbol of symbolic size."""
    return any(_matrix_symbols(e) for e in exprs)


def _matrix_symbols(expr: Basic) -> set:
    return {m for m in expr.atoms(MatrixSymbol) if not all(d.is_Integer for d in m.shape)}


def check_matrix_step(lhs: Basic, symbol: str, rhs: Basic, context, var=None):
    """Check ``lhs <symbol> rhs`` at every size; the first failure decides."""
    from .checker import Verdict, check_relation, substitute

    # Matrices defined by the derivation (Σ := (Σ₁⁻¹ + Σ₂⁻¹)⁻¹) are replaced before sizing.
    defined = {k: v for k, v in context.definitions.items() if isinstance(k, MatrixSymbol)}
    if defined:
        lhs, rhs = substitute(lhs, defined), substitute(rhs, defined)
        others = {k: v for k, v in context.definitions.items() if k not in defined}
        context = replace(context, definitions=others)
    laws = list(context.variables.values()) + list(context.definitions.values())
    matrices = sorted(set().union(*(_matrix_symbols(e) for e in (lhs, rhs, *laws))), key=str)
    # Variables bound by an expectation, or the variable of ∝, stay symbols at every size.
    bound = {e.var for side in (lhs, rhs) for e in side.atoms(Expectation, MatrixExpectation)}
    bound = {b for b in bound | {var} | set(context.variables) if isinstance(b, MatrixSymbol)}
    dimensions = sorted({d for m in matrices for d in m.shape if d.free_symbols}, key=str)
    seed = seed_of(lhs, rhs)
    achieved = []
    plans = [(size, None) for size in SYMBOLIC_SIZES]
    plans += [(size, draw) for size in (*RANDOM_SIZES, *context.sizes) for draw in range(DRAWS)]
    for size, draw in plans:
        symbolic = matrices if draw is None else [m for m in matrices if m in bound]
        mapping, groups = _symbolic(symbolic, dimensions, size, context.matrices)
        if draw is not None:
            rng = random.Random(seed + 1009 * size + draw)
            others = [m for m in matrices if m not in bound]
            mapping.update(_random(others, dimensions, size, context.matrices, rng))
            groups = []
        sub = context.instantiated(mapping, groups)
        left, right = (_explicit(e, mapping) for e in (lhs, rhs))
        variable = _explicit(var, mapping) if var is not None else None
        for a, b in _pairs(left, right):
            verdict = check_relation(a, symbol, b, sub, variable)
            if verdict.status != "verified":
                return _at_size(verdict, size, mapping, draw)
        achieved.append((size, draw, verdict.method))
    return Verdict("verified", _summary(achieved))


def _explicit(expr: Basic, mapping: dict) -> Basic:
    """``expr`` at the explicit size: matrix symbols replaced, matrix operations carried out."""
    if isinstance(expr, (list, tuple)):
        return type(expr)(_explicit(e, mapping) for e in expr)
    done = expr.xreplace(mapping).doit()
    if isinstance(done, MatrixExpr) and not isinstance(done, MatrixBase):
        return done.as_explicit()
    return done.replace(
        lambda e: (
            isinstance(e, MatrixExpr)
            and not isinstance(e, MatrixBase)
            and all(sympify(d).is_Integer for d in e.shape)
        ),
        lambda e: e.as_explicit(),
    )


def _pairs(left, right):
    if isinstance(left, MatrixBase) and isinstance(right, MatrixBase):
        return list(zip(left, right, strict=True))
    return [(left, right)]


def _symbolic(matrices, dimensions, size, kinds):
    """Entries as real symbols; each covariance symmetric, with its entries in one group that
    the sampler fills jointly with a positive-definite matrix."""
    mapping, groups = {d: size for d in dimensions}, []
    for m in matrices:
        rows, cols = (size if d.free_symbols else int(d) for d in m.shape)
        kind = kinds.get(m, "vector" if cols == 1 else "square")

        def entry(i, j, m=m):
            return Symbol(f"{m.name}[{i},{j}]", real=True)

        if kind == "spd":
            matrix = ImmutableMatrix(rows, cols, lambda i, j: entry(min(i, j), max(i, j)))
            groups.append(matrix)
        else:
            matrix = ImmutableMatrix(rows, cols, entry)
        mapping[m] = matrix
    return mapping, groups


def _random(matrices, dimensions, size, kinds, rng: random.Random) -> dict:
    mapping = {d: size for d in dimensions}
    for m in matrices:
        rows, cols = (size if d.free_symbols else int(d) for d in m.shape)
        kind = kinds.get(m, "vector" if cols == 1 else "square")
        if kind == "spd":
            mapping[m] = positive_definite(rows, rng)
        elif kind == "square":
            mapping[m] = _invertible(rows, rng)
        else:
            mapping[m] = ImmutableMatrix(rows, cols, lambda i, j: _rational(rng))
    return mapping


def positive_definite(size: int, rng: random.Random) -> ImmutableMatrix:
    """An exact rational symmetric positive-definite matrix L·Lᵀ + I/4.

    Example:
        >>> m = positive_definite(3, random.Random(0))
        >>> m.is_symmetric() and all(m[:k, :k].det() > 0 for k in (1, 2, 3))
        True
    """
    lower = zeros(size, size)
    for i in range(size):
        for j in range(i + 1):
            lower[i, j] = _rational(rng) if i != j else abs(_rational(rng)) + 1
    return ImmutableMatrix(lower * lower.T + eye(size) / 4)


def _invertible(size: int, rng: random.Random) -> ImmutableMatrix:
    while True:
        matrix = ImmutableMatrix(size, size, lambda i, j: _rational(rng))
        if matrix.det() != 0:
            return matrix


def _rational(rng: random.Random) -> Rational:
    return Rational(rng.randint(-12, 12), rng.randint(1, 5))


def joint_points(symbols: list, groups: list, ranges: dict, seed: int, count: int) -> list[dict]:
    """Points for ``symbols`` in which each group of covariance entries is positive definite."""
    points = sample_points(symbols, ranges, seed, count)
    rng = random.Random(seed)
    for point in points:
        for group in groups:
            values = positive_definite(group.shape[0], rng)
            for entry, value in zip(group, values, strict=True):
                if entry in point:
                    point[entry] = value
    return points


def _at_size(verdict, size: int, mapping: dict, draw):
    """A verdict found at one size, saying where (and, for random draws, with the matrices)."""
    from .checker import Verdict

    where = f"n = {size}" + ("" if draw is None else ", exact random matrices")
    if verdict.status == "unverified":
        return Verdict("unverified", reason=f"at {where}: {verdict.reason}")
    example = verdict.counterexample
    shown = tuple((m, v) for m, v in mapping.items() if isinstance(m, MatrixSymbol))
    if draw is None:
        shown = ()  # the entries are in the point already
    return Verdict(
        "refuted", f"{verdict.method} at {where}", replace(example, values=shown + example.values)
    )


def _summary(achieved: list) -> str:
    symbolic = [
        size for size, draw, method in achieved if draw is None and method.startswith("symbolic")
    ]
    sizes = sorted({size for size, draw, _ in achieved if draw is not None})
    parts = []
    if symbolic:
        parts.append(f"symbolic n ≤ {max(symbolic)}")
    numeric = sorted({size for size, draw, m in achieved if draw is None} - set(symbolic))
    if numeric:
        parts.append(f"numeric with symbolic entries n = {', '.join(map(str, numeric))}")
    parts.append(f"exact random n = {', '.join(map(str, sizes))}")
    return "matrices: " + "; ".join(parts)
