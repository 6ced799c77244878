"""The Gaussian domain: normal laws, densities, expectations, KL divergences and their closed forms.

Example:
    >>> from derive.gaussian import KL, Normal
    >>> KL(Normal(0, 1, "P"), Normal(0, 2, "Q")).p.label
    'P'
"""

from .objects import KL, Density, Expectation, Normal, named_laws
from .reduce import density_formula, numeric_value, raw_moment, reduce

__all__ = [
    "KL",
    "Density",
    "Expectation",
    "Normal",
    "density_formula",
    "named_laws",
    "numeric_value",
    "raw_moment",
    "reduce",
]
