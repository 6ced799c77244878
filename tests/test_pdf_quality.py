"""The committed PDFs read like a book: no line leaves the text block, scalable fonts only, and
no SymPy leftovers in the text a reader sees (or copies), and no long exponent set as a
superscript in tiny type (quadratic forms go in ``exp(…)``, as the sources print them).

Every ``output/*.tex`` (each proof and the book) is compiled again with the project's build
(:func:`derive.render.pdf.compile_with_log`) and its log searched for Overfull boxes; the
committed PDFs are read with poppler's ``pdffonts`` and ``pdftotext``.
"""

from __future__ import annotations

import bisect
import importlib.util
import re
import shutil
import subprocess

import pytest
from conftest import REPO

from derive.render.pdf import compile_pdf, compile_with_log, overfull_boxes

# The glyph-level checks read the printed pages with pdfplumber (the test extra).
PLUMBER = importlib.util.find_spec("pdfplumber") is not None
needs_plumber = pytest.mark.skipif(not PLUMBER, reason="pdfplumber is not installed")

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


def raised_scripts(page) -> list[tuple[str, int, bool]]:
    """Each superscript set on a PDF page, read from its glyphs: (its text, how many glyphs,
    whether it holds a fraction).

    A superscript is a run of glyphs at most 0.8 times the size of the glyph before them (its
    base), raised above the base's baseline and starting right after it; the run ends where a
    glyph of the base's size returns to its baseline. Glyphs of the run at two heights far
    apart (more than 0.35 of the base's size) are a fraction's numerator and denominator. Not
    superscripts: a text-style fraction's numerator (a fraction rule under it, its denominator
    below the baseline) and glyphs that continue a line of their own size (the base is then
    a large delimiter among them).
    """
    chars = list(page.chars)
    baseline = {id(c): page.height - c["matrix"][5] for c in chars}  # the glyph's origin
    by_x = sorted(chars, key=lambda c: c["x0"])
    starts = [c["x0"] for c in by_x]
    rules = [r for r in page.rects + page.lines if r["bottom"] - r["top"] < 1.2]
    found, seen = [], set()
    for base in sorted(chars, key=lambda c: (-c["size"], c["x0"])):  # outer scripts first
        if not base["text"].strip() or base["text"].startswith("(cid:"):
            continue  # a delimiter or radical piece: its origin is not a baseline
        size, foot = base["size"], baseline[id(base)]
        raised, lowered, right = [], [], base["x1"]
        for c in by_x[bisect.bisect_left(starts, base["x0"] + 0.5) :]:
            if c["x0"] - right > 3:
                break
            if raised and c["bottom"] > base["top"] - size and c["top"] < base["bottom"]:
                right = max(right, c["x1"])  # a delimiter inside the script, too
            lift = foot - baseline[id(c)]
            if abs(lift) > 1.2 * size or (not raised and not -1 <= c["x0"] - base["x1"] < 2.5):
                continue
            if c["size"] >= 0.9 * size and abs(lift) < 0.1 * size:
                break  # back on the base's line
            right = max(right, c["x1"])
            if c["size"] <= 0.8 * size and c["text"].strip():
                (raised if lift >= 0.05 * size else lowered).append(c)
        if not raised or id(raised[0]) in seen or (lowered and lowered[0]["x0"] < raised[0]["x0"]):
            continue
        first = raised[0]
        if lowered and any(
            r["x0"] <= first["x0"] + 0.5 and r["x1"] >= first["x1"] - 0.5
            and baseline[id(first)] < r["top"] < foot for r in rules
        ):  # fmt: skip
            continue
        if any(
            abs(baseline[id(c)] - baseline[id(first)]) < 0.1 * size
            and abs(c["size"] - first["size"]) < 0.3 and 0 < base["x0"] - c["x1"] < 15
            for c in chars
        ):  # fmt: skip
            continue
        seen.update(id(c) for c in raised + lowered)
        lifts = [foot - baseline[id(c)] for c in raised]
        fraction = not lowered and max(lifts) - min(lifts) > 0.35 * size
        found.append(("".join(c["text"] for c in raised), len(raised), fraction))
    return found


