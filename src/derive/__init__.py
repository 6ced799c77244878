"""derive: machine-checked, step-by-step derivations of Gaussian and diffusion-model identities.

The public objects are re-exported here but imported lazily, so that ``import derive`` (and the
``derive`` command's start-up) does not pay for SymPy until a proof is actually built.

Example:
    >>> import derive
    >>> derive.EQ.symbol
    '='
"""

import sys

from ._lazy import lazy_exports
from ._version import __version__

# Python refuses to turn integers of more than 4,300 digits into text (a guard against slow
# quadratic conversions); exact arithmetic meets larger ones (2^{20000}), and a proof must be
# able to print what it decided. 100,000 digits print in a tenth of a second. A limit already
# higher (or none: 0) is left alone.
MAX_DIGITS = 100_000
if 0 < sys.get_int_max_str_digits() < MAX_DIGITS:
    sys.set_int_max_str_digits(MAX_DIGITS)

_EXPORTS = {
    "errors": "CheckTimeout DerivationError DeriveError UsageError",
    "core": (
        "AT_MOST EQ IMPLIES SIM Assumed CheckContext Counterexample Definition Derivation Lemma "
        "Relation Report Rule Source Step Theorem Induction Verdict check_step induction lemma "
        "proportional verify"
    ),
    "writing": "over plus minus root times",
    "gaussian": (
        "KL CharacteristicFunction Density Distributed Entropy Expectation Law Normal "
        "RandomVariable density_as_written"
    ),
    "render": "render",
    "script": "run_script",
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names.split()}

__all__ = ["__version__", *sorted(_WHERE)]


__getattr__, _dir = lazy_exports(__name__, _WHERE, globals())


def __dir__():
    return __all__
