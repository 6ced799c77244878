"""The Gaussian domain's plug-ins for the checker (see :mod:`derive.core.plugins`), registered
when :mod:`derive.gaussian` is imported:

* reducer: densities by their formula, KL and entropy by their definitions, expectations by
  Gaussian integrals (:func:`~derive.gaussian.reduce.unfold`), and what is left integrated
  numerically (:func:`~derive.gaussian.reduce.quadrature`);
* opaque: expectations, densities, KL and entropy of a law known only by its moments are
  unknown reals to the checker;
* binders: an expectation binds its variable (kept symbolic at every size);
* sized: expectations of low-degree polynomials over a normal vector, by sigma points, once
  the law is exact numbers at an explicit size; ``Scalar`` (a 1×1 matrix as a number) taken
  once its argument is explicit;
* decisions: ``Z ~ law``, ``⇒ Z ~ law`` and equal laws (:mod:`derive.gaussian.laws`);
* theorems: uniqueness, factorization, normalization, Gibbs' inequality and induction on laws
  (:mod:`derive.gaussian.theorems`);
* route: a proof through Gaussian integrals or density formulas says so.

Example:
    >>> from derive.core.plugins import PLUGINS
    >>> import derive.gaussian
    >>> decide in PLUGINS.decisions and sorted(PLUGINS.theorems)[:2]
    ['factorization', 'gibbs']
"""

from __future__ import annotations

from sympy import Integral

from ..core.plugins import register, register_theorem
from .laws import decide
from .multivariate import MatrixExpectation, Scalar
from .objects import KL, CharacteristicFunction, Density, Entropy, Expectation, Law
from .reduce import quadrature, unfold
from .sigma_points import exact_expectations
from .theorems import CHECKS, induction


def opaque(expr) -> set:
    """The objects over a law known only by its two moments: no number can be put on them."""
    found = expr.atoms(Expectation, Density, KL, Entropy)
    return {e for e in found if any(isinstance(arg, Law) for arg in e.args)}


def bound(expr) -> set:
    """The variables the expectations in ``expr`` bind."""
    return {e.var for e in expr.atoms(Expectation, MatrixExpectation)}


def route(lhs, rhs) -> str | None:
    """How a proof of ``lhs = rhs`` went, for its method: by Gaussian integrals or by density
    formulas (None: neither)."""
    integrated = (KL, Entropy, Expectation, CharacteristicFunction, Integral)
    if any(side.has(*integrated) for side in (lhs, rhs)):
        return "Gaussian integrals; "
    if any(side.has(Density) for side in (lhs, rhs)):
        return "density formulas; "
    return None


register("reducers", unfold)
register("quadratures", ((Expectation, Integral), quadrature))
register("opaque", opaque)
register("binders", bound)
register("sized", exact_expectations)
register("scalar_functions", Scalar)
register("decisions", decide)
register("routes", route)
for _kind, _check in CHECKS.items():
    register_theorem(_kind, _check)
register_theorem("induction", induction)
