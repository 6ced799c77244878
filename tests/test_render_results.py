"""A document's results are formulas in its inputs, never a bare name its definitions give.

``mean = μ_new`` with μ_new defined among the assumptions says nothing a reader can use; the
source ends with the closed form substituted. Checked on the derivations and on the committed
JSON (``output/*.json``, whose ``results`` are what other tools read).
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from sympy import MatrixSlice, MatrixSymbol, Symbol, srepr

from derive import registry
from derive.gaussian import MvNormal, Normal

DOCUMENTS = [
    (entry.name, notation, document)
    for entry in registry.entries()
    for document, notation in entry.documents(None)
]


def _named(derivation) -> dict:
    """The names a derivation's definitions abbreviate (not blocks of an input, which are
    the sources' notation for parts of it)."""
    return {
        name: value
        for name, value in derivation.definitions.items()
        if isinstance(name, Symbol | MatrixSymbol) and not isinstance(value, MatrixSlice)
    }


def _parts(result) -> list:
    """A result, or the parameters of a law that is a result."""
    return list(result.args[:2]) if isinstance(result, Normal | MvNormal) else [result]


@pytest.mark.parametrize("name, notation, document", DOCUMENTS, ids=[d for *_, d in DOCUMENTS])
def test_no_result_is_a_bare_defined_name(name, notation, document):
    derivation = registry.load(name, notation)
    named = _named(derivation)
    for result_name, result in derivation.results.items():
        bare = [part for part in _parts(result) if part in named]
        assert not bare, f"{document}: result {result_name} is the defined name {bare[0]}"
    committed = json.loads((REPO / "output" / f"{document}.json").read_text(encoding="utf-8"))
    assert set(committed["results"]) == set(derivation.results)
    for result_name, shown in committed["results"].items():
        for defined in named:
            assert shown["expr"] != srepr(defined), f"{document}: {result_name} is a name"


def test_the_check_fails_on_a_result_that_is_a_name():
    derivation = registry.load("product", None)
    named = _named(derivation)
    assert named, "product defines Σ_new and μ_new"
    assert any(part in named for part in _parts(next(iter(named))))
