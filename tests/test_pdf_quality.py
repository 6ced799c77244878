"""The committed PDFs read like a book: no line leaves the text block, scalable fonts only, and
no SymPy leftovers in the text a reader sees (or copies), and no long exponent set as a
superscript in tiny type (quadratic forms go in ``exp(…)``, as the sources print them).

Every ``output/*.tex`` (each proof and the book) is compiled again with the project's build
(:func:`derive.render.pdf.compile_with_log`) and its log searched for Overfull boxes; the
committed PDFs are read with poppler's ``pdffonts`` and ``pdftotext``.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import REPO

from derive.render.pdf import compile_with_log, overfull_boxes

OUTPUT = REPO / "output"
TEX = sorted(OUTPUT.glob("*.tex"))
PDF = sorted(OUTPUT.glob("*.pdf"))
HAS_TEX = shutil.which("pdflatex") is not None
POPPLER = shutil.which("pdffonts") is not None and shutil.which("pdftotext") is not None
# Text SymPy leaves behind when an expression is printed carelessly, and TeX source that
# should have been typeset: a factor 1 (" 1 1/", "1·"), escaped underscores, display markers.
LEFTOVERS = {
    "a factor 1 before a fraction": re.compile(r"(?<![\w.])1 1/"),
    "a factor 1 in a product": re.compile(r"(?<![\w.])1·"),
    "a raw \\_": re.compile(r"\\_"),
    "a raw $$": re.compile(r"\$\$"),
    "raw LaTeX commands": re.compile(r"\\(frac|left|right|mathrm|boldsymbol)\b"),
}


def _figures() -> dict[str, bytes]:
    return {f"figures/{p.name}": p.read_bytes() for p in (OUTPUT / "figures").glob("*.pdf")}


@pytest.mark.slow
@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
@pytest.mark.parametrize("tex", TEX, ids=[p.stem for p in TEX])
def test_no_line_leaves_the_text_block(tex):
    source = tex.read_text(encoding="utf-8")
    _, log = compile_with_log(source, _figures())
    assert overfull_boxes(log) == []  # the errata report and the book's appendix included


def test_the_overfull_check_can_fail():
    log = "Overfull \\hbox (499.1pt too wide) detected at line 12\nUnderfull \\vbox"
    assert overfull_boxes(log) == ["Overfull \\hbox (499.1pt too wide) detected at line 12"]


def long_superscripts(source: str) -> list[str]:
    """The superscripts of a TeX source that are more than a short term: an exponent of e with
    a fraction or over 16 characters, any other with a nested fraction or over 40 characters
    (counted without spaces and sizes)."""
    found = []
    for match in re.finditer(r"\^\{", source):
        end, depth = match.end(), 1
        while depth and end < len(source):
            depth += {"{": 1, "}": -1}.get(source[end], 0)
            end += 1
        body = re.sub(r"\\left|\\right|\s", "", source[match.end() : end - 1])
        base_e = re.search(r"(?<![\\A-Za-z])e\s*$", source[: match.start()]) is not None
        fractions = body.count("\\frac")
        if (base_e and (fractions or len(body) > 16)) or len(body) > 40 or "^{\\frac" in body:
            found.append(body)
        elif fractions and re.search(r"\\frac\{[^{}]*\\frac", body):
            found.append(body)
    return found


@pytest.mark.parametrize("tex", TEX, ids=[p.stem for p in TEX])
def test_exponents_are_short_terms(tex):
    assert long_superscripts(tex.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source, long",
    [(r"e^{- \frac{\left(x - \mu\right)^{2}}{2 \sigma^{2}}}", True), (r"e^{-x}", False),
     (r"\left(2 \pi\right)^{- \frac{n}{2}}", False), (r"x^{" + "ab" * 21 + "}", True),
     (r"\exp\Bigl(- \frac{\left(x - \mu\right)^{2}}{2 \sigma^{2}}\Bigr)", False)],
)  # fmt: skip
def test_the_exponent_check_can_fail(source, long):
    assert bool(long_superscripts(source)) is long


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdffonts, pdftotext) is not installed")
@pytest.mark.parametrize("pdf", PDF, ids=[p.stem for p in PDF])
def test_fonts_are_scalable(pdf):
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, "no fonts listed"
    assert not [line for line in fonts if "Type 3" in line]


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdffonts, pdftotext) is not installed")
@pytest.mark.parametrize("pdf", PDF, ids=[p.stem for p in PDF])
def test_no_sympy_leftovers_in_the_text(pdf):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert len(text) > 200
    found = {what: pattern.findall(text)[:3] for what, pattern in LEFTOVERS.items()}
    assert not {what: hits for what, hits in found.items() if hits}


@pytest.mark.parametrize(
    "text, what",
    [("x 1 1/√α", "a factor 1 before a fraction"), ("+ 1·(1/β)", "a factor 1 in a product"),
     ("x\\_{t-1}", "a raw \\_"), ("$$x$$", "a raw $$")],
)  # fmt: skip
def test_the_leftover_patterns_find_what_they_name(text, what):
    assert LEFTOVERS[what].search(text)
