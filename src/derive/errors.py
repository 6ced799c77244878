"""The errors of ``derive``: what a user got wrong, and what a derivation script got wrong.

Example:
    >>> issubclass(UsageError, DeriveError), issubclass(DerivationError, DeriveError)
    (True, True)
"""


class DeriveError(Exception):
    """Base class of every error ``derive`` raises on purpose."""


class UsageError(DeriveError):
    """The user asked for something that cannot be done (exit code 2, one line, no traceback)."""


class DerivationError(DeriveError):
    """A derivation script is malformed (a broken chain, a result that is not derived)."""


class CheckTimeout(DeriveError):
    """A check ran out of its time bound."""
