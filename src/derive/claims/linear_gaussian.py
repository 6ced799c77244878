"""The linear-Gaussian model of vectors as PRML §2.3.3 writes it: a prior density
``p(x) = N(x | μ, Λ⁻¹)`` and a likelihood ``p(y | x) = N(y | A x + b, L⁻¹)`` of bold vectors
(letters for μ, A, b; Λ and L, or their inverses, letters too), with definitions of further
letters (``Σ = (Λ + AᵀLA)⁻¹``) allowed.

A claim about the marginal of y, ``E[x | y]`` or ``cov[x | y]`` is checked on exact rational
instances at sizes (n_x, n_y) = (1, 1), (2, 1), (1, 2), (2, 2): x = μ + Rε₁, y = A x + b + Sε₂
with integer triangular R, S (so Λ⁻¹ = RRᵀ, L⁻¹ = SSᵀ) gives the joint law constructively;
its conditional is taken through the joint precision — not the closed forms a claim states.
A differing instance refutes; agreement is evidence at those sizes, never a proof.

Example:
    >>> from derive.claims import decide
    >>> prior = r"p(\\mathbf{x}) = \\mathcal{N}(\\mathbf{x} \\mid \\mathbf{m}, \\mathbf{P}^{-1})"
    >>> lik = (r"p(\\mathbf{y} \\mid \\mathbf{x}) = "
    ...        r"\\mathcal{N}(\\mathbf{y} \\mid \\mathbf{A}\\mathbf{x}, \\mathbf{L}^{-1})")
    >>> law = r"\\mathbf{y} \\sim \\mathcal{N}(\\mathbf{A}\\mathbf{m}, \\mathbf{L}^{-1})"
    >>> decide(law, (prior, lik)).kind
    'fails'
"""

from __future__ import annotations

import random
import zlib

from sympy import ImmutableMatrix, MatrixSymbol, Symbol, zeros

from .block_laws import DRAWS, SIZES, _inverted, _substitute, first_difference

_LETTER = (Symbol, MatrixSymbol)


def linear_gaussian_decision(claim: str, given: tuple):
    """The decision on ``claim`` in a linear-Gaussian model among ``given``, or None."""
    from ..errors import UsageError
    from .build import IllFormed

    if not any("\\mid" in g or "|" in g for g in given) or "\\mathbf" not in claim:
        return None
    try:
        setup = _setup(claim, given)
    except (UsageError, IllFormed):
        return None
    if setup is None:
        return None
    if setup[0] == "ill-formed":
        from .decide import Decision

        return Decision(claim, "fails", read_as=claim).settle(
            "fails", f"not well-formed: {setup[1]}"
        )
    return _check(claim, *setup)


def _density(g):
    """(target, conditions, mean, covariance) of a normal density given, or None."""
    from sympy.core.function import AppliedUndef

    from ..diffusion import ConditionalDensity
    from ..gaussian import Density

    if g.kind != "equal" or not isinstance(g.rhs, Density):
        return None
    if isinstance(g.lhs, AppliedUndef) and len(g.lhs.args) == 1:
        targets, conditions = g.lhs.args, ()  # p(x): a density without conditions
    elif isinstance(g.lhs, ConditionalDensity):
        targets, conditions = g.lhs.targets, g.lhs.conditions
    else:
        return None
    if len(targets) != 1 or getattr(g.rhs.point, "name", 0) != getattr(targets[0], "name", 1):
        return None
    return targets[0], conditions, g.rhs.dist.args[0], g.rhs.dist.args[1]


def _precision_or_cov(value):
    """("prec", Λ) for Λ⁻¹, ("cov", S) for a letter S; None otherwise."""
    inner = _inverted(value)
    if isinstance(inner, _LETTER):
        return ("prec", inner.name)
    if isinstance(value, _LETTER):
        return ("cov", value.name)
    return None


def _setup(claim, given):
    from sympy import Add

    from .build import IllFormed, build
    from .claim_rewrites import tree_of
    from .names import Names
    from .parse import parse

    prior = likelihood = None
    definitions = []
    for text in given:
        tree = tree_of(text)
        if tree is None:
            return None
        g = build(tree, Names())
        density = _density(g)
        if density is not None and not density[1] and prior is None:
            prior = density
        elif density is not None and len(density[1]) == 1 and likelihood is None:
            likelihood = density
        elif g.kind in ("equal", "define") and isinstance(g.lhs, _LETTER):
            definitions.append((g.lhs.name, tree))
        else:
            return None
    if prior is None or likelihood is None:
        return None
    x, _, mu, prior_cov = prior
    y, (condition,), mean, lik_cov = likelihood
    if getattr(condition, "name", None) != x.name:
        return None
    if not all(isinstance(v, _LETTER) for v in (x, y, mu)):
        return None
    offset, linear = mean.as_independent(condition, as_Add=True)
    a = linear / condition
    if not isinstance(a, _LETTER) or not (offset == 0 or isinstance(offset, _LETTER)):
        return None
    covs = (_precision_or_cov(prior_cov), _precision_or_cov(lik_cov))
    if None in covs or not isinstance(mean, (Add, type(linear))):
        return None
    names = {"x": x.name, "y": y.name, "mu": mu.name, "A": a.name}
    names["b"] = offset.name if offset != 0 else None
    nx, ny = (Symbol(n, integer=True, positive=True) for n in ("n_x", "n_y"))
    shapes = {names["x"]: (nx, 1), names["mu"]: (nx, 1), names["y"]: (ny, 1)}
    shapes[names["A"]] = (ny, nx)
    if names["b"]:
        shapes[names["b"]] = (ny, 1)
    shapes[covs[0][1]], shapes[covs[1][1]] = (nx, nx), (ny, ny)
    reader = Names(matrix=True, shapes=dict(shapes))
    defined = {}
    for name, tree in definitions:  # Σ = (Λ + AᵀLA)⁻¹: a letter of the model's letters
        value = build(tree, Names(matrix=True, shapes=dict(shapes))).rhs
        if not hasattr(value, "shape"):
            return None  # a number defined: not a letter of the model's matrices
        defined[name] = value
        shapes[name] = value.shape
    try:
        main = build(parse(claim), Names(matrix=True, shapes=shapes))
    except IllFormed as error:  # AᵀΛ⁻¹A for A of any shape: not a formula of the model
        return "ill-formed", str(error)
    letters = set()
    for side in (main.lhs, main.rhs, *(c for r in main.relations for c in r)):
        for s in getattr(side, "free_symbols", set()):
            letters.add(s.name)
    if not letters <= set(shapes) | {"n_x", "n_y"}:
        return None
    del reader
    return main, names, covs, defined