def long_scripts(pdf_path) -> list[tuple[int, str]]:
    """(page, text) of each superscript that is more than a short term: over 12 glyphs, or a
    fraction of over 6 (``(2π)^{−a/2 − b/2}`` is short; a quadratic form over 2σ² is not)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return [
            (page.page_number, text)
            for page in pdf.pages
            for text, glyphs, fraction in raised_scripts(page)
            if glyphs > 12 or (fraction and glyphs > 6)
        ]


@needs_plumber
@pytest.mark.slow
@pytest.mark.parametrize("pdf", PDF, ids=[p.stem for p in PDF])
def test_no_long_exponent_on_the_printed_pages(pdf):
    assert long_scripts(pdf) == []


SCRIPTS = r"""\documentclass[11pt]{article}
\usepackage{lmodern}\usepackage[T1]{fontenc}\usepackage{amsmath}
\begin{document}
%s
\end{document}
"""


@needs_plumber
@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
@pytest.mark.parametrize(
    "formula, long",
    [(r"\[ p(x) = e^{-\frac{(x-\mu)^2}{2\sigma^2}} \]", True),
     (r"Inline, $e^{-\frac{(x-\mu)^2}{2\sigma^2}}$ too.", True),
     (r"\[ e^{-(x-\mu)^{\top}\Sigma^{-1}(x-\mu)/2} \]", True),
     (r"\[ e^{-\frac{1}{2}\left(\frac{(x_t - \sqrt{\alpha_t} x_{t-1})^2}{\beta_t}"
      r" + \frac{x_{t-1}^2}{1-\bar\alpha_{t-1}}\right)} \]", True),
     (r"\[ \exp\Bigl(-\frac{(x-\mu)^2}{2\sigma^2}\Bigr) = e^{it(X+Y)} \]", False),
     (r"\[ \left(2\pi\right)^{-\frac{a}{2} - \frac{b}{2}} \Sigma_{1}^{-1} x_t^2 \]", False),
     (r"A fraction in text, $\frac{\log(2\pi\sigma^2) + (x - \mu)^2 + a + b}{2}$.", False)],
)  # fmt: skip
def test_the_printed_exponent_check_can_fail(formula, long, tmp_path):
    pdf = tmp_path / "scripts.pdf"
    pdf.write_bytes(compile_pdf(SCRIPTS % formula))
    assert bool(long_scripts(pdf)) is long


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


def _page_number(page) -> set[int]:
    """The glyphs of the page number: the lowest line of the page, if it is only a number."""
    glyphs = [c for c in page.chars if c["text"].strip()]
    if not glyphs:
        return set()
    lowest = max(c["bottom"] for c in glyphs)
    foot = [c for c in glyphs if lowest - c["bottom"] < 2]
    number = "".join(c["text"] for c in sorted(foot, key=lambda c: c["x0"]))
    return {id(c) for c in foot} if re.fullmatch(r"\d+|[ivxlc]+", number) else set()


def _body_lines(page) -> list[str]:
    """The lines of the document's own text on a page (Latin Modern glyphs, not a figure's
    Computer Modern; scripts aside), without the page number at its foot, top to bottom."""
    rows: list[list] = []
    footer = _page_number(page)
    for c in sorted(page.chars, key=lambda c: c["matrix"][5], reverse=True):
        font = c["fontname"].split("+")[-1]  # after the subset tag, which is random letters
        if not font.startswith("LM") or not c["text"].strip() or c["size"] < 8.5:
            continue
        if id(c) in footer:
            continue
        if rows and abs(rows[-1][0]["matrix"][5] - c["matrix"][5]) < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    return ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for row in rows]


def _filled(page) -> float:
    """How far down the page its content goes (0 the top, 1 the foot), the page number aside."""
    footer = _page_number(page)
    objects = page.chars + page.rects + page.lines + page.curves + page.images
    bottoms = [o["bottom"] for o in objects if id(o) not in footer]
    return max(bottoms, default=0) / page.height


def lonely_figures(pdf_path) -> list[int]:
    """The pages holding a figure with fewer than three lines of text besides its caption
    (a figure that floated to a page of its own)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        found = []
        for page in pdf.pages:
            lines = _body_lines(page)
            captions = [i for i, line in enumerate(lines) if re.match(r"Figure\d+(\.\d+)?:", line)]
            if captions and len(lines) - len(captions) - 1 < 3:  # a caption may take 2 lines
                found.append(page.page_number)
        return found


