"""``derive check``: claims typed from a textbook, parsed (never evaluated as Python), reduced
and decided by the checker.

Example:
    >>> from derive.claims import decide
    >>> decide("a + b = b + a").verdict
    'holds'
"""

from .decide import Decision, decide

__all__ = ["Decision", "decide"]
