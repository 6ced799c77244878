"""Verifying several documents at once: one worker process per core, longest first.

Each worker loads a document, verifies it and sends back only plain numbers (the counts of its
report, how many steps came from the cache, and the seconds it took), so nothing SymPy-built
crosses a process boundary. Results come back in the order asked for, each as soon as it and
those before it are done, but the documents are handed to the workers longest first (by the
seconds each took last time, remembered beside the verification cache, else by a built-in
estimate), so that no core idles at the end while the other finishes a long document. The
verification cache is shared through the disk (its writes are atomic, so workers may race on
an entry). Within one run a worker (or the only process) verifies a derivation once however
many of its documents cite it, as ``derive NAME`` and ``derive all`` do: the four documents
citing ``kl-multivariate`` verify it once per worker, not once each.

Workers ignore SIGINT and die with SIGTERM's default action; the parent stops them all when it
is interrupted, so ``derive verify`` still ends with one line.

Example:
    >>> rows = list(verify_documents([("kl", None)], timeout=30.0, cache=None, jobs=1))
    >>> rows[0]["verified"] == rows[0]["steps"] == 11
    True
    >>> longest_first([("kl", None), ("product", None)], {})
    [1, 0]
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator

TIMINGS = "timings"  # JSON, named apart from the entries (KEY.json)
# CPU seconds of each document printed on its own (``derive NAME --no-cache``, lemmas and
# start-up included; bench/documents.py, session 10). A scheduling hint only: a wrong figure
# costs time, never a verdict. Unknown documents count as the median.
ESTIMATE = {
    "posterior-product": 17.0, "kl-mse": 12.3, "posterior-kl": 11.9, "product": 9.9,
    "forward-marginal": 9.9, "posterior": 8.2, "kl-multivariate": 7.6, "change-of-variable": 7.1,
    "conditional": 7.1, "eps-param": 4.6, "linear-transform": 3.4, "reparam": 3.2, "affine": 2.8,
    "sum": 2.4, "kl": 1.8, "bayes-markov": 1.8, "normalization": 1.6, "entropy": 1.5, "cf": 1.4,
    "elbo": 1.3, "product-univariate": 1.1,
}  # fmt: skip


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def longest_first(documents: list[tuple], timings: dict) -> list[int]:
    """The indices of ``documents`` ((name, notation) pairs), the longest expected first."""

    def expected(index: int) -> float:
        name, notation = documents[index]
        known = timings.get(f"{name}:{notation}")
        if isinstance(known, (int, float)):
            return float(known)
        return ESTIMATE.get(name, sorted(ESTIMATE.values())[len(ESTIMATE) // 2])

    return sorted(range(len(documents)), key=lambda i: (-expected(i), i))


def verify_documents(documents: list[tuple], timeout, cache, jobs: int) -> Iterator[dict]:
    """For each (name, notation) in ``documents``, in order: its report's counts, how many
    steps came from the cache, whether it is verified, and the seconds it took. ``jobs`` > 1
    verifies that many at once."""
    tasks = [(name, notation, timeout, cache) for name, notation in documents]
    if jobs <= 1 or len(tasks) <= 1:
        done: dict = {}  # this run's reports (one time bound and one cache for every task)
        yield from (_verify_one(task, done) for task in tasks)
        return
    import multiprocessing

    timings = _timings(cache)
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = context.Pool(min(jobs, len(tasks)), initializer=_quiet_worker)
    try:
        pending = {
            i: pool.apply_async(_in_worker, (tasks[i],)) for i in longest_first(documents, timings)
        }
        for i in range(len(tasks)):
            row = pending[i].get()
            name, notation = documents[i]
            timings[f"{name}:{notation}"] = round(row["seconds"], 2)
            yield row
        pool.close()
        _remember(cache, timings)
    finally:
        pool.terminate()
        pool.join()


def verify_first(documents: list[tuple], timeout, cache, jobs: int | None = None) -> int:
    """Verify ``documents`` ((name, notation) pairs) in ``jobs`` workers (default: one per
    core) into ``cache``, so that a pass that renders them one by one (``derive all -o DIR``)
    finds each verified step there instead of checking it on one core; returns the number of
    documents verified first. Nothing is checked less: the render pass still verifies every
    step, through the cache, whose entries are bound to their step and HMAC-signed, and checks
    again every step not recorded verified. With no cache, one core or one document there is
    nothing to share, and nothing is done; a document that fails to load is left for the render
    pass to report, in its own words.

    Example:
        >>> verify_first([("kl", None), ("sum", None)], timeout=30.0, cache=None, jobs=2)
        0
    """
    jobs = default_jobs() if jobs is None else jobs
    if cache is None or jobs <= 1 or len(documents) <= 1:
        return 0
    try:
        return sum(1 for _ in verify_documents(documents, timeout, cache, jobs))
    except Exception:  # noqa: BLE001 (the render pass raises it again, as it always did)
        return 0


def _timings(cache) -> dict:
    """The seconds each document took last time (beside the cache), or nothing."""
    if cache is None:
        return {}
    try:
        found = json.loads((cache.directory / TIMINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _remember(cache, timings: dict) -> None:
    if cache is None:
        return
    from .core.cache import write_entry

    try:
        write_entry(cache.directory / TIMINGS, json.dumps(timings, sort_keys=True).encode())
    except OSError:
        return  # only a scheduling hint


def _quiet_worker() -> None:
    """Workers leave SIGINT to the parent, and die at once on SIGTERM; each starts with no
    reports (a forked worker would otherwise inherit its parent's)."""
    _worker_reports.clear()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


# A worker's reports of the derivations it verified in this run, by the id of their derivation
# (a report keeps its derivation alive, so no id is reused meanwhile); emptied when it starts.
_worker_reports: dict = {}


def _in_worker(task: tuple) -> dict:
    return _verify_one(task, _worker_reports)


def _verify_one(task: tuple, done: dict) -> dict:
    """One document's row. ``done`` holds the reports this process already made in this run
    (the lemmas other documents cited, reused) and receives the new ones."""
    from . import registry
    from .core import verify
    from .failures import failures

    name, notation, timeout, cache = task
    started = time.perf_counter()
    report = verify(registry.load(name, notation), timeout=timeout, cache=cache, _done=done)
    return {
        **report.counts,
        "strengths": report.strengths,
        "cached": report.cached,
        "verified_all": report.verified,
        "failures": failures(report),  # plain lines: where each failure is, and why
        "seconds": time.perf_counter() - started,
    }