def _instance(rng, nx, ny, names, covs):
    """Exact values of the model's letters, the marginal of y and the law of x given y."""

    def triangular(n):
        cells = [
            (rng.randint(1, 2) if i == j else rng.randint(-2, 2)) if j <= i else 0
            for i in range(n)
            for j in range(n)
        ]
        return ImmutableMatrix(n, n, cells)

    r, s = triangular(nx), triangular(ny)
    a = ImmutableMatrix(ny, nx, [rng.randint(-2, 2) for _ in range(nx * ny)])
    mu = ImmutableMatrix(nx, 1, [rng.randint(-3, 3) for _ in range(nx)])
    b = ImmutableMatrix(ny, 1, [rng.randint(-3, 3) for _ in range(ny)])
    point = ImmutableMatrix(ny, 1, [rng.randint(-3, 3) for _ in range(ny)])
    top = ImmutableMatrix.hstack(r, zeros(nx, ny))
    bottom = ImmutableMatrix.hstack(a * r, s)
    root = ImmutableMatrix.vstack(top, bottom)  # (x; y) = (μ; Aμ + b) + root·ε
    joint = root * root.T
    prior_cov, lik_cov = r * r.T, s * s.T
    values = {names["x"]: mu, names["y"]: point, names["mu"]: mu, names["A"]: a}
    if names["b"]:
        values[names["b"]] = b
    else:
        b = zeros(ny, 1)
    for (kind, name), cov in zip(covs, (prior_cov, lik_cov), strict=True):
        values[name] = cov.inv() if kind == "prec" else cov
    y_mean = a * mu + b
    precision = joint.inv()
    pxx, pxy = precision[:nx, :nx], precision[:nx, nx:]
    x_given_y = (mu - pxx.inv() * pxy * (point - y_mean), pxx.inv())
    return values, (y_mean, joint[nx:, nx:]), x_given_y


def _check(claim, main, names, covs, defined):
    from ..gaussian.multivariate import MvNormal
    from .block_laws import _refuted
    from .conditioning import GivenExpectation, GivenVariance
    from .decide import Decision

    rng = random.Random(zlib.crc32(claim.encode()))
    kind = main.kind
    if kind == "distributed":
        if getattr(main.lhs, "name", None) != names["y"] or not isinstance(main.rhs, MvNormal):
            return None
    elif kind != "equal":
        return None
    checked = 0
    for nx, ny in SIZES:
        dims = {"n_x": nx, "n_y": ny}
        for _ in range(DRAWS):
            values, y_law, x_given_y = _instance(rng, nx, ny, names, covs)
            for name, value in defined.items():
                values[name] = _substitute(value, values, dims)

            def side(expr, values=values, x_given_y=x_given_y, dims=dims):
                if isinstance(expr, (GivenExpectation, GivenVariance)):
                    body, conditions = expr.args[0], expr.args[1:]
                    ok = getattr(body, "name", None) == names["x"] and [
                        getattr(c, "name", None) for c in conditions
                    ] == [names["y"]]
                    if not ok:
                        return None
                    return x_given_y[0 if isinstance(expr, GivenExpectation) else 1]
                return _substitute(expr, values, dims)

            if kind == "distributed":
                expected = y_law
                stated = tuple(_substitute(a, values, dims) for a in main.rhs.args[:2])
            else:
                expected, stated = (side(main.lhs),), (side(main.rhs),)
            differing = first_difference(expected, stated)
            if differing is None:
                return None
            if differing:
                instance = ", ".join(f"{k} = {v.tolist()}" for k, v in sorted(values.items()))
                labels = ("n_x", "n_y")
                return _refuted(claim, (nx, ny), instance, *differing, Decision, labels)
            checked += 1
    method = (
        "exact rational instances of the model at sizes (n_x, n_y) = "
        f"{', '.join(str(s) for s in SIZES)}, {DRAWS} each; the joint law built from "
        "x = μ + Rε₁, y = Ax + b + Sε₂, conditionals through its precision"
    )
    decision = Decision(claim, "", read_as=claim)
    decision.assumptions = [
        f"{names['x']}, {names['y']}: random vectors of a linear-Gaussian model (declared by "
        "their densities); matrices of matching sizes"
    ]
    return decision.settle("holds numerically", method, points=checked, digits=0)
