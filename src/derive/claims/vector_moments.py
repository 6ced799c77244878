"""Moments of a normal vector under a given ``x ~ N(μ, Σ)`` of a bold x: a claim
``E[f(x)] = g`` with f a matrix polynomial of degree at most 4 in x (PRML eq. 2.62
E[x xᵀ] = μμᵀ + Σ, the Matrix Cookbook §8.2 products).

Checked on exact instances at n = 1, 2, 3 (square matrices for the other capitals): x is
written μ + Rε with an integer triangular R (Σ = RRᵀ) and the expectation taken monomial by
monomial from the standard normal moments (E[ε_i²] = 1, E[ε_i⁴] = 3, odd ones 0) — never from
a closed form. A differing instance refutes; agreement is evidence at those sizes, not a proof.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbb{E}[\\mathbf{x}\\mathbf{x}^{\\mathrm{T}}] = \\boldsymbol\\Sigma",
    ...        (r"\\mathbf{x} \\sim \\mathcal{N}(\\boldsymbol\\mu, \\boldsymbol\\Sigma)",)).kind
    'fails'
"""

from __future__ import annotations

import random
import zlib

from sympy import ImmutableMatrix, Poly, Symbol, factorial2, zeros

SIZES = (1, 2, 3)
DRAWS = 2


def moment_decision(claim: str, given: tuple, vectors_only: bool = False):
    """The decision on ``claim`` about moments of a declared normal vector, or None;
    ``vectors_only``: only where an expectation is of a vector or matrix (E[x], E[x xᵀ]),
    which the usual reading takes for a constant."""
    from ..errors import UsageError
    from ..gaussian import Expectation
    from .build import IllFormed

    if "\\mathbb{E}" not in claim and "E[" not in claim:
        return None
    laws = [text for text in given if "\\sim" in text]
    if len(laws) != 1:
        return None
    try:
        if not _shapes_only([text for text in given if text not in laws]):
            return None
        setup = _setup(claim, laws[0])
    except (UsageError, IllFormed):
        return None
    if setup is None:
        return None
    if vectors_only and not any(
        isinstance(side, Expectation) and getattr(side.args[0], "shape", (1, 1)) != (1, 1)
        for side in (setup[0].lhs, setup[0].rhs)
    ):
        return None
    return _check(claim, *setup)


def _shapes_only(texts) -> bool:
    """Whether ``texts`` only declare shapes of the default sizes (A ∈ ℝ^{n×n}, b ∈ ℝ^n), the
    sizes this route instantiates."""
    from .givens import read_givens
    from .names import DIMENSION

    if not texts:
        return True
    declared = read_givens(tuple(texts))
    said = {a.subject for a in declared.readings}
    square, column = (DIMENSION, DIMENSION), (DIMENSION, 1)
    shapes = set(declared.shapes.values())
    return bool(shapes) and shapes <= {square, column} and said <= set(declared.shapes)


def _setup(claim, text):
    from ..gaussian import Expectation
    from .block_laws import _is_vector_law
    from .build import build
    from .claim_rewrites import tree_of
    from .names import DIMENSION, Names
    from .parse import parse

    tree = tree_of(text)
    if tree is None:
        return None
    g = build(tree, Names())
    centred = _zero_mean(g)  # x ~ N(0, Σ): the mean 0 (a letter for it otherwise)
    if not (_is_vector_law(g, text) or centred and _is_vector_law(centred, text)):
        return None
    x, cov = g.lhs.name, g.rhs.args[1].name
    mu = None if centred else g.rhs.args[0].name
    scalar = build(parse(claim), Names())
    letters = {s.name for side in (scalar.lhs, scalar.rhs) for s in _symbols(side)}
    vectors = {n for n in letters if n[:1].islower() and n not in (cov,)} | {x} | {mu} - {None}
    n = DIMENSION
    shapes = {x: (n, 1), cov: (n, n)} | ({mu: (n, 1)} if mu else {})
    main = build(parse(claim), Names(matrix=True, vectors=vectors, shapes=shapes))
    sides = (main.lhs, main.rhs)
    if main.kind != "equal" or not any(isinstance(s, Expectation) for s in sides):
        return None
    for side in sides:
        if not isinstance(side, Expectation) and side.has(Expectation):
            return None
        if isinstance(side, Expectation) and len(side.args) > 1 and any(side.args[1:]):
            return None
    return main, (x, mu, cov), n


