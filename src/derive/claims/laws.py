"""Laws in a claim: validated (a variance positive, a covariance symmetric positive definite,
parameters real), and the law of a linear combination of independent normal variables, whose
mean and variance are compared with a claimed law's one by one ("variance 36, claimed 12").

Example:
    >>> from derive.gaussian import Normal, RandomVariable
    >>> X = RandomVariable("X")
    >>> linear_law(3 * X, {X: Normal(10, 4)})
    (30, 36)
"""

from __future__ import annotations

from sympy import Basic, Expr, MatrixSymbol, preorder_traversal

from ..errors import UsageError
from ..gaussian import MvNormal, Normal


def laws_in(*exprs) -> list:
    """Every normal law written in ``exprs`` (inside densities, KL, expectations)."""
    found = []
    for expr in exprs:
        if isinstance(expr, Basic):
            found += [n for n in preorder_traversal(expr) if isinstance(n, (Normal, MvNormal))]
    return found


def validate(laws, kinds: dict) -> None:
    """Raise a :class:`UsageError` (one line) for a law that is not a law."""
    from ..render.printers import text

    for law in laws:
        if isinstance(law, Normal):
            variance, mean = law.variance, law.mean
            if getattr(mean, "is_real", None) is False:
                raise UsageError(f"a normal law needs a real mean, not {text(mean)}")
            if variance.is_real is False:
                raise UsageError(f"a normal law needs a real variance, not {text(variance)}")
            if variance.is_nonpositive or (variance.is_number and not variance > 0):
                raise UsageError(f"a normal law needs a positive variance, not {text(variance)}")
            if variance.is_number is False and variance.expand() == 0:
                raise UsageError(f"a normal law needs a positive variance; {text(variance)} is 0")
        elif isinstance(law, MvNormal):
            _covariance(law.variance, kinds)


def _covariance(covariance, kinds: dict) -> None:
    """A covariance must be symmetric positive definite: tried with random matrices at n = 3
    (covariance symbols drawn symmetric positive definite)."""
    from ..core.matrices import random_instance
    from ..render.printers import text

    if isinstance(covariance, MatrixSymbol) or not hasattr(covariance, "shape"):
        return
    inside = {m: "spd" for m in covariance.atoms(MatrixSymbol) if m.shape[0] == m.shape[1]}
    value = random_instance(covariance, {**inside, **kinds})
    if not hasattr(value, "T"):
        return
    if value != value.T:
        raise UsageError(
            f"the covariance {text(covariance)} is not symmetric; a covariance is a "
            "symmetric positive-definite matrix (Σ, or a symmetric expression of one)"
        )
    if value.is_positive_definite is False:
        raise UsageError(
            f"the covariance {text(covariance)} is not positive definite; a covariance is a "
            "symmetric positive-definite matrix"
        )


def linear_law(expr: Expr, variables: dict) -> tuple | None:
    """(mean, variance) of ``expr`` if it is affine in independent normal variables (declared
    in ``variables``), else None: mean Σ aᵢμᵢ + c, variance Σ aᵢ²σᵢ² (independence)."""
    if not isinstance(expr, Expr) or not variables:
        return None
    present = [v for v in variables if expr.has(v)]
    if not present or not all(isinstance(variables[v], Normal) for v in present):
        return None
    mean, variance, rest = 0, 0, expr.expand()
    for v in present:
        coefficient = rest.coeff(v, 1)
        if coefficient.has(*variables) or rest.coeff(v, 0).has(v):
            return None
        law = variables[v]
        mean += coefficient * law.mean
        variance += coefficient**2 * law.variance
        rest = (rest - coefficient * v).expand()
    if rest.has(*variables):
        return None
    return mean + rest, variance


def missing_expectation(exprs, variables: dict) -> str:
    """Why an expectation in ``exprs`` does not exist, or "": a negative power or a logarithm
    of an affine function of normal variables (it vanishes, or is negative, with positive
    probability, so E[1/X], E[log X] are undefined for X normal)."""
    from sympy import Pow, log

    from ..gaussian import Expectation
    from ..render.printers import text

    randoms = [v for v, law in variables.items() if isinstance(law, Normal)]
    for expr in exprs:
        if not isinstance(expr, Basic):
            continue
        for e in preorder_traversal(expr):
            if not isinstance(e, Expectation):
                continue
            for node in preorder_traversal(e.args[0]):
                base = None
                if isinstance(node, Pow) and node.exp.is_negative:
                    base = node.base
                elif isinstance(node, log):
                    base = node.args[0]
                if base is not None and _affine_in(base, randoms):
                    return (
                        f"{text(e)} does not exist: {text(node)} is not integrable under a normal "
                        f"law ({text(base)} = 0 has positive density)"
                    )
    return ""


def _affine_in(expr, randoms) -> bool:
    present = [v for v in randoms if expr.has(v)]
    if not present:
        return False
    poly = expr.as_poly(*present)
    return poly is not None and poly.total_degree() == 1
