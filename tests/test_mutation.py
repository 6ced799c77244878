"""Soundness by mutation: small wrong versions of every step are refused, true steps are not.

For every document and every step, :mod:`derive.mutation` flips signs, changes numbers, swaps
symbols of a kind, drops terms, inverses and transposes, and replaces symbols; the checker
decides each mutant step. ``python -m derive.mutation`` prints the same table (README).
"""

from __future__ import annotations

import pytest

from derive import registry
from derive.mutation import examine

DOCUMENTS = [
    (entry.name, notation, document)
    for entry in registry.entries()
    for document, notation in entry.documents()
]


@pytest.mark.parametrize("name, notation, document", DOCUMENTS, ids=[d for *_, d in DOCUMENTS])
def test_no_mutant_is_verified_and_every_true_step_is(name, notation, document):
    row = examine(registry.load(name, notation), name=document)
    assert row.false_alarms == 0, "a true step was not verified"
    assert row.verified == 0, [
        (o.step, o.mutant.kind, o.mutant.change) for o in row.outcomes if o.status == "verified"
    ]
    # Equivalent and ill-formed mutants are judged by the checker too: they must stay a
    # minority, so that a checker calling everything equal, or meaningless, could not pass.
    # (The short bayes-markov documents come closest: swapping conditioned variables often
    # gives Bayes' rule again, and a fresh symbol in q(· | ·) is no variable of the process.)
    total = len(row.outcomes)
    assert row.count("equivalent") <= 0.25 * total and row.count("ill-formed") <= 0.4 * total
    assert row.mutants >= 5
    assert row.refuted >= 0.95 * row.mutants, f"{row.refuted} of {row.mutants} refuted"
    for outcome in row.outcomes:
        if outcome.status == "unverified":
            assert outcome.reason, "an unverified mutant must say why"


def test_every_kind_of_mutant_is_made():
    from sympy import Inverse, MatrixSymbol, Rational, Symbol, Trace, log, symbols

    from derive.mutation import KINDS, mutants

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
