"""The Gaussian domain: laws, densities, expectations, KL, entropy, characteristic functions,
and the checker's closed forms for them, registered with the kernel as plug-ins when this
package is imported (:mod:`derive.gaussian.checks`).

Example:
    >>> from derive.gaussian import KL, Normal
    >>> KL(Normal(0, 1, "P"), Normal(0, 2, "Q")).p.label
    'P'
"""

from . import checks  # noqa: F401  (registers the domain's plug-ins with the checker)
from .integral import gaussian_integral, raw_moment
from .multivariate import MatrixExpectation, MvNormal, Scalar, form, gaussian_moment, inner
from .objects import (
    KL,
    Both,
    CharacteristicFunction,
    Density,
    Distributed,
    Entropy,
    Expectation,
    Given,
    Law,
    Moments,
    Normal,
    PositiveDefinite,
    Proportional,
    RandomVariable,
    density_as_written,
    named_laws,
)
from .reduce import BOUND, density_formula, numeric_value, reduce

__all__ = [
    "BOUND",
    "KL",
    "Both",
    "CharacteristicFunction",
    "Density",
    "Distributed",
    "Entropy",
    "Expectation",
    "Given",
    "Law",
    "MatrixExpectation",
    "MvNormal",
    "Scalar",
    "form",
    "gaussian_moment",
    "inner",
    "Moments",
    "Normal",
    "PositiveDefinite",
    "Proportional",
    "RandomVariable",
    "density_as_written",
    "density_formula",
    "gaussian_integral",
    "named_laws",
    "numeric_value",
    "raw_moment",
    "reduce",
]
