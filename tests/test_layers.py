"""The layers hold: the contracts in pyproject.toml, checked by import-linter.

The kernel (derive.core) imports no domain that plugs into it (derive.gaussian,
derive.diffusion) and no front door; the domains import no front door or renderer. A negative
control shows that the import graph the contracts are checked on sees real imports, so a kept
contract is not an empty graph. The domains' plug-ins are registered at their import, so every
entry point that checks a step has them: the API, the CLI, and the worker processes of
derive.parallel, forked or spawned (which unpickle a step's Gaussian objects, and so import
the domain).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_the_graph_sees_imports_in_the_allowed_direction():
    graph = grimp.build_graph("derive")
    assert graph.chain_exists(importer="derive.diffusion.checks", imported="derive.core.plugins")
    assert graph.chain_exists(importer="derive.render", imported="derive.core.display")
    assert graph.chain_exists(importer="derive.gaussian.checks", imported="derive.core.plugins")
    for domain in ("derive.gaussian", "derive.diffusion"):
        assert not graph.chain_exists(importer="derive.core", imported=domain, as_packages=True)


def test_the_diffusion_plugins_are_registered_on_import():
    code = (
        "import derive.core.checker as c; from derive.core.plugins import PLUGINS; "
        "n = len(PLUGINS.refuters); import derive.diffusion; "
        "print(n, len(PLUGINS.refuters))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["0", "1"], out.stderr


def _run(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_the_gaussian_plugins_are_registered_on_import():
    code = (
        "import derive.core.checker; from derive.core.plugins import PLUGINS as P; "
        "print(len(P.reducers), len(P.decisions), len(P.theorems)); import derive.gaussian; "
        "print(len(P.reducers), len(P.decisions), ','.join(sorted(P.theorems)))"
    )
    kinds = "factorization,gibbs,induction,normalization,uniqueness"
    assert _run(code) == ["0", "0", "0", "1", "1", kinds]


def test_the_kernel_alone_decides_algebra_and_knows_no_law():
    """Without a domain the kernel still proves and refutes plain algebra, and leaves a law,
    a relation only a domain gives a meaning to, unverified (never verified)."""
    code = (
        "import sys; from sympy import symbols; from derive.core import EQ, SIM, Rule, Step, "
        "check_step\n"
        "a, b = symbols('a b', positive=True)\n"
        "good = check_step((a + b)**2, Step(EQ, a**2 + 2*a*b + b**2, Rule('expand')))\n"
        "bad = check_step((a + b)**2, Step(EQ, a**2 + b**2, Rule('expand')))\n"
        "law = check_step(a, Step(SIM, b, Rule('a law')))\n"
        "print(good.status, bad.status, law.status, 'derive.gaussian' in sys.modules)"
    )
    assert _run(code) == ["verified", "refuted", "unverified", "False"]


@pytest.mark.slow
def test_a_spawned_worker_has_the_gaussian_plugins():
    """A fresh interpreter (the spawn start method of derive.parallel where fork is missing)
    that only imported the kernel gets the domain by unpickling the step: the KL step is
    proved, its wrong variant refuted (unregistered, both would be left unverified)."""
    code = """
import multiprocessing
from derive.core.checker import check_step
if __name__ == "__main__":
    from sympy import symbols
    from derive.core import EQ, Rule, Step
    from derive.gaussian import KL, Normal
    m1, m2 = symbols("m1 m2", real=True)
    kl = KL(Normal(m1, 1), Normal(m2, 1))
    steps = [(kl, Step(EQ, (m1 - m2)**2 / 2, Rule("r"))), (kl, Step(EQ, (m1 - m2)**2, Rule("r")))]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        print(*[str(v.status) for v in pool.starmap(check_step, steps)])
"""
    assert _run(code) == ["verified", "refuted"]


@pytest.mark.slow
def test_the_parallel_workers_verify_gaussian_documents():
    from derive.parallel import verify_documents

    rows = list(verify_documents([("kl", None), ("sum", None)], 60.0, None, jobs=2))
    assert [row["verified_all"] for row in rows] == [True, True]
    assert all(row["verified"] == row["steps"] > 0 for row in rows)
