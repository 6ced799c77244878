"""Every registered derivation: verified and rendered in every format (its LaTeX is compiled by
tests/test_readme.py, through `derive all`, with every document and the book).

A new script in ``derivations/`` is picked up here with no change to this file.
"""

from __future__ import annotations

import json

import pytest
from conftest import TIMEOUT
from sympy import OneMatrix, srepr

from derive.core import Step, check_step, verify
from derive.core.verify import context_of
from derive.gaussian import Both, Distributed, Moments
from derive.registry import entries, load
from derive.render import render

# Every document: each derivation, and each notation of the DDPM derivations.
DOCUMENTS = {doc: (e.name, n) for e in entries() for doc, n in e.documents()}
NAMES = list(DOCUMENTS)


def _load(document: str):
    return load(*DOCUMENTS[document])


@pytest.fixture
def reports(verified_reports):
    """Every document verified, once per test run (tests/conftest.py)."""
    return verified_reports


@pytest.mark.parametrize("name", NAMES)
def test_every_step_is_verified(name, reports):
    report = reports[name]
    unproved = [(i, v) for i, v in enumerate(report.verdicts) if v.status != "verified"]
    assert not unproved, unproved
    assert report.verified


LISTED = [(e, name, n) for e in entries() for name, n in e.documents()]


@pytest.mark.parametrize("entry, name, notation", LISTED, ids=[d[1] for d in LISTED])
def test_the_listing_agrees_with_the_script(entry, name, notation):
    derivation = load(entry.name, notation)
    assert derivation.name == name
    assert derivation.title == entry.title_in(notation)
    source = (derivation.source.document, derivation.source.section)
    assert source == entry.source_in(notation)


def test_a_document_in_the_course_notation_names_the_course_as_its_source():
    course = load("posterior", "course")
    assert (course.source.document, course.source.section) == (
        "001_c65224db13adbda7.txt",
        "§1.1.4(d)",
    )  # seed 001 works the posterior in z and x, as this document does
    assert "zₜ₋₁" in course.title and "DDPM" not in course.title
    assert load("posterior").source.document == "002_fd2e4c5ce01caa53.txt"


@pytest.mark.parametrize("name", NAMES)
def test_json_follows_the_schema(name, reports):
    doc = json.loads(render(reports[name], "json"))
    assert {"name", "title", "source", "assumptions", "steps", "results", "verified"} <= set(doc)
    assert doc["name"] == name and doc["verified"] is True
    assert all(isinstance(a, str) for a in doc["assumptions"])
    derivation = reports[name].derivation
    assert len(doc["steps"]) == len(derivation.steps)
    for step, original in zip(doc["steps"], derivation.steps, strict=True):
        assert set(step) == {"relation", "latex", "expr", "justification", "check"}
        assert step["expr"] == srepr(original.expr)
        assert step["relation"] == original.relation.symbol
        assert step["check"]["status"] == "verified" and step["check"]["method"]
    for result, value in doc["results"].items():
        assert value["expr"] == srepr(derivation.results[result])
        assert value["latex"]


@pytest.mark.parametrize("name", NAMES)
def test_rendering_is_deterministic(name, reports):
    """A second verification, without the cache, renders the same bytes (with the suite's
    generous time bound: a loaded machine must not turn a slow proof into "unverified")."""
    again = verify(_load(name), timeout=TIMEOUT)
    for fmt in ("txt", "tex", "md", "json"):
        assert render(reports[name], fmt) == render(again, fmt)


def _altered(expr):
    """The step's new side made wrong: a law's variance doubled, a number plus one, a matrix
    plus the matrix of ones."""
    if isinstance(expr, Both):  # the last of the statements concluded together
        return Both(*expr.args[:-1], _altered(expr.args[-1]))
    if isinstance(expr, Distributed):
        return Distributed(expr.expr, _altered(expr.law))
    if isinstance(expr, Moments):
        return expr.func(expr.mean, 2 * expr.variance, *expr.args[2:])
    if getattr(expr, "is_Matrix", False):
        return expr + OneMatrix(*expr.shape)
    return expr + 1


@pytest.mark.parametrize("name", NAMES)
def test_an_altered_step_is_refuted_in_every_chain(name):
    derivation = _load(name)
    chains = [derivation, *(c.derivation for c in derivation.citations if c.inline)]
    for chain in chains:
        context = context_of(chain)  # what `derive verify` checks the chain in
        lhs = chain.start
        for index, step in enumerate(chain.steps):
            if step.relation.symbol in ("=", "~", "⇒", "∝"):
                wrong = Step(step.relation, _altered(step.expr), step.rule)
                verdict = check_step(lhs, wrong, context)
                assert verdict.status == "refuted", (chain.name, index, verdict)
                assert verdict.counterexample is not None
            lhs = step.expr


@pytest.mark.parametrize("notation", ["ddpm", "course"])
def test_the_scalar_posterior_says_it_is_one_coordinate(notation):
    # The sources' posterior is a vector law with covariance β̃_t I; the proof is scalar.
    rules = [getattr(step.rule, "name", "") for step in load("posterior", notation).steps]
    assert any("multiples of I" in r and "coordinate" in r for r in rules)
