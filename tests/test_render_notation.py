"""Each notation's documents speak its source's language, and the assumptions state the
mathematics: a course-notation document has no DDPM title, the DDPM documents no f_φ (the
course's name of the model's mean), ε is stated by its law, and a document lists only the
definitions its proof meets. Read off the committed output/ (and the registry)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from derive import registry

OUTPUT = REPO / "output"
COURSE = sorted(e.name for e in registry.entries() if "course" in e.notations)


@pytest.mark.parametrize("name", COURSE)
def test_a_course_notation_document_has_no_ddpm_title(name):
    assert "DDPM" not in registry.lookup(name).title_in("course")
    first = (OUTPUT / f"{name}-course.md").read_text(encoding="utf-8").splitlines()[0]
    assert "DDPM" not in first, first


@pytest.mark.parametrize("name", ["posterior-kl", "kl-mse"])
def test_the_ddpm_notation_names_the_model_mean_mu_theta_not_f_phi(name):
    ddpm = (OUTPUT / f"{name}.md").read_text(encoding="utf-8")
    course = (OUTPUT / f"{name}-course.md").read_text(encoding="utf-8")
    f_phi, mu_theta = r"\boldsymbol{f}_{\phi}", r"\boldsymbol{\mu}_{\theta}"  # bold: vectors
    assert f_phi not in ddpm and mu_theta in ddpm
    assert f_phi in course or name == "kl-mse"  # kl-mse states its own μ_θ in both


@pytest.mark.parametrize("notation, mean, other", [("ddpm", "mu_theta", "f_phi"),
                                                   ("course", "f_phi", "mu_theta")])  # fmt: skip
def test_kl_mse_names_the_model_mean_as_the_lemma_it_cites_does(notation, mean, other):
    """Every line of kl-mse, and the formula of the lemma (posterior-kl) each step quotes,
    names the model's mean alike: μ_θ in the DDPM notation, f_φ in the course's; neither
    borrows the other's name."""
    d = registry.load("kl-mse", notation)
    exprs = [d.start, *(s.expr for s in d.steps), *(f for s in d.steps for f in s.rule.formulas)]
    for lemma in d.included:
        exprs += [lemma.derivation.start, *(s.expr for s in lemma.derivation.steps)]
    names = {str(m) for e in exprs for m in e.free_symbols}
    assert mean in names and other not in names


@pytest.mark.parametrize("name", ["eps-param", "eps-param-course"])
def test_the_noise_is_stated_by_its_law_not_as_a_real_number(name):
    text = (OUTPUT / f"{name}.md").read_text(encoding="utf-8")
    assumptions = next(line for line in text.splitlines() if line.startswith("**Assumptions.**"))
    assert r"\epsilon \in" not in assumptions
    assert r"**Random variables.** $\epsilon \sim \mathcal{N}\left(0, 1\right)$" in text


def _definitions(name: str) -> str:
    text = (OUTPUT / f"{name}.md").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.startswith("**Definitions.**"))
    return next(lines, "")  # the ELBO uses none: no such line


@pytest.mark.parametrize("name, dropped", [("elbo", "x_{t-1}"), ("elbo-course", "z_{t-1}")])
def test_the_elbo_lists_no_law_its_proof_never_meets(name, dropped):
    definitions = _definitions(name)
    assert rf"\mid {dropped}\right) =" not in definitions  # the forward step's law
    assert not re.search(rf"q\\left\({dropped} \\mid", definitions)  # the marginal at t − 1


def test_the_posterior_still_lists_the_forward_step_it_starts_from():
    assert r"q\left(x_{t} \mid x_{t-1}\right) =" in _definitions("posterior")
