"""The time bound counts CPU time, nests correctly and leaves nothing armed behind it."""

from __future__ import annotations

import signal
import time

import pytest

from derive.core.config import DEFAULT, Config
from derive.core.timebound import BACKSTOP, time_bound
from derive.errors import CheckTimeout

# Slack for the timers' granularity and the interpreter reaching a bytecode boundary.
SLACK = 0.15


def burn(seconds: float) -> float:
    """Spend ``seconds`` of CPU time; return how much was spent."""
    started = time.process_time()
    while time.process_time() - started < seconds:
        pass
    return time.process_time() - started


def cpu_until_timeout(bound: float, work: float = 3.0) -> float:
    """CPU seconds from entering a bound of ``bound`` seconds to its timeout."""
    started = time.process_time()
    with pytest.raises(CheckTimeout):
        with time_bound(bound):
            burn(work)
    return time.process_time() - started


def test_a_bound_fires_after_its_cpu_time():
    spent = cpu_until_timeout(0.2)
    assert 0.2 <= spent < 0.2 + SLACK


def test_waiting_is_not_counted():
    # 0.5 s of wall-clock time that uses no CPU: a wall-clock bound of 0.2 s would have fired
    with time_bound(0.2):
        time.sleep(0.5)


def test_the_backstop_ends_a_block_that_only_waits():
    started = time.monotonic()
    with pytest.raises(CheckTimeout, match="wall-clock"):
        with time_bound(0.05):
            time.sleep(10)
    assert time.monotonic() - started < BACKSTOP * 0.05 + 1.0


def test_the_message_names_the_bound():
    with pytest.raises(CheckTimeout, match=r"time bound of 0\.1 s of CPU time reached"):
        with time_bound(0.1):
            burn(2)


def test_an_inner_bound_never_extends_the_outer():
    started = time.process_time()
    with pytest.raises(CheckTimeout, match="0.2 s"):
        with time_bound(0.2):
            with time_bound(30):
                burn(3)
    assert time.process_time() - started < 0.2 + SLACK


def test_the_outer_bound_fires_after_an_inner_block_that_ended():
    started = time.process_time()
    with pytest.raises(CheckTimeout, match="0.3 s"):
        with time_bound(0.3):
            with time_bound(30):
                burn(0.05)  # the inner ends well before either bound
            burn(3)
    assert 0.3 <= time.process_time() - started < 0.3 + SLACK


def test_the_outer_bound_fires_after_an_inner_one_that_timed_out_and_was_caught():
    started = time.process_time()
    caught = []
    with pytest.raises(CheckTimeout, match="0.3 s"):
        with time_bound(0.3):
            try:
                with time_bound(0.1):
                    burn(3)
            except CheckTimeout as timeout:
                caught.append((str(timeout), time.process_time() - started))
            burn(3)
    assert caught and "0.1 s" in caught[0][0] and caught[0][1] < 0.1 + SLACK
    assert time.process_time() - started < 0.3 + SLACK


def test_an_expired_outer_bound_caught_inside_keeps_firing():
    # the outer bound expires inside the inner block, whose caller swallows the timeout (as
    # check_step does): the outer block must still end soon after, not run on unbounded
    started = time.process_time()
    swallowed = 0
    with pytest.raises(CheckTimeout):
        with time_bound(0.2):
            try:
                with time_bound(30):
                    burn(3)
            except CheckTimeout:
                swallowed += 1
            burn(3)
    assert swallowed == 1
    assert time.process_time() - started < 0.2 + 2 * SLACK


def test_nothing_is_left_armed_or_installed():
    before = signal.getsignal(signal.SIGPROF), signal.getsignal(signal.SIGALRM)
    with pytest.raises(CheckTimeout):
        with time_bound(0.5):
            with time_bound(0.05):
                burn(1)
    with time_bound(1):
        pass
    assert (signal.getsignal(signal.SIGPROF), signal.getsignal(signal.SIGALRM)) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    burn(0.05)  # a stray SIGPROF would now end the process (its default action)


def test_no_bound_is_no_bound():
    with time_bound(None):
        assert burn(0.05) >= 0.05
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_every_bound_of_the_engine_is_in_the_configuration():
    from derive.cli import parser
    from derive.proofread import check

    assert parser.DEFAULT_TIMEOUT == DEFAULT.command_timeout
    assert parser.AUDIT_TIMEOUT == DEFAULT.audit_timeout
    assert check.DEFAULT_TIMEOUT == DEFAULT.link_timeout
    # and they enter the cache's key, like every field
    assert Config(link_timeout=1.0).key() != DEFAULT.key()
