"""Normal laws with a diagonal covariance, N(μ, diag(σ²)) and N(0, I), as the VAE writes its
encoder and prior (Kingma & Welling 2014, Appendix B): their coordinates are independent
normals N(μ_j, σ_j²), so a KL divergence, an entropy or a cross-entropy ∫ p log q of two such
laws is the sum over the coordinates j = 1, …, J of the one-dimensional one (the log-density
of a product is the sum of the logs). The coordinate j of a vector μ is the member μ_j of the
sequence the claim writes under Σ_j.

Example:
    >>> from derive.claims import decide
    >>> decide(r"D_{KL}(\\mathcal{N}(\\boldsymbol\\mu, \\mathbf{I}) \\| \\mathcal{N}(\\mathbf{0}, "
    ...        r"\\mathbf{I})) = \\frac{1}{2}\\sum_{j=1}^{J}\\mu_j^2",
    ...        (r"\\boldsymbol\\mu \\in \\mathbb{R}^J",)).kind
    'holds'
"""

from __future__ import annotations

from sympy import (
    Identity,
    Indexed,
    IndexedBase,
    Integral,
    MatMul,
    MatrixExpr,
    MatrixSymbol,
    Mul,
    Sum,
    Symbol,
    ZeroMatrix,
    log,
)
from sympy.matrices.expressions import DiagMatrix, HadamardPower

from ..gaussian import KL, Density, Entropy, Expectation, MvNormal, Normal

INDEX = Symbol("j", integer=True)


def _coordinate(vector, index):
    """The j-th coordinate of a mean: μ_j for a vector μ, 0 for the zero vector; else None."""
    if isinstance(vector, ZeroMatrix):
        return 0
    if isinstance(vector, MatrixSymbol) and vector.shape[1] == 1:
        return Indexed(IndexedBase(Symbol(vector.name, real=True)), index)
    return None


def _variance(covariance, index):
    """The j-th diagonal entry of diag(σ²), diag(v), I or c·I; None for another matrix."""
    if isinstance(covariance, Identity):
        return 1
    if isinstance(covariance, DiagMatrix):
        inner = covariance.args[0]
        if isinstance(inner, HadamardPower):
            base = _coordinate(inner.args[0], index)
            return None if base is None else base ** inner.args[1]
        return _coordinate(inner, index)
    if isinstance(covariance, MatMul):
        scalars = [a for a in covariance.args if not isinstance(a, MatrixExpr)]
        matrices = [a for a in covariance.args if isinstance(a, MatrixExpr)]
        if len(matrices) == 1 and isinstance(matrices[0], Identity):
            return Mul(*scalars)
    return None


def _coordinate_law(law, index):
    """N(μ_j, σ_j²) for a diagonal multivariate law, or None."""
    if not isinstance(law, MvNormal):
        return None
    mean, variance = _coordinate(law.args[0], index), _variance(law.args[1], index)
    if mean is None or variance is None:
        return None
    return Normal(mean, variance)


def coordinate_vectors(expr) -> set:
    """The names of the vectors whose coordinates :func:`coordinatewise` writes in ``expr``."""
    names = set()
    for item in getattr(expr, "atoms", lambda *_: set())(KL, Entropy, Integral):
        if _per_coordinate(item, INDEX) is not None:
            laws = [a for a in item.atoms(MvNormal)]
            for law in laws:
                names |= {m.name for m in law.atoms(MatrixSymbol)}
    return names


def coordinatewise(expr, dimension, note):
    """``expr`` with KL, entropies and cross-entropies of diagonal normal laws written as sums
    over their coordinates; ``note(subject, what)`` records each reading. The caller makes
    sure the vectors so split are written nowhere else (their coordinates μ_j would not be
    tied to a vector μ left in the claim)."""
    if not hasattr(expr, "atoms"):
        return expr
    j, swap = INDEX, {}
    for item in expr.atoms(KL, Entropy, Integral):
        value = _per_coordinate(item, j)
        if value is not None:
            swap[item] = Sum(value, (j, 1, dimension))
            note(
                "a diagonal normal law",
                "its coordinates independent normals N(μ_j, σ_j²): the divergence, entropy or "
                "integral is the sum over j of the one-dimensional ones",
            )
    return expr.xreplace(swap) if swap else expr


def _per_coordinate(item, j):
    """The one-dimensional quantity at coordinate j, or None."""
    if isinstance(item, KL):
        p, q = (_coordinate_law(law, j) for law in item.args)
        return None if p is None or q is None else KL(p, q)
    if isinstance(item, Entropy):
        p = _coordinate_law(item.args[0], j)
        return None if p is None else Entropy(p)
    if isinstance(item, Integral) and len(item.limits) == 1:
        variable = item.limits[0][0]
        factors = Mul.make_args(item.function)
        densities = [f for f in factors if isinstance(f, Density) and f.point == variable]
        logs = [
            f
            for f in factors
            if isinstance(f, log) and isinstance(f.args[0], Density) and f.args[0].point == variable
        ]
        if len(factors) != 2 or len(densities) != 1 or len(logs) != 1:
            return None
        p, q = (_coordinate_law(d.dist, j) for d in (densities[0], logs[0].args[0]))
        if p is None or q is None:
            return None
        u = Symbol("u", real=True)
        return Expectation(log(Density(q, u)), u, p)
    return None
