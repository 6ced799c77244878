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


def internal_limitation(error: BaseException) -> str:
    """Where an unexpected exception arose, for a verdict that must not pass it off as a
    property of the user's input: its type, the innermost module of derive it passed through
    and, when another package raised it, that package (never the exception's own text, which
    may dump SymPy's internals).

    Example:
        >>> from sympy import Matrix
        >>> try:
        ...     Matrix([[0]]).inv()
        ... except ValueError as error:
        ...     print(internal_limitation(error))
        NonInvertibleMatrixError raised by sympy...
    """
    import traceback

    modules = [
        frame.f_globals.get("__name__", "?") for frame, _ in traceback.walk_tb(error.__traceback__)
    ]
    ours = [m for m in modules if m == "derive" or m.startswith("derive.")]
    raised = modules[-1].split(".")[0] if modules else "?"
    where = f" in {ours[-1]}" if ours else ""
    by = "" if raised == "derive" or raised == "?" else f" raised by {raised}"
    return f"{type(error).__name__}{by}{where}"
