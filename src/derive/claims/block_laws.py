"""Partitioned normal vectors with matrix blocks, as PRML §2.3.1-2.3.2 and GPML A.6 write
them: a given ``(x_a; x_b) ~ N((μ_a; μ_b), [[Σ_aa, Σ_ab], [Σ_ba, Σ_bb]])`` of bold letters, or
``x ~ N(μ, Σ)`` of a bold x whose parts the claim names by the subscripts a, b (x_a, μ_b, Σ_ab,
and Λ_aa for a Λ = Σ⁻¹ given), optionally with the conditional named,
``p(x_a | x_b) = N(x_a | μ_{a|b}, Σ_{a|b})``.

A claim about the blocks (a conditional or marginal law, E[x_a | x_b], the named conditional
moments) is checked on exact rational instances at explicit block sizes: a random symmetric
positive-definite joint covariance, mean and point for (n_a, n_b) = (1, 1), (2, 1), (1, 2),
(2, 2). The conditional is computed through the joint precision Λ = Σ⁻¹ (Σ_{a|b} = Λ_aa⁻¹,
μ_{a|b} = μ_a − Λ_aa⁻¹Λ_ab(x_b − μ_b)), not through the Schur-complement form a claim states;
the marginal is the block itself. One instance that differs refutes the claim (it is a valid
joint law); agreement on every instance is evidence at those sizes, never a proof.

Example:
    >>> from derive.claims import decide
    >>> joint = (r"\\begin{pmatrix}\\mathbf{x}_a \\\\ \\mathbf{x}_b\\end{pmatrix} \\sim "
    ...          r"\\mathcal{N}\\left(\\begin{pmatrix}\\boldsymbol\\mu_a \\\\ \\boldsymbol\\mu_b"
    ...          r"\\end{pmatrix}, \\begin{pmatrix}A & C \\\\ C^\\top & B\\end{pmatrix}\\right)")
    >>> decide(r"\\mathbf{x}_a \\sim \\mathcal{N}(\\boldsymbol\\mu_a, A)", (joint,)).verdict
    'holds numerically (8 points, exact arithmetic)'
"""

from __future__ import annotations

import random
import re
import zlib

from sympy import ImmutableMatrix, Matrix, MatrixSymbol, Symbol, Transpose, eye, zeros

SIZES = ((1, 1), (2, 1), (1, 2), (2, 2))
_TRANSPOSED = "_transposed"  # the place of Cᵀ in [[A, C], [Cᵀ, B]]
DRAWS = 2  # instances per size
_LETTER = (Symbol, MatrixSymbol)
_PARTS = re.compile(r"_\{?(aa|ab|ba|bb|a\b|b\b)")
_BOLD = re.compile(r"\\(mathbf|boldsymbol|bm|vec)\b")


def block_decision(claim: str, given: tuple):
    """The decision on ``claim`` under a partitioned joint law among ``given``, or None when
    the claim and givens are not of that form (they are then read as usual)."""
    from ..errors import UsageError
    from .build import IllFormed
    from .decide import Decision

    if not any("\\sim" in g for g in given) or not (
        any("\\begin{" in g for g in given) or _PARTS.search(claim)
    ):
        return None  # no stacked or partitioned law (the common case: nothing is built)
    try:
        setup = _setup(claim, given)
    except UsageError:
        return None
    except IllFormed as error:  # Cᵀ B⁻¹ C for blocks of any sizes: not a formula of them
        return Decision(claim, "fails", read_as=claim).settle("fails", f"not well-formed: {error}")
    if setup is None:
        return None
    return _check(claim, *setup)