def _zero_mean(g):
    """The law ``g`` with a zero mean (0, \\mathbf{0}) written as a letter, else None."""
    from dataclasses import replace

    from sympy import MatrixSymbol, ZeroMatrix

    rhs = getattr(g, "rhs", None)
    mean = getattr(rhs, "args", (None,))[0] if rhs is not None else None
    if not (mean == 0 or isinstance(mean, ZeroMatrix)):
        return None
    lettered = rhs.func(MatrixSymbol("_zero", 1, 1), *rhs.args[1:])
    return replace(g, rhs=lettered)


def _symbols(side) -> set:
    return getattr(side, "free_symbols", set())


def _standard_moment(monomial: tuple) -> int:
    """E[∏ ε_i^{k_i}] for independent standard normals."""
    value = 1
    for k in monomial:
        if k % 2:
            return 0
        value *= factorial2(k - 1) if k else 1
    return value


def _expectation(matrix, noise):
    def entry(value):
        poly = Poly(value.expand(), *noise)
        return sum(c * _standard_moment(m) for m, c in poly.terms())

    return matrix.applyfunc(entry)


def _check(claim, main, letters, dimension):
    from ..gaussian import Expectation
    from .block_laws import _is_matrix, _refuted
    from .decide import Decision

    x, mu, cov = letters
    rng = random.Random(zlib.crc32(claim.encode()))
    checked = 0
    for n in SIZES:
        noise = [Symbol(f"_e{i}") for i in range(n)]
        for _ in range(DRAWS):
            cells = [
                (rng.randint(1, 2) if i == j else rng.randint(-2, 2)) if j <= i else 0
                for i in range(n)
                for j in range(n)
            ]
            root = ImmutableMatrix(n, n, cells)
            mean = [rng.randint(-3, 3) for _ in range(n)] if mu else [0] * n
            values = {mu: ImmutableMatrix(n, 1, mean)}
            values[cov] = root * root.T
            for s in sorted({s for side in (main.lhs, main.rhs) for s in _symbols(side)}, key=str):
                if s.name not in values and s.name != x and hasattr(s, "shape"):
                    rows, columns = (int(d.subs(dimension, n)) for d in s.shape)
                    values[s.name] = ImmutableMatrix(
                        rows, columns, [rng.randint(-2, 2) for _ in range(rows * columns)]
                    )
            random_x = values[mu] + root * ImmutableMatrix(n, 1, noise)
            results = []
            for side in (main.lhs, main.rhs):
                body = side.args[0] if isinstance(side, Expectation) else side
                swap = {s: values[s.name] for s in _symbols(body) if s.name in values}
                swap |= {s: random_x for s in _symbols(body) if s.name == x}
                swap |= {s: n for s in _symbols(body) if s == dimension}
                value = body.xreplace(swap).doit()
                if not _is_matrix(value):
                    if getattr(value, "is_number", False) or value.free_symbols <= set(noise):
                        value = ImmutableMatrix([[value]])
                    else:
                        return None
                if isinstance(side, Expectation):
                    value = _expectation(ImmutableMatrix(value), noise)
                elif value.free_symbols:
                    return None
                results.append(ImmutableMatrix(value))
            want, got = results
            if want.shape != got.shape:
                return None
            if (want - got).applyfunc(lambda v: v.simplify()) != zeros(*want.shape):
                instance = f"μ = {values[mu].T.tolist()[0]}, Σ = {values[cov].tolist()}"
                return _refuted(claim, (n, n), instance, want, got, Decision, ("n", "n"))
            checked += 1
    method = (
        f"exact instances at n = {', '.join(map(str, SIZES))} ({DRAWS} each), x = μ + Rε "
        "with Σ = RRᵀ and the expectation taken from the standard normal moments"
    )
    decision = Decision(claim, "", read_as=claim)
    decision.assumptions = [f"{x}: a random n-vector, N({mu or 0}, {cov}) (declared)"]
    return decision.settle("holds numerically", method, points=checked, digits=0)
