"""A refuted step shows one counterexample in every format: the same point, the same values of
both sides and the same difference (or, for ``∝``, the same ratios), in text, Markdown, LaTeX,
HTML and JSON; and those values are the sides' true values at that point, recomputed here."""

from __future__ import annotations

import json
import re
from html import unescape

from sympy import E, Rational, exp, symbols

from derive.core import Derivation, Rule, Source, verify
from derive.render import render

a = symbols("a", positive=True)
x = symbols("x", real=True)
FORMATS = ("txt", "md", "tex", "html", "json")


def _wrong_equation():
    """e^a = 1 + a: false at every a > 0; the left side is irrational, the right a fraction."""
    d = Derivation("wrong", "A wrong step", Source("notes.txt", "§0"), start=exp(a))
    return verify(d.eq(1 + a, Rule("a first-order series taken for the function")))


def _wrong_proportion():
    """e^{a x²} ∝ e^{x} in x: false, the ratio of the sides depends on x."""
    source = Source("notes.txt", "§0")
    d = Derivation("wrongprop", "A wrong proportion", source, start=exp(a * x**2))
    return verify(d.prop(exp(x), x, Rule("a constant dropped")))


def _documents(report) -> dict[str, str]:
    return {fmt: render(report, fmt) for fmt in FORMATS}


def _visible(html: str) -> str:
    """The numbers an HTML page shows: the text of its MathML numerals and operators."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


def _point_of(document: dict) -> dict:
    (step,) = document["steps"]
    assert step["check"]["status"] == "refuted"
    return step["check"]["counterexample"]


def test_the_counterexample_is_the_sides_true_values():
    example = _point_of(json.loads(render(_wrong_equation(), "json")))
    at = Rational(example["values"]["a"])  # the checker's point, an exact fraction
    left, right = exp(at), 1 + at
    assert abs(float(example["lhs"]) - float(left)) < 1e-11 * float(left)
    assert Rational(example["rhs"]) == right
    assert abs(float(example["difference"]) - float(left - right)) < 1e-9
    assert float(example["difference"]) > 0  # e^a > 1 + a: the sign is the true one
    assert example["at"] == [
        {"symbol": "a", "text": "a", "latex": "a", "value": str(at),
         "value_latex": example["at"][0]["value_latex"]},
    ]  # fmt: skip
    assert (example["at"][0]["value_latex"] == str(at)) is (at.q == 1)


def test_a_refuted_step_shows_the_same_values_in_every_format():
    documents = _documents(_wrong_equation())
    example = _point_of(json.loads(documents["json"]))
    value = example["at"][0]
    for key in ("lhs", "rhs", "difference"):
        assert example[key] in documents["txt"], key
        assert example[key] in documents["md"], key
        assert f"${example[f'{key}_latex']}$" in documents["tex"], key
    for fmt in ("txt", "md"):
        assert f"a = {value['value']}" in documents[fmt], fmt
    assert f"$a = {value['value_latex']}$" in documents["tex"]
    shown = _visible(documents["html"])
    for key in ("lhs", "difference"):  # decimals: one MathML numeral each
        assert f" {example[key]} " in shown, key
    assert re.search(r"Counterexample: at\s+a\s+=", shown)
    assert "difference" in shown


def test_a_refuted_proportion_shows_both_points_and_their_ratios_in_every_format():
    documents = _documents(_wrong_proportion())
    first = _point_of(json.loads(documents["json"]))
    second = first["second"]
    assert first["ratio"] != second["ratio"]  # what refutes ∝
    for point in (first, second):
        at = {name: Rational(v) for name, v in point["values"].items()}
        left, right = exp(at["a"] * at["x"] ** 2), exp(at["x"])
        assert abs(float(point["ratio"]) - float(left / right)) < 1e-9 * float(left / right)
        for key in ("lhs", "rhs", "ratio"):
            assert point[key] in documents["txt"] and point[key] in documents["md"], key
            assert f"${point[f'{key}_latex']}$" in documents["tex"], key
    assert "ratio" in _visible(documents["html"])
    for fmt in ("txt", "md", "tex"):
        assert "the ratio of the sides changes" in documents[fmt]


def test_a_verified_step_shows_no_counterexample():
    d = Derivation("right", "A right step", Source("notes.txt", "§0"), start=exp(a) * E)
    report = verify(d.eq(exp(a + 1), Rule("exponents add")))
    (step,) = json.loads(render(report, "json"))["steps"]
    assert step["check"]["status"] == "verified" and "counterexample" not in step["check"]
    for fmt in ("txt", "md", "tex", "html"):
        assert "right side" not in render(report, fmt), fmt