def _setup(claim, given):
    from .build import build
    from .claim_rewrites import tree_of
    from .names import Names
    from .parse import parse

    joint, whole, inverses, named, sizes = None, None, {}, {}, {}
    for text in given:
        tree = tree_of(text)
        if tree is None:
            return None
        g = build(tree, Names())
        if joint is None and _is_block_law(g, text):
            joint = g
        elif whole is None and _is_vector_law(g, text):
            whole = (g.lhs.name, g.rhs.args[0].name, g.rhs.args[1].name)
        elif g.kind in ("equal", "define") and _is_inverse(g):
            inverses[g.lhs.name] = _inverted(g.rhs).name  # Λ = Σ⁻¹
        elif g.kind == "member" and isinstance(g.rhs, tuple) and g.rhs[0] == "space":
            size = getattr(g.rhs[1], "is_Integer", False) and int(g.rhs[1])
            sizes |= {getattr(x, "name", None): size for x in g.lhs}  # x_a ∈ ℝ²
        elif g.kind == "tuple" and _is_partition(g):
            continue  # x = (x_a, x_b): the partition the subscripts a, b name
        elif _is_named_conditional(g):
            named["mean"], named["cov"] = g.rhs.dist.args[0].name, g.rhs.dist.args[1].name
            named["of"] = (g.lhs.targets[0].name, g.lhs.conditions[0].name)
        else:
            return None  # another given: read as usual
    if joint is None and whole is None:
        return None
    if joint is not None:
        (xa, xb) = (s.name for s in joint.lhs)
        (ma, mb) = (s.name for s in _cells(joint.rhs.args[0]))
        cov = _cells(joint.rhs.args[1])
        if isinstance(cov[1, 0], Transpose) and cov[1, 0].arg == cov[0, 1]:
            cov = Matrix(cov)  # [[A, C], [Cᵀ, B]]: the lower block is the upper one transposed
            cov[1, 0] = Symbol(_TRANSPOSED)
        if not all(isinstance(c, _LETTER) for c in cov):
            return None
        blocks = {cov[i, j].name: ("cov", i, j) for i in range(2) for j in range(2)}
        blocks.pop(_TRANSPOSED, None)
        entire = {}
    else:  # x ~ N(μ, Σ) partitioned as PRML §2.3.1 writes it: x_a, μ_b, Σ_ab, Λ_aa with Λ = Σ⁻¹
        x, mu, cov_name = whole
        (xa, xb), (ma, mb) = (f"{x}_a", f"{x}_b"), (f"{mu}_a", f"{mu}_b")
        parts = {"aa": (0, 0), "ab": (0, 1), "ba": (1, 0), "bb": (1, 1)}
        blocks = {f"{cov_name}_{k}": ("cov", *ij) for k, ij in parts.items()}
        entire = {x: "point", mu: "mean", cov_name: "cov"}
        for letter, of in inverses.items():
            if of == cov_name:
                blocks |= {f"{letter}_{k}": ("prec", *ij) for k, ij in parts.items()}
                entire[letter] = "prec"
    if len({xa, xb, ma, mb, *blocks, *entire}) != 4 + len(blocks) + len(entire):
        return None
    if len(blocks) < 3:
        return None
    fixed = [{sizes[n] for n in names if n in sizes} for names in ((xa, ma), (xb, mb))]
    if any(len(f) > 1 or any(not isinstance(k, int) or k < 1 for k in f) for f in fixed):
        return None
    if named and set(named["of"]) != {xa, xb}:
        return None
    na, nb = (
        next(iter(f)) if f else Symbol(n, integer=True, positive=True)
        for f, n in zip(fixed, ("n_a", "n_b"), strict=True)
    )
    rows = (na, nb)
    shapes = {xa: (na, 1), xb: (nb, 1), ma: (na, 1), mb: (nb, 1)}
    shapes |= {name: (rows[i], rows[j]) for name, (_, i, j) in blocks.items()}
    shapes |= {n: (na + nb, 1 if k in ("point", "mean") else na + nb) for n, k in entire.items()}
    if named:
        shapes |= {named["mean"]: (na, 1), named["cov"]: (na, na)}
    from .shapes import IllFormed

    names = Names(matrix=True, shapes=shapes)
    try:
        main = build(parse(claim), names)
    except IllFormed:
        if any(r.source.startswith("default:") for r in names.readings):
            return None  # a letter read by default (Λ_ab as n×n) may be what does not line up
        raise
    known = set(shapes)
    letters = {s.name for s in _free(main) if isinstance(s, (MatrixSymbol, Symbol))}
    if not letters <= known | {"n_a", "n_b"}:
        return None
    sizes = [
        (a, b)
        for a, b in SIZES + ((next(iter(fixed[0]), 1), next(iter(fixed[1]), 1)),)
        if (not fixed[0] or a in fixed[0]) and (not fixed[1] or b in fixed[1])
    ]
    return main, (xa, xb, ma, mb), (blocks, entire), named, tuple(dict.fromkeys(sizes))


def _is_partition(g) -> bool:
    """Whether a given ``x = (x_a, x_b)`` names the two parts of x."""
    x = getattr(g.lhs, "name", None)
    return x is not None and [getattr(p, "name", None) for p in g.rhs] == [f"{x}_a", f"{x}_b"]


