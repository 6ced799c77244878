"""``derive audit`` says, for each erratum of the hand-made list, whether proofreading the seed
as it is finds it; the notes come from found.toml, which the seeds' test checks against a run."""

from __future__ import annotations

import pytest

from derive.claims.batch import load_claims, run
from derive.claims.errata import latex_body, report
from derive.cli.commands import proofreading_notes

CLAIMS = (
    '[[claim]]\nid = "slip"\nclaim = "a + a = 3 a"\nexpect = "fails"\n'
    '[[claim]]\nid = "other-slip"\nclaim = "a a = 2 a"\nexpect = "fails"\n'
    '[[claim]]\nid = "right"\nclaim = "a + a = 2 a"\nexpect = "holds"\n'
)
NOTES = {"slip": (True, "seed.txt line 3 fails"), "other-slip": (False, "it stands in prose")}


@pytest.fixture(scope="module")
def rows():
    return run(load_claims(CLAIMS))


@pytest.mark.parametrize("fmt", ["txt", "md", "tex"])
def test_each_erratum_says_whether_proofreading_finds_it(rows, fmt):
    text = report(rows, fmt, "Errata", NOTES)
    assert "Proofreading: found, seed.txt line 3 fails." in text
    assert "Proofreading: not found yet, it stands in prose." in text
    assert "finds 1 of these 2 errata by itself" in text
    assert text.count("Proofreading:") == 2  # nothing said of a line that holds


def test_without_notes_the_report_is_as_before(rows):
    assert "Proofreading" not in report(rows, "md", "Errata")
    assert not any("Proofreading" in line for line in latex_body(rows))


def test_the_audits_notes_cover_every_erratum_of_the_sources():
    import tomllib

    from conftest import REPO

    sources = (REPO / "derivations" / "claims" / "sources.toml").read_text(encoding="utf-8")
    errata = {c["id"] for c in tomllib.loads(sources)["claim"] if c.get("expect") == "fails"}
    notes = proofreading_notes()
    assert set(notes) == errata
    found = sorted(erratum for erratum, (yes, _) in notes.items() if yes)
    assert len(found) == 9 and "002-objective-weight" not in found
