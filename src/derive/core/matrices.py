"""Checking matrix identities by instantiating the dimension.

A step stated with ``MatrixSymbol``s of symbolic size n is checked at explicit sizes:

- n = 1 and 2 with fully symbolic entries (a covariance symmetric, its entries sampled jointly
  as L·Lᵀ so that it is positive definite): refuted at a sampled point, or proved by
  simplification, or agreeing numerically at every point;
- n = 3, 4, 6 (and any size asked for with ``--dim``) with exact random rational matrices:
  symmetric positive-definite covariances L·Lᵀ + I/4, other square matrices with random entries
  (invertible), rational vectors; two independent draws per size (one at a size asked for).
  What a domain computes better at an explicit size (the Gaussian domain: expectations of
  polynomials of degree ≤ 3 over a normal vector, by sigma points) it does through the
  ``sized`` plug-ins (:mod:`derive.core.plugins`) before the matrices are put in.

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

import functools
import operator
import random
from dataclasses import replace
from fractions import Fraction

from sympy import (
    Basic,
    BlockMatrix,
    Determinant,
    Identity,
    ImmutableMatrix,
    Inverse,
    MatAdd,
    MatMul,
    MatPow,
    MatrixBase,
    MatrixExpr,
    MatrixSlice,
    MatrixSymbol,
    Mul,
    OneMatrix,
    Rational,
    Symbol,
    Trace,
    Transpose,
    ZeroMatrix,
    sympify,
)
from sympy.matrices.exceptions import ShapeError

from ..errors import CheckTimeout
from .memo import remembered
from .plugins import PLUGINS
from .rational_matrices import rational_identity
from .sampling import sample_points, seed_of
from .timebound import time_bound
from .verdict import Status, Strength, Verdict, weakest

# How an ill-formed verdict's reason begins (kept for the mutation report's wording).
ILL_FORMED = "not well-formed"


def has_matrices(*exprs: Basic) -> bool:
    """Whether any of ``exprs`` holds a matrix symbol (of symbolic or explicit size), or is a
    matrix of symbolic size (a zero vector 0ₙ, an identity Iₙ).

    Example:
        >>> has_matrices(MatrixSymbol("B", 3, 2).T * MatrixSymbol("B", 3, 2))
        True
        >>> has_matrices(Identity(2) * 3)
        False
    """
    return any(_matrix_symbols(e) or _symbolic_size(e) or _sized_symbols(e) for e in exprs)


def _symbolic_size(expr: Basic) -> bool:
    return bool(_symbolic_shapes(expr))


def _symbolic_shapes(expr: Basic) -> list:
    """The shapes of symbolic size of ``expr`` itself, if it is a matrix, and of the constant
    matrices in it (det(s Iₙ) holds Iₙ)."""
    found = [expr] if isinstance(expr, MatrixExpr) else []
    if isinstance(expr, Basic):
        found += list(expr.find(lambda e: isinstance(e, (Identity, ZeroMatrix, OneMatrix))))
    shapes = [getattr(m, "shape", None) for m in found]
    return [s for s in shapes if s and not all(getattr(d, "is_Integer", False) for d in s)]


def _matrix_symbols(expr: Basic) -> set:
    return {m for m in expr.atoms(MatrixSymbol) if not all(d.is_Integer for d in m.shape)}


def _sized_symbols(expr: Basic) -> set:
    """The matrix symbols of explicit size (Φ ∈ ℝ^{3×2}) in ``expr``."""
    if not isinstance(expr, Basic):
        return set()
    return {m for m in expr.atoms(MatrixSymbol) if all(d.is_Integer for d in m.shape)}


def check_matrix_step(lhs: Basic, symbol: str, rhs: Basic, context, var=None):
    """Check ``lhs <symbol> rhs`` at every size; the first failure decides."""
    from .checker import check_relation, substitute

    # Matrices defined by the derivation (Σ := (Σ₁⁻¹ + Σ₂⁻¹)⁻¹) are replaced before sizing.
    defined = {k: v for k, v in context.definitions.items() if isinstance(k, MatrixSymbol)}
    if defined:
        lhs, rhs = substitute(lhs, defined), substitute(rhs, defined)
        others = {k: v for k, v in context.definitions.items() if k not in defined}
        context = replace(context, definitions=others)
    laws = list(context.variables.values()) + list(context.definitions.values())
    matrices = sorted(set().union(*(_matrix_symbols(e) for e in (lhs, rhs, *laws))), key=str)
    sized = sorted(set().union(*(_sized_symbols(e) for e in (lhs, rhs, *laws))), key=str)
    if not matrices and sized:  # Φ ∈ ℝ^{3×2}: the size is the claim's, not a sample of sizes
        return _at_declared_sizes(lhs, symbol, rhs, context, var, sized)
    matrices += sized  # beside matrices of symbolic size, of their own size at every size
    if not matrices:  # tr(Iₙ) = n: constant matrices that SymPy carries out leave numbers
        done = [sympify(side).doit() if isinstance(side, Basic) else side for side in (lhs, rhs)]
        if not has_matrices(*done) and not any(isinstance(d, MatrixExpr) for d in done):
            return check_relation(done[0], symbol, done[1], context, var)
    # Variables bound by an expectation, or the variable of ∝, stay symbols at every size.
    bound = {v for binder in PLUGINS.binders for side in (lhs, rhs) for v in binder(side)}
    bound = {b for b in bound | {var} | set(context.variables) if isinstance(b, MatrixSymbol)}
    # 0ₙ = 0ₙ, det(s Iₙ) = sⁿ: the sizes of the sides and of their constant matrices count
    shapes = [m.shape for m in matrices] + [
        s for side in (lhs, rhs) for s in _symbolic_shapes(side)
    ]
    dimensions = sorted(
        set().union(*(sympify(d).free_symbols for shape in shapes for d in shape)), key=str
    )
    if not dimensions:  # explicit sizes only (a 1×1 value of a function of a vector)
        left, right = (number_of(side) for side in (lhs, rhs))
        if has_matrices(left, right) or _mixed(left, right):
            return Verdict.unverified("a matrix compared with a number")
        return check_relation(left, symbol, right, context, var)
    seed = seed_of(lhs, rhs)
    achieved = []
    config = context.config
    plans = [(size, None) for size in config.symbolic_sizes]
    plans += [(size, draw) for size in config.random_sizes for draw in range(config.draws)]
    plans += [(size, 0) for size in context.sizes if size not in config.random_sizes]
    for size, draw in plans:
        dims = dimension_sizes(dimensions, size, draw or 0)
        rng = None if draw is None else random.Random(seed + 1009 * size + draw)
        mapping, groups = _instance(matrices, bound, dims, context.matrices, rng)
        verdict = _entrywise(lhs, symbol, rhs, context, var, mapping, groups)
        if not verdict.verified:
            return _located(verdict, dims, mapping, draw)
        achieved.append((size, draw, verdict))
    label = (
        str(dimensions[0]) if len(dimensions) == 1 else f"max({', '.join(map(str, dimensions))})"
    )
    return _sized(achieved, label)


def _instance(matrices, bound, dims, kinds, rng=None):
    """The matrices at the sizes ``dims``: with symbolic entries, or (with a random generator
    ``rng``) as exact random matrices but for the ``bound`` ones (variables of an expectation),
    which keep symbolic entries."""
    symbolic = matrices if rng is None else [m for m in matrices if m in bound]
    mapping, groups = _symbolic(symbolic, dims, kinds)
    if rng is not None:
        others = [m for m in matrices if m not in bound]
        mapping.update(_random(others, dims, kinds, rng))
        groups = []
    return mapping, groups


def _entrywise(lhs, symbol: str, rhs, context, var, mapping: dict, groups: list) -> Verdict:
    """``lhs <symbol> rhs`` with the matrices of ``mapping`` put in, entry by entry: the weakest
    verdict of the entries, or the first that is not verified (not yet located)."""
    from .checker import check_relation

    try:
        sub = context.instantiated(mapping, groups)
        left, right = (number_of(at_size(e, mapping)) for e in (lhs, rhs))
    except ShapeError as error:  # well-formed for symbolic n, not at this size
        return Verdict.ill_formed(str(error))
    except ValueError as error:  # a matrix of symbolic size beside the explicit ones
        return Verdict.unverified(f"a side cannot be written out at explicit sizes ({error})")
    shapes = [getattr(side, "shape", None) for side in (left, right)]
    if not _mixed(left, right) and shapes[0] != shapes[1]:
        shown = [f"{s[0]}×{s[1]}" for s in shapes]
        return Verdict.ill_formed(f"a matrix of shape {shown[0]} compared with one of {shown[1]}")
    variable = at_size(var, mapping) if var is not None else None
    verdicts = []
    for a, b in _pairs(left, right):
        if has_matrices(a, b) or _mixed(a, b):  # what no size makes explicit
            return Verdict.unverified(
                "a side stays a matrix expression at explicit sizes "
                "(an unknown function of a vector, or a matrix beside a number)"
            )
        verdict = check_relation(a, symbol, b, sub, variable)
        if not verdict.verified:
            return verdict
        verdicts.append(verdict)
    return weakest(verdicts)


def _at_declared_sizes(lhs, symbol: str, rhs, context, var, matrices: list) -> Verdict:
    """``lhs <symbol> rhs`` whose matrices all have explicit sizes (Φ ∈ ℝ^{3×2}). The sizes are
    part of what is claimed, so a proof at them is a proof of the claim as stated: exact random
    instances first (:attr:`~derive.core.config.Config.draws` of them; a difference refutes),
    then every matrix written out with its entries as real symbols (a covariance's symmetric,
    sampled jointly positive definite): an equation of rational expressions is proved as one of
    rational functions (:mod:`derive.core.rational_matrices`), any other relation entry by entry
    by the checker. Where that costs more than
    :attr:`~derive.core.config.Config.entry_proof_timeout`, the instances are the verdict:
    numeric evidence, and it says so.

    Example:
        >>> from derive.core.checker import CheckContext
        >>> A, B = MatrixSymbol("A", 2, 2), MatrixSymbol("B", 2, 2)
        >>> _at_declared_sizes((A * B).T, "=", B.T * A.T, CheckContext(), None, [A, B]).is_proof
        True
        >>> _at_declared_sizes(A * B, "=", B * A, CheckContext(), None, [A, B]).status
        <Status.REFUTED: 'refuted'>
    """
    bound = {v for binder in PLUGINS.binders for side in (lhs, rhs) for v in binder(side)}
    bound = {b for b in bound | {var} | set(context.variables) if isinstance(b, MatrixSymbol)}
    sizes = ", ".join(f"{m.name} {m.shape[0]}×{m.shape[1]}" for m in matrices)
    seed, config = seed_of(lhs, rhs), context.config
    instances = []
    for draw in range(config.draws):
        mapping, groups = _instance(
            matrices, bound, {}, context.matrices, random.Random(seed + draw)
        )
        verdict = _entrywise(lhs, symbol, rhs, context, var, mapping, groups)
        if not verdict.verified:
            return _located(verdict, {}, mapping, draw)
        instances.append(verdict)
    mapping, groups = _instance(matrices, bound, {}, context.matrices)
    if symbol == "=" and rational_identity(lhs, rhs, mapping):
        return Verdict.proof(
            f"matrices at the declared sizes ({sizes}), entries as symbols: both sides are the "
            "same rational function of them (wherever the inverses exist)"
        )
    try:
        with time_bound(config.entry_proof_timeout):
            verdict = _entrywise(lhs, symbol, rhs, context, var, mapping, groups)
    except CheckTimeout:
        verdict = None
    if verdict is not None and verdict.status in (Status.REFUTED, Status.ILL_FORMED):
        return _located(verdict, {}, mapping, None)
    if verdict is not None and verdict.is_proof:
        return verdict.with_method(
            f"matrices at the declared sizes ({sizes}), entries as symbols, entry by entry"
        )
    numeric = [v for v in instances if v.strength is Strength.NUMERIC]
    why = "the entries as symbols too costly" if verdict is None else "no proof with symbols"
    return Verdict.numeric(
        f"matrices at the declared sizes ({sizes}): {config.draws} exact random instances "
        f"agree ({why})",
        points=config.draws,
        digits=min((v.digits for v in numeric), default=0),
    )


def at_size(expr: Basic, mapping: dict) -> Basic:
    """``expr`` at an explicit size: the symbols in ``mapping`` (dimensions, matrix symbols)
    replaced, matrix operations carried out.

    Example:
        >>> from sympy import Inverse, MatrixSymbol, symbols
        >>> n = symbols("n", integer=True, positive=True)
        >>> A = MatrixSymbol("A", n, n)
        >>> at_size(Inverse(A)[:1, :], {n: 2, A: ImmutableMatrix([[2, 0], [0, 4]])})
        Matrix([[1/2, 0]])
    """
    if isinstance(expr, (list, tuple)):
        return type(expr)(at_size(e, mapping) for e in expr)
    for sized in PLUGINS.sized:  # what a domain does better at this size, first
        expr = sized(expr, mapping)
    done = evaluate_matrices(sympify(expr.xreplace(mapping)))  # n at a size: a number
    if not done.has(MatrixExpr) or isinstance(done, MatrixBase):
        return done
    done = done.doit()  # expectations of matrices, entry by entry
    if isinstance(done, MatrixExpr) and not isinstance(done, MatrixBase):
        return done.as_explicit()
    return evaluate_matrices(done)


_OPERATIONS = {
    MatMul: lambda coefficient, *factors: coefficient * _product(factors),
    MatAdd: lambda *terms: sum(terms[1:], terms[0]),
    Inverse: lambda m, *_: inverse(m),
    Transpose: lambda m: m.T,
    MatPow: lambda m, k: m**k,
}


def evaluate_matrices(expr: Basic) -> Basic:
    """Carry out matrix operations bottom-up once their operands are explicit: each inverse is
    computed once (SymPy's entry-wise ``as_explicit`` recomputes it for every entry).

    Example:
        >>> from sympy import Inverse
        >>> evaluate_matrices(2 * Inverse(ImmutableMatrix([[2, 0], [0, 4]]))).tolist()
        [[1, 0], [0, 1/2]]
        >>> from sympy import BlockMatrix, ZeroMatrix
        >>> evaluate_matrices(BlockMatrix([[ImmutableMatrix([[2]]), ZeroMatrix(1, 1)]])).tolist()
        [[2, 0]]
    """
    if isinstance(expr, MatrixBase) or not expr.args:
        return expr
    if isinstance(expr, (Identity, ZeroMatrix, OneMatrix)) and expr.shape[0].is_Integer:
        return ImmutableMatrix(expr.as_explicit())
    if isinstance(expr, BlockMatrix):  # its blocks hide in one matrix argument
        blocks = [[evaluate_matrices(b) for b in row] for row in expr.blocks.tolist()]
        if all(isinstance(b, MatrixBase) for row in blocks for b in row):
            return ImmutableMatrix.vstack(*(ImmutableMatrix.hstack(*row) for row in blocks))
        return BlockMatrix(blocks)
    args = [evaluate_matrices(a) for a in expr.args]
    if isinstance(expr, MatrixSlice) and isinstance(args[0], MatrixBase):
        rows, cols = (slice(*(int(i) for i in part)) for part in (expr.rowslice, expr.colslice))
        return ImmutableMatrix(args[0][rows, cols])
    operation = next((f for kind, f in _OPERATIONS.items() if isinstance(expr, kind)), None)
    matrices = [a for a in args if isinstance(a, MatrixBase)]
    if (
        operation
        and matrices
        and all(isinstance(a, MatrixBase) or not a.has(MatrixExpr) for a in args)
    ):
        if isinstance(expr, MatMul):
            coefficient = Mul(*(a for a in args if not isinstance(a, MatrixBase)))
            return ImmutableMatrix(operation(coefficient, *matrices))
        return ImmutableMatrix(operation(*args))
    rebuilt = expr.func(*args) if args != list(expr.args) else expr
    if isinstance(rebuilt, Determinant) and isinstance(rebuilt.args[0], MatrixBase):
        return determinant(rebuilt.args[0])
    scalars = (Determinant, Trace, *PLUGINS.scalar_functions)
    if isinstance(rebuilt, scalars) and isinstance(rebuilt.args[0], MatrixBase):
        return rebuilt.doit()
    return rebuilt


def inverse(matrix) -> ImmutableMatrix:
    """The inverse of an explicit square matrix, exactly as SymPy's ``Matrix.inv`` gives it,
    each distinct matrix computed once per process (the sizes of a step and the steps of a
    document invert the same matrices again and again). A multiple of the identity c·I is
    inverted through the 1×1 matrix [c]: the same entries (SymPy's elimination on [c·I | I]
    does on each row what it does on [c | 1]), without eliminating n rows of expressions.

    Example:
        >>> from sympy import symbols
        >>> b = symbols("b", positive=True)
        >>> inverse(ImmutableMatrix([[b + 1, 0], [0, b + 1]])).tolist()
        [[1/(b + 1), 0], [0, 1/(b + 1)]]
        >>> inverse(ImmutableMatrix([[2, 1], [1, 1]])).tolist()
        [[1, -1], [-1, 2]]
    """
    return _inverse(ImmutableMatrix(matrix))


@remembered(maxsize=1024)
def _inverse(matrix: ImmutableMatrix) -> ImmutableMatrix:
    rows, cols = matrix.shape
    if rows == cols > 1 and matrix.is_diagonal() and len(set(matrix.diagonal())) == 1:
        entry = _inverse(ImmutableMatrix([[matrix[0, 0]]]))[0, 0]
        return ImmutableMatrix(rows, cols, lambda i, j: entry if i == j else 0)
    return ImmutableMatrix(matrix.inv())


def determinant(matrix) -> Basic:
    """The determinant of an explicit matrix, computed in the domain of its entries (exact
    rationals: fraction-free elimination over ℚ, much faster than on expressions).

    Example:
        >>> determinant(ImmutableMatrix([[2, 1], [1, 3]]))
        5
    """
    dm = matrix.to_DM()
    return dm.domain.to_sympy(dm.det())


def _product(factors):
    return functools.reduce(operator.mul, factors)


def number_of(value):
    """An explicit 1×1 matrix as its entry; anything else unchanged."""
    if isinstance(value, MatrixBase) and value.shape == (1, 1):
        return value[0, 0]
    return value


def _mixed(a, b) -> bool:
    """Whether one of ``a``, ``b`` is a matrix and the other is not (a number): no entry-wise
    comparison."""
    return isinstance(a, (MatrixBase, MatrixExpr)) != isinstance(b, (MatrixBase, MatrixExpr))


def _pairs(left, right):
    if isinstance(left, MatrixBase) and isinstance(right, MatrixBase):
        return list(zip(left, right, strict=True))
    return [(left, right)]


def dimension_sizes(dimensions: list, size: int, draw: int = 0) -> dict:
    """Explicit values for the dimension symbols: one dimension takes ``size``; with several
    (a partition into blocks of sizes a and b), the others take one less, and the draws
    alternate which one is the larger.

    Example:
        >>> from sympy import symbols
        >>> a, b = symbols("a b", integer=True, positive=True)
        >>> dimension_sizes([a, b], 3, 0), dimension_sizes([a, b], 3, 1)
        ({a: 3, b: 2}, {a: 2, b: 3})
    """
    if len(dimensions) == 1:
        return {dimensions[0]: size}
    first = draw % len(dimensions)
    return {d: size if i == first else max(1, size - 1) for i, d in enumerate(dimensions)}


def _shape(matrix: MatrixSymbol, dims: dict) -> tuple[int, int]:
    return tuple(int(sympify(d).xreplace(dims)) for d in matrix.shape)


def _symbolic(matrices, dims, kinds):
    """Entries as real symbols; each covariance symmetric, with its entries in one group that
    the sampler fills jointly with a positive-definite matrix."""
    mapping, groups = dict(dims), []
    for m in matrices:
        rows, cols = _shape(m, dims)
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


def random_instance(expr: Basic, kinds: dict, size: int = 3, seed: int = 0) -> Basic:
    """``expr`` with its matrix symbols replaced by exact random matrices of ``size`` (covariances
    symmetric positive definite, per ``kinds``).

    Example:
        >>> from sympy import symbols
        >>> n = symbols("n", integer=True, positive=True)
        >>> A, S = MatrixSymbol("A", n, n), MatrixSymbol("S", n, n)
        >>> m = random_instance(A * S, {S: "spd"})
        >>> m.shape, m == m.T
        ((3, 3), False)
    """
    matrices = sorted(_matrix_symbols(expr), key=str)
    shapes = [*(d for m in matrices for d in m.shape), *getattr(expr, "shape", ())]
    dimensions = sorted(set().union(*(sympify(d).free_symbols for d in shapes)), key=str)

    dims = dimension_sizes(dimensions, size) if dimensions else {}
    return at_size(expr, _random(matrices, dims, kinds, random.Random(seed)))


def _random(matrices, dims, kinds, rng: random.Random) -> dict:
    mapping = dict(dims)
    for m in matrices:
        rows, cols = _shape(m, dims)
        kind = kinds.get(m, "vector" if cols == 1 else "square")
        if kind == "spd":
            mapping[m] = positive_definite(rows, rng)
        elif kind == "square" and rows == cols:  # (a 3×2 matrix has random entries)
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
    # In Python fractions, not SymPy matrices: the same numbers (drawn in the same order), many
    # times faster, and the joint points draw one such matrix per point.
    lower = [[Fraction(0)] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1):
            value = _fraction(rng)
            lower[i][j] = value if i != j else abs(value) + 1
    entries = [
        sum((lower[i][k] * lower[j][k] for k in range(size)), Fraction(1, 4) if i == j else 0)
        for i in range(size)
        for j in range(size)
    ]
    return ImmutableMatrix(size, size, [Rational(e.numerator, e.denominator) for e in entries])


def _invertible(size: int, rng: random.Random) -> ImmutableMatrix:
    while True:
        matrix = ImmutableMatrix(size, size, lambda i, j: _rational(rng))
        if determinant(matrix) != 0:  # exact over ℚ, as Matrix.det but 6× faster at n = 32
            return matrix


def _rational(rng: random.Random) -> Rational:
    return Rational(rng.randint(-12, 12), rng.randint(1, 5))


def _fraction(rng: random.Random) -> Fraction:
    """The number :func:`_rational` draws, as a Python fraction."""
    return Fraction(rng.randint(-12, 12), rng.randint(1, 5))


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


def _located(verdict, dims: dict, mapping: dict, draw):
    """A verdict found at one size, saying where (and, for random draws, with the matrices)."""
    where = ", ".join(f"{d} = {v}" for d, v in dims.items()) or "the declared sizes"
    where += "" if draw is None else ", exact random matrices"
    if verdict.status in (Status.UNVERIFIED, Status.ILL_FORMED):
        return verdict.with_reason(f"at {where}: {verdict.reason}")
    example = verdict.counterexample
    shown = tuple((m, v) for m, v in mapping.items() if isinstance(m, MatrixSymbol))
    if draw is None:
        shown = ()  # the entries are in the point already
    return Verdict.refuted(
        f"{verdict.method} at {where}", replace(example, values=shown + example.values)
    )


def _sized(achieved: list, n: str = "n") -> Verdict:
    """One verdict for the sizes a matrix step was checked at: evidence at those sizes (a
    symbolic proof at n = 2 says nothing of n = 5), numeric if any size was numeric only."""
    proved = [size for size, draw, v in achieved if draw is None and v.is_proof]
    exact = sorted({size for size, draw, v in achieved if draw is not None and v.is_proof})
    numeric = [v for _, _, v in achieved if v.strength is Strength.NUMERIC]
    parts = []
    if proved:
        parts.append(f"symbolic entries {n} = {', '.join(map(str, proved))}")
    numeric_sizes = sorted({size for size, _, v in achieved if v.strength is Strength.NUMERIC})
    if numeric_sizes:
        parts.append(f"numeric {n} = {', '.join(map(str, numeric_sizes))}")
    if exact:
        parts.append(f"exact random matrices {n} = {', '.join(map(str, exact))}")
    sizes = tuple(sorted({size for size, _, _ in achieved}))
    method = "matrices: " + "; ".join(parts)
    if numeric:
        low = weakest(numeric)
        return Verdict.numeric(method, points=low.points, digits=low.digits, sizes=sizes)
    return Verdict.at_sizes(method, sizes)
