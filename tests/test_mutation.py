"""Soundness by mutation: small wrong versions of every step are refused, true steps are not.

For every document and every step, :mod:`derive.mutation` flips signs, changes numbers, swaps
symbols of a kind, drops terms, inverses and transposes, and replaces symbols; the checker
decides each mutant step. ``python -m derive.mutation`` prints the same table (README).

Whether a mutant is equivalent (says what the step said) is decided outside the checker under
test: ``tests/data/equivalent_mutants.toml`` lists the reviewed ones, each with its reason. A
mutant the checker does not refute and the list does not name fails the test (verified: a
soundness failure, or a new equivalent to review and list) or counts as a miss (unverified).
"""

from __future__ import annotations

import os

import pytest
from conftest import REPO, TIMEOUT

from derive import registry
from derive.mutation import examine, mutants, proposal, read_equivalents, table

EQUIVALENTS = read_equivalents(REPO / "tests" / "data" / "equivalent_mutants.toml")

DOCUMENTS = [
    (entry.name, notation, document)
    for entry in registry.entries()
    for document, notation in entry.documents()
]


@pytest.mark.parametrize("name, notation, document", DOCUMENTS, ids=[d for *_, d in DOCUMENTS])
def test_no_mutant_is_verified_and_every_true_step_is(name, notation, document, verified_reports):
    report = verified_reports[document]
    derivation = registry.load(name, notation)
    row = examine(
        derivation, TIMEOUT, name=document, equivalents=EQUIVALENTS, verdicts=report.verdicts
    )
    if os.environ.get("DERIVE_MUTATION_TABLE"):  # the README's table, from this very run
        with open(os.environ["DERIVE_MUTATION_TABLE"], "a", encoding="utf-8") as rows:
            rows.write(table([row]).splitlines()[-1] + "\n")
    assert row.false_alarms == 0, "a true step was not verified"
    assert row.verified == 0, (
        "verified mutants: a soundness failure, or equivalents to review and add to "
        "tests/data/equivalent_mutants.toml with a reason:\n" + proposal(row)
    )
    assert row.count("listed but refuted") == 0, [
        (o.step, o.mutant.kind, o.mutant.change)
        for o in row.outcomes
        if o.status == "listed but refuted"
    ]
    # Ill-formed mutants are judged by the checker: they must stay a minority, so that a
    # checker calling everything meaningless could not pass. (The short bayes-markov documents
    # come closest: a fresh symbol in q(· | ·) is no variable of the process.)
    total = len(row.outcomes)
    assert row.count("equivalent") <= 0.25 * total and row.count("ill-formed") <= 0.4 * total
    assert row.mutants >= 5
    assert row.refuted >= 0.95 * row.mutants, f"{row.refuted} of {row.mutants} refuted"
    for outcome in row.outcomes:
        if outcome.status == "unverified":
            assert outcome.reason, "an unverified mutant must say why"


def test_every_listed_equivalent_is_a_mutant_the_harness_makes():
    """A stale entry (its step or change no longer exists) would hide nothing but mislead."""
    made = set()
    for name, notation, document in DOCUMENTS:
        derivation = registry.load(name, notation)
        for index, step in enumerate(derivation.steps, start=1):
            made |= {(document, index, m.kind, m.change) for m in mutants(step.expr)}
    assert EQUIVALENTS <= made, sorted(EQUIVALENTS - made)


def test_a_checker_that_verifies_a_negated_side_fails_the_harness(monkeypatch):
    """The negative case: a checker that accepts lhs = −rhs (it verifies every sign flip of a
    whole side) passes no longer, since the checker no longer judges its own equivalents."""
    import derive.mutation as harness
    from derive.core import Step
    from derive.core.checker import check_step
    from derive.core.verdict import Verdict

    def lenient(lhs, step, context=None):
        verdict = check_step(lhs, step, context)
        flipped = Step(step.relation, -step.expr, step.rule)
        if verdict.status == "refuted" and check_step(lhs, flipped, context).status == "verified":
            return Verdict.proof("symbolic: equal up to sign")
        return verdict

    from sympy import symbols

    from derive.core import Derivation, Rule, Source

    a, b = symbols("a b", positive=True)
    d = Derivation("doubled", "A demo", Source("notes", "§1"), start=a * b + a * b)
    d.eq(2 * a * b, Rule("collect"))  # no sum in 2ab: its sign mutant is −2ab, the whole side
    assert examine(d).verified == 0  # the real checker refutes −2ab
    monkeypatch.setattr(harness, "check_step", lenient)
    assert examine(d).verified > 0


def test_every_kind_of_mutant_is_made():
    from sympy import Inverse, MatrixSymbol, Rational, Symbol, Trace, log, symbols

    from derive.mutation import KINDS

    n = Symbol("n", integer=True, positive=True)
    mu_1, mu_2 = MatrixSymbol("mu_1", n, 1), MatrixSymbol("mu_2", n, 1)
    sigma_1, sigma_2 = symbols("sigma_1 sigma_2", positive=True)
    S = MatrixSymbol("S", n, n)
    expr = Rational(1, 2) * (Trace(Inverse(S) * S.T) + ((mu_1 - mu_2).T * S * (mu_1 - mu_2))[0, 0])
    expr += log(sigma_2 / sigma_1) + 2 * sigma_1
    made = mutants(expr, per_kind=50)
    assert {m.kind for m in made} == set(KINDS)
    changes = {m.change for m in made}
    assert {"1/2 → 1/4", "2 → 3", "sigma_1 ↔ sigma_2", "mu_1 ↔ mu_2"} <= changes
    assert all(m.expr != expr for m in made)
