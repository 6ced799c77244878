"""The verification cache: it certifies only what this engine verified.

Entries are remembered only when verified, keyed by the step and its context, bound to their
key and content and signed with the cache's secret; a hit is told apart from a recheck by
counting the checker's calls; forged, copied and foreign entries are refused; corrupt entries
and concurrent runs are harmless; --no-cache writes nothing; `derive verify` says how many steps
came from the cache.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import stat
import subprocess
import sys

import pytest
from conftest import TIMEOUT
from sympy import symbols

from derive.core import Derivation, Rule, Source, verify
from derive.core.cache import SECRET, VerdictCache, context_key, fingerprint, step_key
from derive.core.verify import context_of
from derive.registry import load

# The module (derive.core.verify is also the name of its function, re-exported by derive.core).
verify_module = importlib.import_module("derive.core.verify")

a, b = symbols("a b", positive=True)
TRUE, FALSE = a**2 + 2 * a * b + b**2, a**2 + 3 * a * b + b**2


def _square(expanded) -> Derivation:
    d = Derivation("square", "A square", Source("notes.txt", "§0"), start=(a + b) ** 2)
    return d.eq(expanded, Rule("expand"))


@pytest.fixture
def checks(monkeypatch):
    """The steps the checker was asked to decide, in order (hits never reach it)."""
    asked = []
    original = verify_module.check_step

    def counting(lhs, step, context=None):
        asked.append(step.expr)
        return original(lhs, step, context)

    monkeypatch.setattr(verify_module, "check_step", counting)
    return asked


def _entries(folder):
    return sorted(folder.glob("*.json"))


def _entry_path(cache: VerdictCache, derivation: Derivation):
    step = derivation.steps[0]
    shared = context_key(context_of(derivation))
    return cache.directory / f"{step_key(shared, derivation.start, step)}.json"


def test_a_hit_is_served_without_the_checker_and_a_change_is_checked(tmp_path, checks):
    cache = VerdictCache(tmp_path)
    first = verify(_square(TRUE), cache=cache)
    assert first.verified and checks == [TRUE] and first.cached == 0
    assert len(_entries(tmp_path)) == 1
    again = verify(_square(TRUE), cache=cache)
    assert checks == [TRUE], "a remembered step was checked again"
    assert again.cached == 1 and cache.hits == 1
    assert again.verdicts == first.verdicts  # the same verdict, every field
    wrong = verify(_square(FALSE), cache=cache)
    assert checks == [TRUE, FALSE] and wrong.verdicts[0].status == "refuted"
    assert len(_entries(tmp_path)) == 1  # refutations are not stored


def test_the_context_is_part_of_the_key(tmp_path, checks):
    cache = VerdictCache(tmp_path)
    verify(_square(TRUE), cache=cache)
    other = _square(TRUE)
    other.ranges[a] = (0, 1)
    assert verify(other, cache=cache).cached == 0
    assert len(checks) == 2 and len(_entries(tmp_path)) == 2


class _Trusting(VerdictCache):
    """A cache that believes any entry with a method (what the cache did before entries were
    bound and signed): the tests below must catch it."""

    def _accepted(self, text, key, content):
        from derive.core.verdict import Verdict

        entry = json.loads(text)
        method = entry.get("method") or entry.get("verdict", {}).get("method")
        return Verdict.proof(method) if method else None


def _hand_written(cache: VerdictCache, target: Derivation) -> None:
    """Entries a forger writes under the key of ``target``'s (false) step, without the secret."""
    path = _entry_path(cache, target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"method": "symbolic: trust me"}), encoding="utf-8")


def _with_forged_mac(cache: VerdictCache, target: Derivation) -> None:
    """An entry with the right key and content digest and an HMAC under a guessed secret."""
    from derive.core.cache import step_content

    step = target.steps[0]
    path = _entry_path(cache, target)
    body = {
        "key": path.stem,
        "content": step_content(target.start, step),
        "verdict": {"method": "symbolic: trust me"},
    }
    path.write_text(json.dumps({**body, "mac": "0" * 64}), encoding="utf-8")


def _copied(cache: VerdictCache, target: Derivation) -> None:
    """The genuine entry of the true step, copied to the key of ``target``'s false step."""
    verify(_square(TRUE), cache=cache)
    shutil.copy(_entry_path(cache, _square(TRUE)), _entry_path(cache, target))


