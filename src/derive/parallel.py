"""Verifying several documents at once: one worker process per core.

Each worker loads a document, verifies it and sends back only plain numbers (the counts of its
report and the seconds it took), so nothing SymPy-built crosses a process boundary. Results come
back in the order asked for, each as soon as it and those before it are done. The verification
cache is shared through the disk (its writes are atomic, so workers may race on an entry).

Workers ignore SIGINT and die with SIGTERM's default action; the parent stops them all when it
is interrupted, so ``derive verify`` still ends with one line.

Example:
    >>> rows = list(verify_documents([("kl", None)], timeout=30.0, cache=None, jobs=1))
    >>> rows[0]["verified"] == rows[0]["steps"] == 11
    True
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def verify_documents(documents: list[tuple], timeout, cache, jobs: int) -> Iterator[dict]:
    """For each (name, notation) in ``documents``, in order: its report's counts, whether it is
    verified, and the seconds it took. ``jobs`` > 1 verifies that many at once."""
    tasks = [(name, notation, timeout, cache) for name, notation in documents]
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(_verify_one, tasks)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = context.Pool(min(jobs, len(tasks)), initializer=_quiet_worker)
    try:
        pending = [pool.apply_async(_verify_one, (task,)) for task in tasks]
        for result in pending:
            yield result.get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _quiet_worker() -> None:
    """Workers leave SIGINT to the parent, and die at once on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _verify_one(task: tuple) -> dict:
    from . import registry
    from .core import verify
    from .failures import failures

    name, notation, timeout, cache = task
    started = time.perf_counter()
    report = verify(registry.load(name, notation), timeout=timeout, cache=cache)
    return {
        **report.counts,
        "strengths": report.strengths,
        "verified_all": report.verified,
        "failures": failures(report),  # plain lines: where each failure is, and why
        "seconds": time.perf_counter() - started,
    }
