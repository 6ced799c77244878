"""The committed HTML pages: self-contained, one per proof, and the book with every chapter."""

from __future__ import annotations

import json
import re

from conftest import REPO

OUTPUT = REPO / "output"
NETWORK = re.compile(r"""(src|href)=["'](https?:)?//""")
# The proofs' JSON documents (errata.json is derive audit's record of the proofread seeds).
DOCUMENTS = sorted(p for p in OUTPUT.glob("*.json") if p.name != "errata.json")


def test_one_page_per_proof_with_its_checks():
    for document in DOCUMENTS:
        page = (OUTPUT / f"{document.stem}.html").read_text(encoding="utf-8")
        steps = len(json.loads(document.read_text(encoding="utf-8"))["steps"])
        assert page.count("<details") >= steps, document.stem
        assert not NETWORK.search(page) and "<script" not in page


def test_the_book_page_has_every_chapter_and_no_network():
    book = (REPO / "output" / "derivations.html").read_text(encoding="utf-8")
    documents = [p.stem for p in DOCUMENTS]
    names = [json.loads((REPO / "output" / f"{d}.json").read_text())["name"] for d in documents]
    for name in set(names):
        assert f'id="derivation-{name}"' in book
    assert not re.search(r"""(src|href)=["'](https?:)?//""", book) and "<script" not in book
    assert "Preface" in book and book.count("<math") > 500


def test_the_justifications_are_mathematics_not_ascii():
    """The HTML once printed rule names as typed ("h(P) = -E_P[log p(x)]", "β_t" with its
    underscore); their formulas are MathML, like the steps'."""
    from derive.core import verify
    from derive.registry import load
    from derive.render.html import render
    from derive.render.html import words as html_words

    page = render(verify(load("entropy")))
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<math.*?</math>", " ", page, flags=re.S))
    assert "definition of differential entropy" in visible
    assert not re.search(r"[A-Za-z]_[A-Za-z{]", visible), re.findall(r"\S*_\S*", visible)[:5]
    shown = html_words("add and subtract E_p[log g(x)]; linearity of expectation")
    assert shown.startswith("add and subtract <math")
    assert shown.endswith("; linearity of expectation")
    assert "&#x1D53C;" in shown or "𝔼" in shown  # the expectation's double-struck E