def _is_block_law(g, text) -> bool:
    from ..gaussian.multivariate import MvNormal

    if g.kind != "distributed" or not isinstance(g.rhs, MvNormal):
        return False
    mean, cov = (_cells(a) for a in g.rhs.args[:2])
    shaped = (
        isinstance(g.lhs, ImmutableMatrix)
        and g.lhs.shape == (2, 1)
        and isinstance(mean, ImmutableMatrix)
        and mean.shape == (2, 1)
        and isinstance(cov, ImmutableMatrix)
        and cov.shape == (2, 2)
    )
    letters = shaped and all(isinstance(s, _LETTER) for s in (*g.lhs, *mean, cov[0, 0], cov[1, 1]))
    # bold vectors stacked: blocks, not a bivariate law of two numbers
    return bool(letters and _BOLD.search(text.split("\\sim")[0]))


def _is_vector_law(g, text) -> bool:
    """``\\mathbf{x} \\sim N(\\boldsymbol\\mu, \\boldsymbol\\Sigma)``: one bold letter's law,
    letters for its mean and covariance."""
    return bool(
        g.kind == "distributed"
        and isinstance(g.lhs, _LETTER)
        and len(getattr(g.rhs, "args", ())) >= 2
        and all(isinstance(a, _LETTER) for a in g.rhs.args[:2])
        and _BOLD.search(text.split("\\sim")[0])
    )


def _inverted(value):
    from sympy import Inverse, Pow

    if isinstance(value, Pow) and value.exp == -1:
        return value.base
    if isinstance(value, Inverse):
        return value.arg
    return None


def _is_inverse(g) -> bool:
    return isinstance(g.lhs, _LETTER) and isinstance(_inverted(g.rhs), _LETTER)


def _cells(matrix):
    """The entries of a written-out matrix: its blocks for a BlockMatrix of letters."""
    from sympy import BlockMatrix

    return matrix.blocks if isinstance(matrix, BlockMatrix) else matrix


def _is_named_conditional(g) -> bool:
    from ..diffusion import ConditionalDensity
    from ..gaussian import Density

    if g.kind != "equal" or not isinstance(g.lhs, ConditionalDensity):
        return False
    if not isinstance(g.rhs, Density) or len(g.lhs.targets) != 1 or len(g.lhs.conditions) != 1:
        return False
    return all(isinstance(a, _LETTER) for a in g.rhs.dist.args[:2]) and (
        g.rhs.point == g.lhs.targets[0]
    )


def _free(main):
    out = set()
    for side in (main.lhs, main.rhs, *(c for r in main.relations for c in r)):
        if isinstance(side, tuple):
            for s in side:
                out |= getattr(s, "free_symbols", set())
        else:
            out |= getattr(side, "free_symbols", set())
    return out


def _instance(rng, na, nb):
    """An exact symmetric positive-definite joint covariance, a mean and a point x_b."""
    n = na + nb
    root = ImmutableMatrix(n, n, [rng.randint(-2, 2) for _ in range(n * n)])
    cov = ImmutableMatrix(root * root.T + eye(n))
    mean = ImmutableMatrix(n, 1, [rng.randint(-3, 3) for _ in range(n)])
    point = ImmutableMatrix(nb, 1, [rng.randint(-3, 3) for _ in range(nb)])
    return cov, mean, point


def _values(letters, blocks, named, na, nb, rng):
    """The letters' values on one exact instance, and the laws of x_a, x_b: marginal (the
    blocks) and conditional (through the joint precision), keyed (target, condition)."""
    xa, xb, ma, mb = letters
    cov, mean, point = _instance(rng, na, nb)
    cut = ((0, na), (na, na + nb))
    blocks, entire = blocks
    precision = cov.inv()
    source = {"cov": cov, "prec": precision}
    part = {
        name: source[which][slice(*cut[i]), slice(*cut[j])]
        for name, (which, i, j) in blocks.items()
    }
    points = {xa: ImmutableMatrix(na, 1, [rng.randint(-3, 3) for _ in range(na)]), xb: point}
    stacked = ImmutableMatrix.vstack(points[xa], points[xb])
    part |= {
        name: {"point": stacked, "mean": mean, **source}[kind] for name, kind in entire.items()
    }
    laws = {}
    for k, (target, other) in enumerate(((xa, xb), (xb, xa))):
        own, rest = (slice(*cut[k]), slice(*cut[1 - k]))
        inner = precision[own, own].inv()
        laws[(target, None)] = (mean[own, :], cov[own, own])
        shift = points[other] - mean[rest, :]
        laws[(target, other)] = (mean[own, :] - inner * precision[own, rest] * shift, inner)
    values = {**points, ma: mean[:na, :], mb: mean[na:, :], **part}
    if named:
        values[named["mean"]], values[named["cov"]] = laws[named["of"]]
    laws["instance"] = (
        f"joint covariance {cov.tolist()}, mean {mean.T.tolist()[0]}, "
        f"{xa} = {points[xa].T.tolist()[0]}, {xb} = {points[xb].T.tolist()[0]}"
    )
    return values, laws