@pytest.mark.parametrize("poison", [_hand_written, _with_forged_mac, _copied])
@pytest.mark.parametrize("kind, certified", [(VerdictCache, False), (_Trusting, True)])
def test_a_poisoned_entry_does_not_verify_a_false_step(tmp_path, poison, kind, certified):
    """The real cache refuses each poisoned entry and the false step is refuted; a trusting
    cache (the negative case) would call it verified, which this test would see."""
    cache = kind(tmp_path)
    false_step = _square(FALSE)
    poison(cache, false_step)
    verdict = verify(false_step, cache=cache).verdicts[0]
    assert (verdict.status == "verified") is certified, verdict
    if not certified:
        assert verdict.status == "refuted" and cache.rejected == 1


def test_an_entry_from_another_cache_is_refused(tmp_path, checks):
    mine, theirs = VerdictCache(tmp_path / "mine"), VerdictCache(tmp_path / "theirs")
    verify(_square(TRUE), cache=theirs)
    (tmp_path / "mine").mkdir()
    shutil.copy(_entry_path(theirs, _square(TRUE)), _entry_path(mine, _square(TRUE)))
    report = verify(_square(TRUE), cache=mine)
    assert report.cached == 0 and mine.rejected == 1 and len(checks) == 2


def test_corrupt_entries_are_ignored_and_rebuilt(tmp_path, checks):
    cache = VerdictCache(tmp_path)
    verify(load("kl"), timeout=TIMEOUT, cache=cache)
    checked = len(checks)
    for entry in _entries(tmp_path):
        entry.write_text("{not json", encoding="utf-8")
    report = verify(load("kl"), timeout=TIMEOUT, cache=VerdictCache(tmp_path))
    assert report.verified and report.cached == 0 and len(checks) == 2 * checked
    assert all(json.loads(e.read_text())["verdict"]["method"] for e in _entries(tmp_path))


def test_the_secret_is_private_and_entries_follow_the_umask(tmp_path):
    for umask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        folder = tmp_path / oct(umask)
        previous = os.umask(umask)
        try:
            verify(_square(TRUE), cache=VerdictCache(folder))
        finally:
            os.umask(previous)
        assert stat.S_IMODE((folder / SECRET).stat().st_mode) == 0o600
        assert {stat.S_IMODE(e.stat().st_mode) for e in _entries(folder)} == {mode}


def test_a_secret_others_can_read_is_replaced_and_its_entries_refused(tmp_path, checks):
    cache = VerdictCache(tmp_path)
    verify(_square(TRUE), cache=cache)
    (tmp_path / SECRET).chmod(0o644)
    fresh = VerdictCache(tmp_path)
    assert verify(_square(TRUE), cache=fresh).cached == 0 and len(checks) == 2
    assert stat.S_IMODE((tmp_path / SECRET).stat().st_mode) == 0o600


def test_dependency_versions_enter_the_fingerprint(monkeypatch):
    import importlib.metadata

    real = importlib.metadata.version
    before = fingerprint.__wrapped__()
    assert fingerprint.__wrapped__() == before  # deterministic
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "0.0" if name == "mpmath" else real(name)
    )
    assert fingerprint.__wrapped__() != before


def _cli(*args, cache_dir):
    environment = {**os.environ, "DERIVE_CACHE_DIR": str(cache_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "derive", *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_verify_says_how_many_steps_came_from_the_cache(tmp_path):
    cold = _cli("verify", "kl", cache_dir=tmp_path).communicate(timeout=600)[0]
    warm = _cli("verify", "kl", cache_dir=tmp_path).communicate(timeout=600)[0]
    steps = int(cold.splitlines()[1].split()[1])
    assert cold.splitlines()[-1].endswith(f"; 0 of {steps} steps from the cache"), cold
    assert warm.splitlines()[-1].endswith(f"; {steps} of {steps} steps from the cache"), warm


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    runs = [_cli("verify", "kl", "entropy", cache_dir=tmp_path) for _ in range(3)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    entries = _entries(tmp_path)
    assert entries and all(json.loads(e.read_text())["verdict"]["method"] for e in entries)
    assert not list(tmp_path.glob("*.tmp"))
    report = verify(load("kl"), timeout=TIMEOUT, cache=VerdictCache(tmp_path))
    assert report.cached == report.counts["steps"]  # every step, its lemma's included


def test_no_cache_writes_nothing(tmp_path):
    run = _cli("verify", "kl", "--no-cache", cache_dir=tmp_path)
    output = run.communicate(timeout=600)[0]
    assert run.returncode == 0 and "from the cache" not in output
    assert not list(tmp_path.glob("*"))


def test_a_warm_run_prints_the_same_document(tmp_path):
    cold = _cli("kl", "--format", "md", cache_dir=tmp_path).communicate(timeout=600)[0]
    warm = _cli("kl", "--format", "md", cache_dir=tmp_path).communicate(timeout=600)[0]
    assert cold == warm and "**Checked.** 11 steps: 11 proved." in warm
