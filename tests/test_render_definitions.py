"""A document lists the definitions and assumptions its proof uses, and no others.

The ELBO's rewrites (seed 002) hold for every q and p_θ: its steps still verify with the forward
process's laws and the α, ᾱ families taken away (checked here by verifying that stripped copy),
so its documents list neither, nor "β_s ∈ (0, 1)". The posterior, whose steps evaluate those
laws, keeps them.
"""

from __future__ import annotations

import pytest

from derive.core import verify
from derive.core.model import Declared
from derive.registry import load
from derive.render import render


def _sections(markdown: str) -> dict[str, str]:
    return {
        line.split("**")[1].rstrip("."): line
        for line in markdown.splitlines()
        if line.startswith("**") and line.count("**") >= 2
    }


@pytest.mark.parametrize("notation", ["ddpm", "course"])
def test_the_elbo_verifies_without_the_forward_process_laws(notation):
    derivation = load("elbo", notation)
    assert derivation.declared.statements and derivation.definitions  # what the test removes
    derivation.declared = Declared(facts=derivation.declared.facts)
    derivation.definitions = {}
    assert verify(derivation).verified


@pytest.mark.parametrize("notation", ["ddpm", "course"])
def test_the_elbo_lists_no_definition_and_no_range_of_beta(notation):
    page = render(verify(load("elbo", notation)), "md")
    sections = _sections(page)
    assert "Definitions" not in sections
    assert r"\beta" not in sections["Assumptions"] and r"\mathbb{N}" in sections["Assumptions"]
    tex = render(verify(load("elbo", notation)), "tex")
    assert r"\textbf{Definitions.}" not in tex and r"\mathcal{N}\left(" not in tex


def test_a_proof_that_evaluates_the_laws_lists_them():
    sections = _sections(render(verify(load("posterior")), "md"))
    assert r"q\left(x_{t} \mid x_{t-1}\right) = \mathcal{N}" in sections["Definitions"]
    assert r"{\beta}_{s} \in \left(0, 1\right)" in sections["Assumptions"]
