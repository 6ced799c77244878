"""``derive proofread --seeds``: the four source documents proofread as they are, each with its
committed context file (declarations only), against the errata the hand-made audit found.

On this branch the claim grammar cannot yet read every line the errata involve (a trace of a
row vector times a matrix, tr[Σ⁻¹ (x − μ)ᵀ(x − μ)], read as T(…); shapes declared rather than
inferred; a definition stated inline in a bullet, L_{t−1}); those errata are listed as
NOT_YET_READ, and the test checks they are reported "not read" (never "holds"), so that a
grammar that reads them shows up here.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_derive

from derive.proofread.seeds import seed_directory

try:
    seed_directory()
    PRESENT = True
except Exception:  # noqa: BLE001 - the seeds live outside the repository
    PRESENT = False

SEED_000 = "000_e5429e0e7a84fe31.txt"
SEED_001, SEED_002 = "001_c65224db13adbda7.txt", "002_fd2e4c5ce01caa53.txt"
# The errata of the hand-made audit (derivations/claims/sources.toml) found by proofreading:
FOUND = {
    # §1.1.4(d): the sign of β_tα_{t−1}, and the line after it
    (SEED_001, 207, r"+ \beta_t}{\beta_t(1 - \alpha_{t-1})} = \frac{1 - \alpha_{t-1} - \beta_t"),
    (SEED_001, 207, r"\beta_t}{\beta_t(1 - \alpha_{t-1})} = \frac{1 - \alpha_{t-1}(1"),
    (SEED_001, 265, r"\frac{1}{2} [ \log"),  # §1.2.1(a): "Simplifying" (½ applied twice)
    # §1.2.1(a): D_KL as an expectation under P, the ½ dropped (E_P[…] read with x declared)
    (SEED_001, 277, r"\mathbb{E}_P [ \log \frac{|\Sigma_2|}{|\Sigma_1|} - (x - \mu_1)^T"),
    (SEED_001, 312, r"\log \frac{|\Sigma_1|}{|\Sigma_2|}"),  # §1.2.2(b): the KL as first quoted
    # §1.2.1(a): the last line (Σ₂ for Σ₂⁻¹, no ½), found by the chain after line 277 as a
    # whole, since lines between (the traces, ill-formed) cannot be read
    (SEED_001, 288, r"(\mu_2 - \mu_1)^T \Sigma_2 (\mu_2 - \mu_1)"),
    # Not in the hand-made audit: seed 000 §2's chain for E_P[(x − μ₂)²] runs on, as written,
    # into "= Var_P(x) = σ₁²" (its commentary on each term fell into the display); as a whole
    # the chain says E_P[(x − μ₂)²] = σ₁², which is false.
    (SEED_000, 212, r"E_P[(x - \mu_2)^2] = \sigma_1^2"),
}
# ... and not yet read on this branch (the construct that stops it):
NOT_YET_READ = {
    (SEED_001, 279, r"\mathbb{E}_P"),  # §1.2.1(a): the cyclic step (ill-formed)
    (SEED_001, 280, r"\mathbb{E}_P"),  # §1.2.1(a): the traces expanded (ill-formed)
}
# Seed 002's weight 1/(2β_t) stands in an inline definition of L_{t−1} in a bullet: a
# definition is not a step, and nothing in the document states what L_{t−1} should equal in a
# form derive can compare (it would need E_q[D_KL(q ‖ p_θ)] read with the laws of both).


@pytest.fixture(scope="module")
def seeds_report():
    # 30 s a link, not the CLI's 10 s: on a shared machine a link would otherwise turn
    # undecided only because of the load, and an erratum found through it would vanish
    done = run_derive("proofread", "--seeds", "--format", "json", "--timeout", "30", timeout=2400)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def _links(report, name):
    return next(f for f in report["files"] if f["file"] == name)["links"]


def _claim(link):
    return f"{link['lhs']} {link['relation']} {link['rhs']}"


@pytest.mark.slow
@pytest.mark.skipif(not PRESENT, reason="the seed documents are not beside the repository")
def test_every_failing_link_is_an_erratum_and_the_errata_read_are_found(seeds_report):
    failing = {
        (f["file"], link["line"], _claim(link))
        for f in seeds_report["files"]
        for link in f["links"]
        if link["verdict"] == "fails"
    }
    for name, line, piece in FOUND:
        assert any(f == name and n == line and piece in c for f, n, c in failing), (line, piece)
    assert len(failing) == len(FOUND), sorted(failing)  # nothing right is flagged


@pytest.mark.slow
@pytest.mark.skipif(not PRESENT, reason="the seed documents are not beside the repository")
def test_the_errata_not_yet_read_are_reported_not_read(seeds_report):
    for name, line, construct in NOT_YET_READ:
        at_line = [
            k for k in _links(seeds_report, name) if k["line"] == line and k["relation"] == "="
        ]
        at_line = [k for k in at_line if k["verdict"] != "fails" or "as a whole" not in k["reason"]]
        assert at_line and all(k["verdict"] == "not read" for k in at_line)
        assert any(construct in _claim(k) for k in at_line)


@pytest.mark.slow
@pytest.mark.skipif(not PRESENT, reason="the seed documents are not beside the repository")
def test_the_report_says_how_many_links_were_read_and_why_not(seeds_report):
    summary = seeds_report["summary"]
    assert summary["read"] + summary["not read"] + summary["approximations"] <= summary["steps"]
    assert sum(summary["not read, why"].values()) == summary["not read"]
    assert summary["read"] >= 80  # of the 140-odd steps of the four seeds
