"""Words with mathematics in them (summaries, captions) and what a document shows once.

The errata's summary once read ``$n = 1, 2, …, 8; 2$ holds numerically``: a formula that ran
on past the semicolon ending its clause. And each implementation repeated, after its code,
the formula the theorem states ("Rendered by latexify-py"): a formula is shown where it is
proved, the code is shown as code.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from derive.render.mathtext import escape

OUTPUT = REPO / "output"


@pytest.mark.parametrize(
    "words, formulas",
    [("9 hold at n = 1, 2, 3, 4, 6, 8; 2 hold numerically", ["n = 1, 2, 3, 4, 6, 8"]),
     ("x = 1; y = 2", ["x = 1", "y = 2"]),
     ("the law N(x; μ, σ²)", [r"\mathcal{N}(x; \mu , \sigma^{2})"])],
)  # fmt: skip
def test_a_semicolon_ends_a_formula_between_words(words, formulas):
    assert re.findall(r"\$([^$]*)\$", escape(words)) == formulas


@pytest.mark.parametrize(
    "words, shown",
    [("The ε-parametrization of the mean", r"The $\varepsilon$-parametrization of the mean"),
     ("a μ-term", r"a $\mu$-term"), ("x_{t-1} and x_t", r"$x_{t-1}$ and $x_{t}$")],
)  # fmt: skip
def test_a_hyphen_after_a_symbol_is_a_hyphen_not_a_minus(words, shown):
    assert escape(words) == shown


@pytest.mark.parametrize(
    "words, shown",
    [("definition of differential entropy: h(P) = -E_P[log p(x)]",
      r"definition of differential entropy: $h(P) = -\mathbb{E}_{P}[\log p(x)]$"),
     ("scaling: aX ~ N(aμ, a²σ²), by cf",
      r"scaling: $aX \sim  \mathcal{N}(a\mu , a^{2}\sigma^{2})$, by cf"),
     ("log(a/b) = log a − log b", r"$\log(a/b) = \log a - \log b$"),
     ("where Sigma_1, Sigma_2 was read", r"where $\Sigma _{1}, \Sigma _{2}$ was read"),
     ("the terms of L_DDPM", r"the terms of $L_{DDPM}$"),
     ("a sum of a matrix and a number", "a sum of a matrix and a number"),
     ("Not read, 2: D_KL takes two laws", r"Not read, 2: $D_{KL}$ takes two laws"),
     ("with A = √(1 − βₜ), B = βₜ: B/A²",
      r"with $A = \sqrt{1 - \beta_{t}}, B = \beta_{t}$: $B/A^{2}$")],
)  # fmt: skip
def test_mathematics_written_in_ascii_is_typeset(words, shown):
    """Justifications written as ASCII formulas (h(P), E_P[…], aX, SymPy's Sigma_1) were
    printed as text, E_P as "E_P" in roman; they are formulas, E an expectation, N a law."""
    assert escape(words) == shown


def test_the_errata_reasons_have_one_formula_per_clause():
    lines = (OUTPUT / "errata.tex").read_text(encoding="utf-8").splitlines()
    reasons = [line for line in lines if line.startswith(r"\textbf{fails}: ")]
    formulas = [f for line in reasons for f in re.findall(r"\$([^$]*)\$", line)]
    assert formulas, reasons  # the counterexamples are typeset as mathematics
    assert not [f for f in formulas if ";" in f]


def _sections(text: str, start: str, end: str) -> list[str]:
    return [part.split(end)[0] for part in text.split(start)[1:]]


IMPLEMENTED = sorted(p for p in OUTPUT.glob("*.md") if "**Implementation.**" in p.read_text())


def test_some_documents_show_an_implementation():
    assert len(IMPLEMENTED) >= 5


@pytest.mark.parametrize("md", IMPLEMENTED, ids=[p.stem for p in IMPLEMENTED])
def test_an_implementation_is_code_not_the_formula_again(md):
    markdown = md.read_text(encoding="utf-8")
    (section,) = _sections(markdown, "**Implementation.**", "**Checked.**")
    assert "```python" in section
    assert "$$" not in section and "latexify" not in section
    tex = md.with_suffix(".tex").read_text(encoding="utf-8")
    (section,) = _sections(tex, r"\paragraph{Implementation.}", r"\paragraph{Checked.}")
    assert r"\begin{lstlisting}" in section
    assert r"\[" not in section and "latexify" not in section


def test_the_book_puts_a_chapter_after_the_chapters_it_uses():
    book = (OUTPUT / "derivations.tex").read_text(encoding="utf-8")
    chapters = re.split(r"\\chapter\{", book)[1:]
    order = {}
    for i, chapter in enumerate(chapters):
        label = re.search(r"\\label\{derivation:([\w-]+)\}", chapter)
        if label:
            order[label.group(1)] = i
    assert len(order) > 20
    for name, i in order.items():
        used = set(re.findall(r"\\ref\{derivation:([\w-]+)\}", chapters[i])) - {name}
        assert all(order[u] < i for u in used), (name, used)
    # eps-param starts from the posterior's mean (a result, not a cited lemma)
    assert order["posterior"] < order["eps-param"]
    assert order["posterior-course"] < order["eps-param-course"]
