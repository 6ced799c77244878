"""Every format shows each step's strength with its own mark, and counts the marks apart.

The verdicts here are made by hand (one of each strength, a refutation, an unverified step), so
the renderers are tested on every mark whatever today's derivations happen to produce.
"""

from __future__ import annotations

import json

import pytest
from sympy import Rational, symbols

from derive.core import Derivation, Rule, Source
from derive.core.verdict import Counterexample, Verdict
from derive.core.verify import Report
from derive.render import render
from derive.render.verdicts import BY_KEY, checked, kind, tally

a, b = symbols("a b", positive=True)


VERDICTS = [
    Verdict.proof("symbolic: the difference expands to 0"),
    Verdict.at_sizes("matrices: exact random", sizes=(3, 4)),
    Verdict.numeric("equal to 40 digits", points=6, digits=40),
    Verdict.assumed("the Markov property of the forward process"),
    Verdict.unverified("no check for the relation"),
    Verdict.refuted(
        "numeric evaluation", Counterexample(((a, Rational(1, 2)),), Rational(3), Rational(5))
    ),
]
KEYS = ["proof", "sizes", "numeric", "assumption", "unverified", "refuted"]


def _report() -> Report:
    d = Derivation("demo", "A demo", Source("notes", "§1"), start=a + b)
    for i in range(len(VERDICTS)):
        d.eq(a + b + i - i, Rule(f"step {i}"))
    return Report(d, list(VERDICTS))


def test_each_strength_has_its_own_mark():
    marks = [kind(v) for v in VERDICTS]
    assert [m.key for m in marks] == KEYS
    assert len({m.mark for m in marks}) == len(marks)
    assert len({m.tex for m in marks}) == len(marks)


def test_the_checked_line_counts_each_mark_apart():
    said = checked(tally(VERDICTS))
    assert said.startswith("6 steps: ")
    for key in KEYS:
        assert f"1 {BY_KEY[key].label}" in said


@pytest.mark.parametrize("fmt", ["txt", "md", "tex", "html"])
def test_every_format_shows_every_mark_and_the_split_count(fmt):
    document = render(_report(), fmt)
    for key in KEYS:
        shown = BY_KEY[key].tex if fmt == "tex" else BY_KEY[key].mark
        assert shown in document, (fmt, key)
    assert "1 numeric evidence only" in document and "1 at sizes" in document
    assert "1 proved" in document  # and not "6 of 6 verified": the strengths are apart
    assert "left" in document and "5" in document  # the counterexample's values


def test_json_says_status_strength_and_mark():
    document = json.loads(render(_report(), "json"))
    checks = [s["check"] for s in document["steps"]]
    assert [c["mark"] for c in checks] == KEYS
    assert [c["strength"] for c in checks][:4] == ["proof", "at sizes", "numeric", "by assumption"]
    assert checks[5]["counterexample"]["values"] == {"a": "1/2"}
    assert document["checked"] == {k: 1 for k in KEYS}


def test_a_numeric_step_is_never_marked_as_proved():
    numeric = VERDICTS[2]
    text = render(Report(_one_step(), [numeric]), "txt")
    assert BY_KEY["numeric"].mark in text and "proved" not in text.split("Checked:")[1]


def _one_step() -> Derivation:
    return Derivation("demo", "A demo", Source("notes", "§1"), start=a + b).eq(b + a, Rule("c"))


def test_the_book_preface_explains_every_mark():
    """The book's preface names each mark with what it means (and, for "by assumption", which
    assumptions of the model the engine takes as given)."""
    from derive.render.book import preface
    from derive.render.mathtext import escape

    said = "\n".join(preface())
    for k in BY_KEY.values():
        assert f"{k.tex}~{escape(k.meaning)}" in said, k.key
    assert r"\emph{by assumption}" in said and "Markov property" in said
    assert "iterated expectations" in said
