"""Steps that rest on an assumption of the model are verified "by assumption", not proved.

The forward process's reductions encode its Markov property, and the ELBO's canonical forms
apply the law of iterated expectations; a step verified only with one of them is marked † in
every format, with the assumption named and its formula printed, and the Checked line counts
it apart. A step whose algebra holds without the assumption stays a proof.
"""

from __future__ import annotations

import json

import pytest
from sympy import Eq, Function, Symbol

from derive.core import Derivation, Rule, Source, verify
from derive.core.model import Assumption, Declared
from derive.registry import load
from derive.render import render

x = Symbol("x", real=True)
f = Function("f")


def _toy(step_expr) -> Derivation:
    """A derivation whose declared reduction f(x) = x² is an assumption of its model."""
    square = Assumption("f is the square", Eq(f(x), x**2), ((f(x), f(x)),))
    declared = Declared(definitions=((f(x), x**2),), assumed=(square,))
    d = Derivation("toy", "A toy", Source("notes", "§1"), start=2 * f(x), declared=declared)
    return d.eq(step_expr, Rule("use what f is"))


def test_a_step_that_needs_the_declared_fact_is_verified_by_assumption():
    (verdict,) = verify(_toy(2 * x**2)).verdicts
    assert str(verdict.strength) == "by assumption"
    assert verdict.assumptions == ("f is the square",)


def test_a_step_whose_algebra_holds_without_the_fact_stays_a_proof():
    (verdict,) = verify(_toy(f(x) + f(x))).verdicts
    assert verdict.is_proof and verdict.assumptions == ()


def test_a_false_step_is_refuted_whatever_the_model_assumes():
    (verdict,) = verify(_toy(3 * x**2)).verdicts
    assert str(verdict.status) == "refuted"


@pytest.fixture(scope="module")
def bayes_markov():
    return verify(load("bayes-markov"))


@pytest.fixture(scope="module")
def elbo():
    return verify(load("elbo"))


def test_the_markov_step_rests_on_the_markov_property_and_bayes_rule_does_not(bayes_markov):
    bayes, markov, denominator = bayes_markov.verdicts
    assert bayes.is_proof and denominator.is_proof
    assert str(markov.strength) == "by assumption"
    assert markov.assumptions == ("the forward process is Markov",)


def test_the_iterated_expectation_step_rests_on_the_tower_rule(elbo):
    tower, flip, kl = elbo.verdicts
    assert str(tower.strength) == "by assumption"
    assert tower.assumptions == ("the law of iterated expectations",)
    assert flip.is_proof and kl.is_proof  # linearity and the definition of KL only


def test_the_posterior_opening_cites_the_markov_property():
    """The posterior's first step (q(x_{t−1} | x_t, x_0) ∝ q(x_t | x_{t−1}) q(x_{t−1} | x_0))
    is false for a forward process that is not Markov: it is verified by assumption."""
    first = verify(load("posterior")).verdicts[0]
    assert first.assumptions == ("the forward process is Markov",)


@pytest.mark.parametrize(
    "fmt, formula",
    [
        ("txt", "q(xₜ | xₜ₋₁, x₀) = q(xₜ | xₜ₋₁)"),
        ("md", r"$q\left(x_{t} \mid x_{t-1}, x_{0}\right) = q\left(x_{t} \mid x_{t-1}\right)$"),
        ("tex", r"$q\left(x_{t} \mid x_{t-1}, x_{0}\right) = q\left(x_{t} \mid x_{t-1}\right)$"),
        ("html", "<math"),
    ],
)
def test_every_format_marks_the_step_and_names_the_assumption(bayes_markov, fmt, formula):
    document = render(bayes_markov, fmt)
    assert "the forward process is Markov" in document
    assert formula in document.split("the forward process is Markov", 1)[1]
    assert "2 proved, 1 by assumption" in document
    assert ("\\dag" if fmt == "tex" else "†") in document


def test_json_lists_the_assumption_with_its_formula(elbo):
    document = json.loads(render(elbo, "json"))
    check = document["steps"][0]["check"]
    assert (check["strength"], check["mark"]) == ("by assumption", "assumption")
    (assumed,) = check["assumed"]
    assert assumed["name"] == "the law of iterated expectations"
    assert "\\mathbb{E}" in assumed["latex"]
    assert document["checked"] == {"proof": 2, "assumption": 1}
