"""A bound on the CPU time of a block of work, so that no check can hang the engine and no
verdict depends on how loaded the machine is.

SymPy offers no cancellation, so the bound is an interval timer that raises
:class:`~derive.errors.CheckTimeout` inside the running computation. The timer counts the
process's CPU time (``ITIMER_PROF``: user and system time), not wall-clock time: on a machine
shared with other work a check gets the same CPU seconds as on a quiet one, so it reaches the
same verdict. A wall-clock backstop :data:`BACKSTOP` times larger (``ITIMER_REAL``) ends only a
block that waits without computing (a real hang).

Bounds nest: each active bound keeps its deadlines on a stack, the timers are armed for the
nearest one, and an expired bound keeps firing until its block has ended. So an inner bound
never extends an outer one (its end re-arms the timers for the outer's remaining time), and an
outer bound still fires after an inner block that caught its timeout. Signals reach only the
main thread; elsewhere the block runs unbounded.

Example:
    >>> with time_bound(5):
    ...     sum(range(10))
    45
"""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass

from ..errors import CheckTimeout

BACKSTOP = 10.0  # the wall-clock backstop, as a multiple of the CPU bound

# An expired bound whose block still runs (code inside it caught its exception) is reminded
# this often, in seconds, until its block ends; so is a signal that came during bookkeeping.
_AGAIN = 0.01

_TIMERS = ((signal.ITIMER_PROF, signal.SIGPROF), (signal.ITIMER_REAL, signal.SIGALRM))


@dataclass(frozen=True)
class _Deadline:
    seconds: float
    cpu: float  # in time.process_time()
    wall: float  # in time.monotonic()


_active: list[_Deadline] = []
_previous: dict = {}  # signal -> its handler before the outermost bound


def usable() -> bool:
    """Whether bounds can be enforced here (a POSIX interval timer, the main thread).

    Example:
        >>> isinstance(usable(), bool)
        True
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class time_bound:  # noqa: N801  (used as a function: ``with time_bound(30): ...``)
    """Raise :class:`CheckTimeout` in the block after ``seconds`` of CPU time (``None``: no
    bound), or after :data:`BACKSTOP` times as many seconds of wall-clock time.

    Example:
        >>> with time_bound(None):
        ...     "unbounded"
        'unbounded'
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.deadline: _Deadline | None = None

    def __enter__(self):
        if self.seconds is None or not usable():
            return self
        if not _active:
            for _, number in _TIMERS:
                _previous[number] = signal.signal(number, _expire)
        self.deadline = _Deadline(
            self.seconds,
            time.process_time() + self.seconds,
            time.monotonic() + BACKSTOP * self.seconds,
        )
        _active.append(self.deadline)
        _arm()
        return self

    def __exit__(self, *exc) -> None:
        if self.deadline is None:
            return
        _active.remove(self.deadline)
        self.deadline = None
        if _active:
            _arm()
            return
        for which, _ in _TIMERS:  # disarmed before the old handler is back (SIGPROF's
            signal.setitimer(which, 0)  # default action would end the process)
        for _, number in _TIMERS:
            signal.signal(number, _previous.pop(number))


def expired() -> bool:
    """Whether an active bound has expired (its block still runs: code inside it caught the
    bound's exception, or the exception is on its way).

    Example:
        >>> expired()
        False
    """
    cpu, wall = time.process_time(), time.monotonic()
    return any(cpu >= d.cpu or wall >= d.wall for d in _active)


def _expire(signum, frame) -> None:
    """The timers' handler: raise for the outermost expired bound, else re-arm. A signal that
    arrives while this module changes the stack is left for the re-arming that follows."""
    if frame is not None and frame.f_globals.get("__name__") == __name__:
        return  # every change of the stack ends by arming the timers afresh
    if not _active:
        return
    cpu, wall = time.process_time(), time.monotonic()
    expired = next(((d, "CPU") for d in _active if cpu >= d.cpu), None) or next(
        ((d, "wall-clock") for d in _active if wall >= d.wall), None
    )
    _arm()
    if expired is not None:
        deadline, clock = expired
        if clock == "CPU":
            raise CheckTimeout(f"time bound of {deadline.seconds:g} s of CPU time reached")
        raise CheckTimeout(
            f"time bound of {deadline.seconds:g} s reached: {BACKSTOP * deadline.seconds:g} s "
            "of wall-clock time passed without it being spent (waiting, not computing)"
        )


def _arm() -> None:
    """Arm both timers for the nearest deadline of the active bounds."""
    cpu = min(d.cpu for d in _active) - time.process_time()
    wall = min(d.wall for d in _active) - time.monotonic()
    signal.setitimer(signal.ITIMER_PROF, max(cpu, _AGAIN))
    signal.setitimer(signal.ITIMER_REAL, max(wall, _AGAIN))
