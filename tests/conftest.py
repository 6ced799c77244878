"""Shared helpers: run the installed ``derive`` command as a user would; one verification of
every document per test run; the ``slow`` tier.

The suite never reads a user's verification cache: each run starts with an empty one of its
own, shared by the run's pytest-xdist workers and their child processes (so a step verified
once in the run is remembered by the rest of it). Every document is verified once per run
(:func:`verified_reports`), not once per test file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Set by the first process of the run (the xdist controller, or the only process) and inherited
# by the workers, which must not each make a cache of their own.
RUN_CACHE = "_DERIVE_TEST_RUN_CACHE"
if not os.environ.get(RUN_CACHE):
    os.environ[RUN_CACHE] = tempfile.mkdtemp(prefix="derive-test-cache-")
os.environ["DERIVE_CACHE_DIR"] = os.environ[RUN_CACHE]

# Tests that take more than about 10 s on this 2-core machine (measured with --durations),
# marked here so that the files keep reading as tests: `pytest -m "not slow"` is the
# developer's loop, `pytest` runs everything. Node ids, or a prefix ending in "[" or "::".
SLOW = (
    "test_mutation.py::test_no_mutant_is_verified_and_every_true_step_is[",
    "test_readme.py::test_output_is_current",
    "test_derivations.py::test_rendering_is_deterministic[",
    # Each derivation script in a process of its own: a second full verification.
    "test_cli.py::test_every_derivation_script_runs_on_its_own[",
    # `derive audit` over every audited line of the sources (a module fixture).
    "test_audit.py::test_audit_meets_every_pinned_verdict",
    "test_audit.py::test_errata_report_in_output_is_current",
)


def pytest_collection_modifyitems(config, items):
    _mark_known_failing(items)
    for item in items:
        node = item.nodeid.split("/")[-1]
        if any(node == slow or (slow[-1] in "[:" and node.startswith(slow)) for slow in SLOW):
            item.add_marker(pytest.mark.slow)


def run_derive(
    *args: str, cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """``derive ARGS`` in a child process, through this interpreter's installed package."""
    return subprocess.run(
        [sys.executable, "-m", "derive", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@pytest.fixture
def derive_cli():
    return run_derive


TIMEOUT = 300.0  # seconds per step in the suite's own verifications (CLI default: 60)


def documents() -> dict[str, tuple[str, str | None]]:
    """Every document (each derivation, each notation of the DDPM ones): (name, notation)."""
    from derive.registry import entries

    return {doc: (e.name, notation) for e in entries() for doc, notation in e.documents()}


@pytest.fixture(scope="session")
def verified_reports() -> dict:
    """Every document's report, verified once per run through the run's cache.

    Each xdist worker builds the reports in its own process; the second worker goes through
    the documents in the opposite order, so the two share the work through the cache and meet
    in the middle (a worker arriving later finds every step remembered). A remembered step is
    one this run's checker verified: the cache refuses entries it did not sign.
    """
    from derive.core import verify
    from derive.core.cache import VerdictCache
    from derive.registry import load

    cache = VerdictCache(os.environ[RUN_CACHE])
    names = list(documents())
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    order = names[::-1] if int(worker.removeprefix("gw") or 0) % 2 else names
    done: dict = {}  # lemmas cited by several documents are verified once
    # A generous time bound: these reports are about what the checker decides, and a loaded
    # machine (the bound is wall-clock) would otherwise turn slow proofs into "unverified".
    reports = {
        name: verify(load(*documents()[name]), timeout=TIMEOUT, cache=cache, _done=done)
        for name in order
    }
    return {name: reports[name] for name in names}


# Known failures, marked (not hidden) so that they show as xfailed in every run, each to be
# fixed and removed from this list; see the closing note of the session that added it.
KNOWN_FAILING: set[str] = set()
# Session 8: the two proofread speed tests listed in session 7 (every link of ddpm_posterior.md
# and luo_mean.tex undecided in the full suite, alone they passed) passed in the full suite
# once the time bounds counted CPU time (core/timebound.py) and nested correctly; their
# assertion now names each link's reason should it happen again.


def _mark_known_failing(items) -> None:
    for item in items:
        if item.nodeid.split("tests/", 1)[-1] in KNOWN_FAILING:
            reason = "known failure, listed in tests/conftest.py"
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
