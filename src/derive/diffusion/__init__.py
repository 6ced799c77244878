"""Diffusion models: the two notations of the sources, and the probability objects of the
DDPM derivations (conditional densities of the forward process).

Example:
    >>> from derive.diffusion import NOTATIONS
    >>> sorted(NOTATIONS)
    ['course', 'ddpm']
"""

from . import checks  # noqa: F401  (registers the domain's plug-ins with the checker)
from .expectations import DivergenceKL, ExpectationUnder, canonical
from .notation import NOTATIONS, Notation, linear_schedule, notation
from .process import ConditionalDensity, ForwardChain

__all__ = [
    "linear_schedule",
    "NOTATIONS",
    "ConditionalDensity",
    "DivergenceKL",
    "ExpectationUnder",
    "ForwardChain",
    "Notation",
    "canonical",
    "notation",
]