def half_empty_pages(pdf_path) -> list[int]:
    """The pages before a document's last whose content stops above the middle of the page."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return [p.page_number for p in pdf.pages[:-1] if _filled(p) < 0.5]


@needs_plumber
@pytest.mark.parametrize("pdf", PDF, ids=[p.stem for p in PDF])
def test_no_figure_floats_onto_a_page_of_its_own(pdf):
    assert lonely_figures(pdf) == []


SINGLE = [p for p in PDF if p.stem != "derivations"]  # the book's chapters each end a page


@needs_plumber
@pytest.mark.parametrize("pdf", SINGLE, ids=[p.stem for p in SINGLE])
def test_no_page_before_the_last_is_half_empty(pdf):
    assert half_empty_pages(pdf) == []


@needs_plumber
@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
def test_the_placement_checks_can_fail(tmp_path):
    text = "Some words of the proof, as many as a line holds, and more of them. " * 5
    figure = r"\begin{figure}[p]\centering\rule{8cm}{6cm}\caption{A figure}\end{figure}"
    pdf = tmp_path / "lonely.pdf"
    pdf.write_bytes(compile_pdf(SCRIPTS % f"{text}\n\n{figure}\n\n{text}\\clearpage {text}"))
    assert lonely_figures(pdf) == [2]  # the float page
    assert half_empty_pages(pdf) == [1]  # the text before \clearpage is short


def contrast(color) -> float:
    """The WCAG contrast ratio of a glyph's fill colour (pdfplumber's: gray, RGB or CMYK
    components in 0..1, None for black) with white paper.

    Example:
        >>> round(contrast((0.0,)), 1), round(contrast((1.0,)), 1), round(contrast((0.3,)), 1)
        (21.0, 1.0, 8.5)
    """
    if not color:
        return 21.0
    if len(color) == 4:  # CMYK, naively: what it prints as
        c, m, y, k = color
        color = tuple((1 - ink) * (1 - k) for ink in (c, m, y))
    if len(color) == 1:
        color = color * 3
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in color]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def faint_glyphs(pdf_path) -> list[tuple[int, str, tuple]]:
    """(page, text, colour) of the document's glyphs that print too faint: a contrast with
    white under 7:1 (WCAG's level for small type), or grey lighter than 80% ink."""
    found = []
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                color = tuple(c["non_stroking_color"] or ())
                grey_light = len(color) == 1 and color[0] > 0.2 + 1e-9
                if c["text"].strip() and (grey_light or contrast(color) < 7):
                    found.append((page.page_number, c["text"], color))
    return found[:5]


@needs_plumber
@pytest.mark.parametrize("pdf", PDF, ids=[p.stem for p in PDF])
def test_the_check_lines_are_dark_enough_to_print(pdf):
    assert faint_glyphs(pdf) == []


@needs_plumber
@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
@pytest.mark.parametrize(
    "color, faint",
    [("black!70", True), ("red", True), ("black!80", False), ("red!65!black", False)],
)
def test_the_contrast_check_can_fail(color, faint, tmp_path):
    pdf = tmp_path / "colour.pdf"
    source = SCRIPTS.replace(r"\begin{document}", r"\usepackage{xcolor}\begin{document}")
    words = rf"Black, then {{\footnotesize\color{{{color}}} checked}}."
    pdf.write_bytes(compile_pdf(source % words))
    assert bool(faint_glyphs(pdf)) is faint
