"""A document's results are formulas in its inputs, never a bare name its definitions give.

``mean = μ_new`` with μ_new defined among the assumptions says nothing a reader can use; the
source ends with the closed form substituted. Checked on the derivations and on the committed
JSON (``output/*.json``, whose ``results`` are what other tools read).
"""

from __future__ import annotations

import json
import re

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


@pytest.mark.parametrize("name", ["posterior", "posterior-product"])
def test_the_posterior_theorem_names_its_mean_and_variance(name, verified_reports):
    """The theorem says N(μ̃_t, β̃_t), where μ̃_t and β̃_t are DDPM eq. 7 (written here from the
    paper, not from the derivation), and the Results do not repeat them."""
    from sympy import Indexed, simplify, sqrt

    from derive.diffusion import notation as notation_of
    from derive.render.markdown import render as markdown
    from derive.render.outline import outline

    report = verified_reports[name]
    o = outline(report)
    assert [str(symbol) for symbol, _ in o.where] == ["mutilde_t", "betatilde_t"]
    assert o.unnamed == {}
    nt = notation_of("ddpm")
    t = nt.t
    x_0, x_t = Symbol("x_0"), Symbol("x_t")
    abar, beta = nt.cumulative, nt.beta[t]
    mean = sqrt(abar(t - 1)) * beta / (1 - abar(t)) * x_0
    mean += sqrt(nt.step(t)) * (1 - abar(t - 1)) / (1 - abar(t)) * x_t
    variance = (1 - abar(t - 1)) / (1 - abar(t)) * beta
    (_, shown_mean), (_, shown_variance) = o.where
    names = {s.name: s for s in shown_mean.free_symbols if not isinstance(s, Indexed)}
    shown_mean = shown_mean.subs({names["x_0"]: x_0, names["x_t"]: x_t})
    for shown, paper in ((shown_mean, mean), (shown_variance, variance)):
        assert simplify(shown - paper) == 0
        assert simplify(shown - 2 * paper) != 0  # the comparison can fail
    page = markdown(report)
    theorem = page.split("**Theorem.**")[1].split("**Lemma")[0].split("*Proof")[0]
    assert r"\mathcal{N}\left(\tilde{\mu}_{t}, \tilde{\beta}_{t}\right)" in theorem
    assert "where" in theorem and "**Results.**" not in page


def _theorem_and_results(markdown: str) -> tuple[str, list[str]]:
    theorem = markdown.split("**Theorem.**")[1].split("*Proof")[0]
    if "**Results.**" not in markdown:
        return theorem, []
    section = markdown.split("**Results.**")[1].split("**")[0]
    return theorem, re.findall(r"^- `[^`]+`: \$(.+)\$$", section, re.M)


@pytest.mark.parametrize("name, notation, document", DOCUMENTS, ids=[d for *_, d in DOCUMENTS])
def test_the_results_do_not_repeat_the_theorem(name, notation, document, verified_reports):
    """product once ended "Results: mean = …, covariance = …", the very parameters of the law
    its theorem states: each formula shown twice. A result is listed only where it says
    something the theorem does not (the ELBO's three named terms)."""
    from derive.render.markdown import render as markdown

    theorem, results = _theorem_and_results(markdown(verified_reports[document]))
    assert not set(results) & _laws_and_parameters(theorem), document


def _laws_and_parameters(tex: str) -> set[str]:
    """Every normal law N(…) a formula shows, and each of its parameters (split at the
    top-level commas and semicolons)."""
    found = set()
    for start in (m.end() for m in re.finditer(r"\\mathcal\{N\}\\left\(", tex)):
        depth, i, pieces, piece = 1, start, [], ""
        while depth:
            if tex.startswith(r"\left", i) or tex.startswith(r"\right", i):
                step = 5 if tex.startswith(r"\left", i) else 6
                depth += 1 if step == 5 else -1
                if depth == 0:
                    break
                piece, i = piece + tex[i : i + step], i + step
                continue
            if depth == 1 and tex[i] in ",;":
                pieces.append(piece.strip())
                piece, i = "", i + 1
                continue
            piece, i = piece + tex[i], i + 1
        pieces.append(piece.strip())
        found |= set(pieces) | {r"\mathcal{N}\left(" + ", ".join(pieces) + r"\right)"}
    return found


def test_the_elbo_still_names_its_three_terms(verified_reports):
    from derive.render.markdown import render as markdown

    _, results = _theorem_and_results(markdown(verified_reports["elbo"]))
    assert len(results) == 3 and all(r.startswith(("-", r"\mathbb{E}")) for r in results)


def test_the_repetition_check_can_fail():
    page = (
        "**Theorem.**\n\n$$\nX \\sim \\mathcal{N}\\left(a + b, \\left(c\\right)^{2}\\right)\n$$"
        "\n\n*Proof.*\n\n**Results.**\n\n- `mean`: $a + b$\n- `law`: $\\mathcal{N}\\left(a + b, "
        "\\left(c\\right)^{2}\\right)$\n- `other`: $b$\n"
    )
    theorem, results = _theorem_and_results(page)
    assert set(results) & _laws_and_parameters(theorem) == set(results[:2])


# A fraction (or root) with a fraction inside it, as LaTeX source: unreadable in a line of text.
NESTED_FRACTION = re.compile(r"\\(frac|sqrt)\{[^$]*?\\frac")


def _header(tex: str) -> str:
    """The lines of text above the theorem: source, marks, assumptions, definitions."""
    return tex.split(r"{\raggedright")[1].split(r"\par}")[0]


@pytest.mark.parametrize("name, notation, document", DOCUMENTS, ids=[d for *_, d in DOCUMENTS])
def test_no_fraction_in_a_fraction_in_a_line_of_text(name, notation, document, verified_reports):
    """product-univariate's Definitions once set σ = 1/√(1/σ₂² + 1/σ₁²) in a line of text,
    in type too small to read; such a definition is displayed."""
    from derive.render.latex import render as latex_document

    header = _header(latex_document(verified_reports[document]))
    formulas = re.findall(r"\$([^$]+)\$", header)
    assert not [f for f in formulas if NESTED_FRACTION.search(f)], document


def test_the_nested_fraction_check_can_fail():
    assert NESTED_FRACTION.search(r"\sigma = \frac{1}{\sqrt{\frac{1}{a} + b}}")
    assert not NESTED_FRACTION.search(r"\bar{y} = \frac{\sum_{i=1}^{n} y_{i}}{n}")
