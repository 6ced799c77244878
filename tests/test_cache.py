"""The verification cache: remembered only when verified, keyed by the step and its context,
robust to corrupt entries and concurrent runs, and bypassed by --no-cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sympy import symbols

from derive.core import Derivation, Rule, Source, verify
from derive.core.cache import VerdictCache
from derive.registry import load

a, b = symbols("a b", positive=True)


def _square(expanded) -> Derivation:
    d = Derivation("square", "A square", Source("notes.txt", "§0"), start=(a + b) ** 2)
    return d.eq(expanded, Rule("expand"))


def test_verified_steps_are_remembered_and_changed_steps_are_not(tmp_path):
    cache = VerdictCache(tmp_path)
    first = verify(_square(a**2 + 2 * a * b + b**2), cache=cache)
    assert first.verified and len(list(tmp_path.glob("*.json"))) == 1
    again = verify(_square(a**2 + 2 * a * b + b**2), cache=cache)
    assert again.verdicts == first.verdicts  # served from the cache: the same verdict
    wrong = verify(_square(a**2 + 3 * a * b + b**2), cache=cache)
    assert wrong.verdicts[0].status == "refuted"  # a different step, checked afresh
    assert len(list(tmp_path.glob("*.json"))) == 1  # refutations are not stored


def test_the_context_is_part_of_the_key(tmp_path):
    cache = VerdictCache(tmp_path)
    verify(_square(a**2 + 2 * a * b + b**2), cache=cache)
    other = _square(a**2 + 2 * a * b + b**2)
    other.ranges[a] = (0, 1)
    verify(other, cache=cache)
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_corrupt_entries_are_ignored_and_rebuilt(tmp_path):
    cache = VerdictCache(tmp_path)
    verify(load("kl"), cache=cache)
    for entry in tmp_path.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    report = verify(load("kl"), cache=cache)
    assert report.verified
    assert all(json.loads(e.read_text())["method"] for e in tmp_path.glob("*.json"))


def _cli(*args, cache_dir):
    environment = {**os.environ, "DERIVE_CACHE_DIR": str(cache_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "derive", *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    runs = [_cli("verify", "kl", "entropy", cache_dir=tmp_path) for _ in range(3)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    entries = list(tmp_path.glob("*.json"))
    assert entries and all(json.loads(e.read_text())["method"] for e in entries)
    assert not list(tmp_path.glob("*.tmp"))


def test_no_cache_writes_nothing(tmp_path):
    run = _cli("verify", "kl", "--no-cache", cache_dir=tmp_path)
    run.communicate(timeout=600)
    assert run.returncode == 0
    assert not list(tmp_path.glob("*"))


def test_a_warm_run_prints_the_same_document(tmp_path):
    cold = _cli("kl", "--format", "md", cache_dir=tmp_path).communicate(timeout=600)[0]
    warm = _cli("kl", "--format", "md", cache_dir=tmp_path).communicate(timeout=600)[0]
    assert cold == warm and "11 of 11 steps verified" in warm
