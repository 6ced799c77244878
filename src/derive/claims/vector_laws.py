"""The law of an affine map of independent normal vectors: for x_i ~ N(m_i, Σ_i) independent,
Σ_i A_i x_i + c ~ N(Σ_i A_i m_i + c, Σ_i A_i Σ_i A_iᵀ) (Matrix Cookbook (2012), §8.1.1 and
§8.1.4; the theorem carries the step, and its two equalities, of the means and of the
covariances, are checked as matrix identities). A claim ``expr ~ N(m, S)`` about random vectors
is decided by those two equalities; anything that is not affine in the declared vectors is
left to the kernel.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbf{A}\\mathbf{x} \\sim \\mathcal{N}(\\mathbf{A}\\mathbf{m}, "
    ...        r"\\mathbf{A}\\boldsymbol\\Sigma\\mathbf{A}^{\\top})",
    ...        (r"\\mathbf{x} \\sim \\mathcal{N}(\\mathbf{m}, \\boldsymbol\\Sigma)",)).kind
    'holds at sizes'
"""

from __future__ import annotations

from sympy import Identity, MatAdd, MatMul, MatrixExpr, MatrixSymbol, ZeroMatrix

from ..gaussian import MvNormal

THEOREM = (
    "the law of an affine map of independent normal vectors is normal, with mean Σ A_i m_i + c "
    "and covariance Σ A_i Σ_i A_iᵀ"
)


def affine_law(decision, main, context):
    """The decision on ``main`` (``expr ~ N(m, S)`` with random vectors), or None where the
    theorem does not apply."""
    from ..core.checker import check_relation, substitute
    from .routes import settled

    if main.kind != "distributed" or not main.matrix or not isinstance(main.rhs, MvNormal):
        return None
    laws = {
        v: law
        for v, law in context.variables.items()
        if isinstance(v, MatrixSymbol) and isinstance(law, MvNormal)
    }
    if not laws:
        return None
    expr = substitute(main.lhs, context.definitions)
    parts = _affine(expr, laws)
    if parts is None:
        return None
    coefficients, constant = parts
    size = next(iter(laws)).shape[0]
    mean = constant if constant is not None else ZeroMatrix(size, 1)
    covariance = ZeroMatrix(size, size)
    for v, a in coefficients.items():
        mean = mean + a * laws[v].mean
        covariance = covariance + a * laws[v].variance * a.T
    verdicts = [
        check_relation(mean, "=", main.rhs.mean, context),
        check_relation(covariance, "=", main.rhs.variance, context),
    ]
    for verdict in verdicts:
        if verdict.status != "verified":
            decided = settled(decision, verdict)
            if decided.kind == "undecided":
                decided.reason = f"by the theorem that {THEOREM}: {decided.reason}"
            return decided
    from ..core.verdict import Strength

    weakest = max(verdicts, key=lambda v: (v.strength is not Strength.PROOF, len(v.sizes or ())))
    decided = settled(decision, weakest)
    decided.method = f"{THEOREM}; means and covariances agree ({decided.method})"
    return decided


def _affine(expr, laws):
    """({x_i: A_i}, c) with expr = Σ A_i x_i + c, or None if expr is not of that form."""
    if not isinstance(expr, MatrixExpr):
        return None
    expr = expr.doit().expand()
    terms = expr.args if isinstance(expr, MatAdd) else (expr,)
    coefficients, constant = {}, None
    for term in terms:
        randoms = [v for v in laws if term.has(v)]
        if not randoms:
            constant = term if constant is None else constant + term
            continue
        if len(randoms) != 1:
            return None
        (v,) = randoms
        coefficient = _coefficient(term, v)
        if coefficient is None:
            return None
        coefficients[v] = coefficients[v] + coefficient if v in coefficients else coefficient
    return coefficients, constant


def _coefficient(term, v):
    """A with term = A·v (A free of v), or None."""
    if term == v:
        return Identity(v.shape[0])
    if isinstance(term, MatMul) and term.args[-1] == v:
        head = term.args[:-1]
        if any(a.has(v) for a in head):
            return None
        scalars = [a for a in head if not isinstance(a, MatrixExpr)]
        matrices = [a for a in head if isinstance(a, MatrixExpr)]
        scale = MatMul(*scalars) if scalars else 1
        product = MatMul(*matrices) if matrices else Identity(v.shape[0])
        return scale * product
    return None
