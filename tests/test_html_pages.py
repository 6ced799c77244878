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
