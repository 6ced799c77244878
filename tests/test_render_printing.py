"""The printer sets what the sources set: σ₁ before σ₂ in a sum, and no fraction in a
fraction in the small type of a script in a displayed LaTeX equation."""

from __future__ import annotations

import re

import pytest
from sympy import Eq, Symbol, symbols

from derive.core import Derivation, Rule, Source, verify
from derive.render import render
from derive.render.printers import display_fractions, latex, text

s1, s2 = symbols("sigma_1 sigma_2", positive=True)
x = Symbol("x", real=True)


@pytest.mark.parametrize("printer", [latex, text])
def test_subscripted_terms_alike_come_in_the_natural_order(printer):
    for expr in (1 / s1**2 + 1 / s2**2, x / s2**2 + x / s1**2):
        printed = printer(expr)
        first, second = (printed.index(s) for s in (printer(s1), printer(s2)))
        assert first < second, printed
    a2, a10 = Symbol("a_2"), Symbol("a_10")
    printed = printer(a10 + a2)
    assert printed.index(printer(a2)) < printed.index(printer(a10)), printed


def test_terms_of_different_shapes_keep_their_order():
    assert text(x - Symbol("mu_1", real=True)) == "x - μ₁"


def test_a_fraction_in_a_fraction_is_set_at_full_size():
    tex = display_fractions(latex(1 / (1 / s1**2 + 1 / s2**2)))
    assert tex.count(r"\dfrac") == 2 and tex.startswith(r"\frac{1}{")


def test_a_fraction_in_an_exponent_stays_small():
    tex = display_fractions(latex(s1 ** (x / 2) / s2))
    assert r"^{\frac{x}{2}}" in tex and r"\dfrac" not in tex


def _document() -> str:
    a, b = symbols("a b", positive=True)
    d = Derivation("demo", "A demo", Source("notes", "§1"), start=1 / (1 / a + 1 / b))
    quoted = Eq(1 / (1 / a + 1 / b), a * b / (a + b), evaluate=False)
    d.eq(a * b / (a + b), Rule("multiply by ab", quoted))
    return render(verify(d), "tex")


def test_the_latex_document_sets_displayed_nested_fractions_as_dfrac():
    document = _document()
    displays = re.findall(r"\\\[(.*?)\\\]|\\begin\{align\*\}(.*?)\\end\{align\*\}", document, re.S)
    shown = " ".join(a + b for a, b in displays)
    assert re.search(r"\\frac\{1\}\{\\dfrac\{1\}\{[ab]\} \+ \\dfrac\{1\}\{[ab]\}\}", shown)
    justified = re.search(r"\\justified\{multiply by ab: \$(.*?)\$", document).group(1)
    assert r"\dfrac" not in justified  # inline mathematics keeps text-style fractions
