"""``derive verify``'s runs: a derivation cited by several documents is verified once per
process and run, and its rows are those of documents verified one by one."""

from __future__ import annotations

import importlib

import pytest

from derive import parallel, registry

verify_module = importlib.import_module("derive.core.verify")


def _counting(monkeypatch) -> list:
    """Every step check made from now on, as the step checked."""
    checked = []
    original = verify_module.check_step

    def counted(lhs, step, context):
        checked.append(step)
        return original(lhs, step, context)

    monkeypatch.setattr(verify_module, "check_step", counted)
    return checked


def _steps(name: str) -> int:
    """The steps of ``name`` and of every derivation it cites, each derivation once."""
    seen, stack, total = set(), [registry.load(name)], 0
    while stack:
        derivation = stack.pop()
        if id(derivation) not in seen:
            seen.add(id(derivation))
            total += len(derivation.steps)
            stack += [c.derivation for c in derivation.citations]
    return total


@pytest.mark.slow
def test_a_lemma_cited_by_two_documents_is_checked_once_in_a_run(monkeypatch):
    # sum and affine both cite cf: verified together, cf's steps are checked once.
    checked = _counting(monkeypatch)
    alone = [
        list(parallel.verify_documents([(n, None)], 60.0, None, jobs=1)) for n in ("sum", "affine")
    ]
    assert len(checked) == _steps("sum") + _steps("affine")
    checked.clear()
    together = list(parallel.verify_documents([("sum", None), ("affine", None)], 60.0, None, 1))
    cf = len(registry.load("cf").steps)
    assert cf > 0 and len(checked) == _steps("sum") + _steps("affine") - cf
    strip = [{k: v for k, v in row.items() if k != "seconds"} for row in together]
    assert strip == [{k: v for k, v in rows[0].items() if k != "seconds"} for rows in alone]


def test_each_run_checks_afresh(monkeypatch):
    # Reports are kept for one run only: a second run checks every step again.
    list(parallel.verify_documents([("cf", None)], 60.0, None, jobs=1))
    checked = _counting(monkeypatch)
    list(parallel.verify_documents([("cf", None)], 60.0, None, jobs=1))
    assert len(checked) == len(registry.load("cf").steps)


def test_a_worker_starts_with_no_reports():
    parallel._worker_reports[0] = "a report from another run"
    try:
        parallel._quiet_worker()
        assert parallel._worker_reports == {}
    finally:
        import signal

        parallel._worker_reports.clear()
        signal.signal(signal.SIGINT, signal.default_int_handler)


def test_derive_all_verifies_on_every_core_first_and_writes_the_same_files(monkeypatch, tmp_path):
    # With a cache, `derive all -o DIR` verifies its documents in workers first; the render
    # pass then reads every verified step from the cache and writes the same bytes.
    from derive.cli import commands
    from derive.core.cache import VerdictCache

    asked = commands.documents(["cf", "kl"], None, True)
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    assert commands.render_command(asked, ["txt", "json"], str(alone), 60.0) == 0
    checked = _counting(monkeypatch)
    cache = VerdictCache(tmp_path / "cache")
    assert commands.render_command(asked, ["txt", "json"], str(shared), 60.0, cache=cache) == 0
    assert checked == [] and cache.hits == _steps("cf") + _steps("kl")
    names = sorted(path.name for path in alone.iterdir())
    assert names == sorted(path.name for path in shared.iterdir()) and len(names) == 4
    assert all((alone / name).read_bytes() == (shared / name).read_bytes() for name in names)


def test_nothing_is_verified_first_without_a_cache_to_share():
    assert parallel.verify_first([("cf", None), ("kl", None)], 60.0, None, jobs=2) == 0
