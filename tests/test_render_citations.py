"""A step that uses a result proved in another document says which one: the text and Markdown
name the derivation, the LaTeX refers to its chapter in the book; forward-marginal quotes the
induction hypothesis where it uses it."""

from __future__ import annotations

import pytest

from derive.registry import load
from derive.render.latex import justification as tex_justification
from derive.render.outline import Line
from derive.render.printers import text
from derive.render.text import justification as text_justification


def _line(derivation, index: int) -> Line:
    step = derivation.steps[index]
    cites = step.rule.cites or getattr(getattr(step.rule, "derivation", None), "name", None)
    return Line(step.relation, step.expr, step.rule, None, None, cites or None)


@pytest.mark.parametrize("name, index", [("posterior", 1), ("eps-param", 0)])
def test_a_rule_using_the_forward_marginal_cites_its_derivation(name, index):
    derivation = load(name)
    rule = derivation.steps[index].rule if name == "posterior" else None
    if rule is None:  # eps-param: the one-shot sampling, in its inline lemma
        lemma = derivation.citations[0].derivation
        rule = next(s.rule for s in lemma.steps if s.rule.name == "one-shot sampling")
    assert rule.cites == "forward-marginal"


def test_the_text_and_the_book_cite_the_chapter():
    posterior = load("posterior")
    line = _line(posterior, 1)
    assert "(derivation forward-marginal)" in text_justification(line)
    book = tex_justification(line, "posterior", frozenset({"forward-marginal"}))
    assert r"(\texttt{forward-marginal} (Chapter~\ref{derivation:forward-marginal}))" in book
    alone = tex_justification(line, "posterior")
    assert r"\texttt{forward-marginal}" in alone and r"\ref" not in alone


def test_forward_marginal_quotes_the_induction_hypothesis_where_it_uses_it():
    derivation = load("forward-marginal")
    rule = derivation.steps[1].rule
    said = text_justification(_line(derivation, 1))
    assert "induction hypothesis" in rule.name
    hypothesis = rule.formulas[-1]
    assert text(hypothesis) in said and "xₜ ~ N(" in text(hypothesis)
