"""A wall-clock bound on a block of work, so that no check can hang the engine.

SymPy offers no cancellation, so the bound is an interval timer (``SIGALRM``) that raises
:class:`~derive.core.errors.CheckTimeout` inside the running computation. Signals reach only the
main thread; elsewhere the block runs unbounded.

Example:
    >>> with time_bound(5):
    ...     sum(range(10))
    45
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from ..errors import CheckTimeout


@contextmanager
def time_bound(seconds: float | None):
    """Raise :class:`CheckTimeout` in the block after ``seconds`` (``None``: no bound)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise CheckTimeout(f"time bound of {seconds:g} s reached")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
