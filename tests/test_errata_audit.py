"""The errata of the source documents come from proofreading the seeds (``derive audit``):
every slip found.toml pins has its corrected line and the chapter that proves it
(corrections.toml), the errata open with a table of the failing lines, and the committed
output/errata.* and the book's appendix are laid out so (failures first, no machine ids as
headings, one-row formulas in ``equation*``)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, run_derive

from derive.audit import Audit, Correction, Erratum, corrections, match
from derive.proofread.model import Checked, Link
from derive.proofread.seeds import Found, found_errata
from derive.render.errata import latex_body, reading, render

OUTPUT = REPO / "output"
FOUND, MISSED = found_errata()
CORRECTIONS = corrections()


def _slip(line=3, lhs="a + a", rhs="3 a", alone=False):
    return Checked(Link(line, "=", lhs, rhs, alone=alone), "fails", reason="a = 1: left 2, right 3")


def test_every_pinned_slip_has_one_correction_and_every_correction_a_slip():
    ids = [f.erratum for f in FOUND if f.erratum]
    places = {(f.seed, f.line, f.contains) for f in FOUND if not f.erratum}
    by_place = {(c.seed, c.line, c.contains) for c in CORRECTIONS.values() if c.seed}
    assert set(ids) <= set(CORRECTIONS)
    assert places == by_place  # a slip without an id is corrected by its place
    assert set(CORRECTIONS) == set(ids) | {c.erratum for c in CORRECTIONS.values() if c.seed}


@pytest.mark.parametrize("erratum", sorted(CORRECTIONS))
def test_each_correction_links_a_chapter_of_the_book(erratum):
    chapter = CORRECTIONS[erratum].chapter
    assert (OUTPUT / f"{chapter}.pdf").is_file()
    book = (OUTPUT / "derivations.tex").read_text(encoding="utf-8")
    assert rf"\label{{derivation:{chapter}}}" in book


def test_a_slip_is_matched_by_seed_line_piece_and_whether_it_is_a_side_alone():
    fix = Correction("e", "a slip", "§1", "a + a = 2 a", "kl")
    alone = Correction("f", "its side", "§1", "2 a", "kl", alone=True)
    found = [Found("s.txt", 3, "3 a", "e"), Found("s.txt", 3, "3 a", "f")]
    rows = [_slip(), _slip(lhs="3 a", rhs="", alone=True), _slip(line=4)]
    holding = Checked(Link(3, "=", "a + a", "2 a"), "holds")
    errata = match([("s.txt", [*rows, holding])], found, {"e": fix, "f": alone})
    assert [e.correction and e.correction.erratum for e in errata] == ["e", "f", None]
    assert match([("other.txt", rows)], found, {"e": fix, "f": alone})[0].correction is None


def _audit(correction=True):
    fix = Correction("e-1", "a slip", "§1", "a + a = 2 a", "kl")
    slip, right = _slip(), Checked(Link(5, "=", "b", "b"), "holds", strength="proof")
    return Audit([("s.txt", [right, slip])], [Erratum("s.txt", slip, fix if correction else None)])


@pytest.mark.parametrize("fmt", ["txt", "md", "tex"])
def test_the_failing_lines_come_first_with_their_correction_and_chapter(fmt):
    shown = render(_audit(), fmt)
    first_slip, first_hold = shown.index("a + a"), shown.index("b = b")
    assert first_slip < first_hold  # the line that holds comes after the slips, though first
    assert "2 a" in shown[:first_hold] and "kl" in shown[:first_hold]
    assert "e-1" not in shown  # the erratum's id is no heading, nor shown at all


def test_a_slip_nobody_corrected_says_so():
    assert "not corrected yet" in render(_audit(correction=False), "md")


def test_one_row_formulas_are_equations_and_the_book_links_its_chapters():
    body = "\n".join(latex_body(_audit(), book=True))
    assert r"\begin{equation*}" in body and r"\begin{multline*}" not in body
    assert r"Chapter~\ref{derivation:kl}" in body
    assert body.index(r"\begin{longtable}") < body.index(r"\section*")  # the table first


def test_what_was_read_counts_each_reason_not_to_read():
    unread = Checked(Link(1, "=", "a", "b"), "not read", reason="an integral is not read yet")
    said = reading(Audit([("s.txt", [unread, _slip()])]))
    assert "2 steps" in said[0] and "1 were read" in said[0] and "1 was not read" in said[0]
    assert said[-1] == "Not read, 1: an integral is not read yet."


ERRATA_MD = (OUTPUT / "errata.md").read_text(encoding="utf-8")


def test_the_committed_errata_open_with_a_table_of_every_failing_line():
    head = ERRATA_MD.split("\n## ")[0]
    rows = [r for r in head.splitlines() if re.match(r"\| \d+ \|", r)]
    assert len(rows) == len(FOUND)  # found.toml pins every failing link, both ways
    for row in rows:
        corrected, chapter = row.split(" | ")[3:5]
        assert corrected.startswith("$") and "—" not in corrected
        name = re.fullmatch(r"\[([\w-]+)\]\(([\w-]+)\.md\) \|", chapter)
        assert name and (OUTPUT / f"{name.group(2)}.md").is_file()


def test_the_committed_errata_say_how_much_was_read_and_why_not():
    read = ERRATA_MD.split("## What was read")[1].split("\n## ")[0]
    counts = re.search(r"Of the (\d+) steps .*?, (\d+) were read: .*; (\d+) w\w+ not read", read)
    assert counts, read
    steps, done, unread = map(int, counts.groups())
    assert done + unread <= steps and done >= 80
    reasons = [int(n) for n in re.findall(r"^- Not read, (\d+): ", read, re.M)]
    assert sum(reasons) == unread


def test_the_book_appendix_opens_with_the_table_and_uses_no_machine_id_as_a_heading():
    book = (OUTPUT / "derivations.tex").read_text(encoding="utf-8")
    appendix = book.split(r"\chapter{Errata of the source documents}")[1]
    assert appendix.index(r"\begin{longtable}") < appendix.index(r"\section*")
    headings = re.findall(r"\\(?:sub)?section\*\{([^}]*)", appendix)
    assert headings and not [h for h in headings if re.match(r"\d{3}-", h)]
    assert len(re.findall(r"Chapter~\\ref\{derivation:", appendix)) >= 2 * len(FOUND)


def test_the_errata_tex_sets_one_row_formulas_as_equations():
    tex = (OUTPUT / "errata.tex").read_text(encoding="utf-8")
    for block in re.findall(r"\\begin\{multline\*\}\n(.*?)\n\\end\{multline\*\}", tex, re.S):
        assert "\\\\\n" in block  # a multline has more than one row


def test_a_bad_output_directory_is_one_line_before_any_proofreading(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    done = run_derive("audit", "-o", str(blocker / "out"), timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


CHECKED = sorted(e for e, c in CORRECTIONS.items() if c.check)


def test_most_corrections_are_checked_claims():
    assert len(CHECKED) >= 7  # the trace lines are beyond the claim language


@pytest.mark.slow
@pytest.mark.parametrize("erratum", CHECKED)
def test_each_corrected_line_holds(erratum):
    from derive.claims.decide import decide

    fix = CORRECTIONS[erratum]
    decision = decide(fix.check, fix.given, None, fix.notation or None, 300)
    assert decision.kind.startswith("holds"), decision.verdict  # numerically counts: evidence