def _substitute(expr, values, dims):
    from sympy.core.basic import Basic

    if not isinstance(expr, Basic):
        return expr
    swap = {}
    for s in expr.free_symbols:
        if s.name in dims:
            swap[s] = dims[s.name]
        elif s.name in values:
            swap[s] = values[s.name]
    return expr.xreplace(swap).doit()


def _law_of(main, letters):
    """(target, condition) of a law claim (condition None for a marginal), or None."""
    names = {letters[0], letters[1]}
    if main.kind == "distributed":
        target = getattr(main.lhs, "name", None)
        return (target, None) if target in names else None
    targets, conditions = main.lhs, main.relations[0]
    if len(targets) != 1 or len(conditions) != 1:
        return None
    pair = (getattr(targets[0], "name", None), getattr(conditions[0], "name", None))
    return pair if set(pair) == names else None


def _side(side, values, dims, laws, letters):
    """A side's value on the instance (E[x_a | x_b] its conditional mean), or None."""
    from .conditioning import GivenExpectation

    if not isinstance(side, GivenExpectation):
        return _substitute(side, values, dims)
    body, conditions = side.args[0], side.args[1:]
    key = (getattr(body, "name", None), *(getattr(c, "name", None) for c in conditions))
    if len(key) != 2 or key not in laws:
        return None
    return laws[key][0]


def _check(claim, main, letters, blocks, named, sizes):
    from ..gaussian.multivariate import MvNormal
    from .decide import Decision

    rng = random.Random(zlib.crc32(claim.encode()))
    kind = main.kind
    law = _law_of(main, letters) if kind in ("distributed", "conditional") else None
    if kind not in ("equal", "distributed", "conditional") or (kind != "equal" and law is None):
        return None
    if kind != "equal" and not isinstance(main.rhs, MvNormal):
        return None
    checked = 0
    for na, nb in sizes:
        dims = {"n_a": na, "n_b": nb}
        for _ in range(DRAWS):
            values, laws = _values(letters, blocks, named, na, nb, rng)
            if kind == "equal":
                expected = (_side(main.lhs, values, dims, laws, letters),)
                stated = (_side(main.rhs, values, dims, laws, letters),)
            else:
                expected = laws[law]
                stated = tuple(_substitute(a, values, dims) for a in main.rhs.args[:2])
            differing = first_difference(expected, stated)
            if differing is None:
                return None
            if differing:
                return _refuted(claim, (na, nb), laws["instance"], *differing, Decision)
            checked += 1
    method = (
        "exact rational instances of the joint law at block sizes (n_a, n_b) = "
        f"{', '.join(str(s) for s in sizes)}, {DRAWS} each; conditionals through the "
        "joint precision matrix"
    )
    decision = Decision(claim, "", read_as=claim)
    decision.assumptions = [
        f"{letters[0]}, {letters[1]}: random vectors, jointly normal (declared); blocks of "
        "matching sizes",
    ]
    return decision.settle("holds numerically", method, points=checked, digits=0)


def first_difference(expected, stated) -> tuple | None:
    """The first pair (want, got) of matrices that differ exactly, ``()`` when every pair
    agrees, None when a pair is not two matrices of one shape (nothing to compare).

    Example:
        >>> from sympy import Matrix
        >>> first_difference((Matrix([1]),), (Matrix([1]),)), first_difference((Matrix([1]),), (2,))
        ((), None)
    """
    for want, got in zip(expected, stated, strict=True):
        if not (_is_matrix(want) and _is_matrix(got)) or want.shape != got.shape:
            return None
        difference = (ImmutableMatrix(want) - ImmutableMatrix(got)).applyfunc(
            lambda v: v.simplify()
        )
        if difference != zeros(*want.shape):
            return want, got
    return ()


def _is_matrix(value) -> bool:
    return isinstance(value, (ImmutableMatrix, Matrix))


def _refuted(claim, sizes, instance, want, got, decision_type, labels=("n_a", "n_b")):
    decision = decision_type(claim, "", read_as=claim)
    at = f"{labels[0]} = {sizes[0]}, {labels[1]} = {sizes[1]}"
    decision.notes = [
        f"at sizes {at}, with {instance}: the law gives {want.tolist()}, the claim {got.tolist()}"
    ]
    return decision.settle("fails", f"an exact instance at {at}")
