"""``derive audit`` (the seeds proofread as they are, tests/test_errata_audit.py for its
layout) and ``derive check --file``, with derivations/claims/sources.toml as its regression set:
the hand-transcribed lines of the sources, each verdict pinned."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources

import pytest
from conftest import REPO, run_derive

from derive.errors import UsageError
from derive.proofread.seeds import found_errata, seed_directory

try:
    seed_directory()
    SEEDS = True
except UsageError:
    SEEDS = False

SOURCES = REPO / "derivations" / "claims" / "sources.toml"
# The transcribed lines that are wrong; every other claim in sources.toml holds.
ERRATA = {
    "001-1.1.4d-expansion",
    "001-1.1.4d-expansion-next",
    "001-1.2.1a-simplifying",
    "001-1.2.1a-expectation",
    "001-1.2.1a-last-line",
    "001-1.2.2b-quoted-kl",
    "002-objective-weight",
    "001-1.2.1a-cyclic-step",  # not well-formed: a matrix times a row vector
    "001-1.2.1a-expanded-product",  # not well-formed: a column vector times a column vector
    "001-1.2.1a-expanded-trace",  # not well-formed: both
}
FOUND, _ = found_errata()


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    if not SEEDS:
        pytest.skip("the seed documents are not beside the repository")
    out = tmp_path_factory.mktemp("errata")
    return run_derive("audit", "-o", str(out), timeout=3600), out


@pytest.mark.slow
def test_audit_meets_every_pinned_verdict(tmp_path):
    """The regression set: derive check --file sources.toml meets every ``expect``."""
    done = run_derive("check", "--file", str(SOURCES), "--timeout", "300", timeout=3600)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split() for line in done.stdout.splitlines()[1:-1]]
    failing = {row[0] for row in rows if row[1] == "fails"}
    assert failing == ERRATA
    assert all(row[-1] == "yes" for row in rows)
    assert all(row[1] in ("holds", "fails") for row in rows)  # nothing undecided


@pytest.mark.slow
def test_errata_report_in_output_is_current(audit):
    done, out = audit
    assert done.returncode == 0, done.stderr  # every failing line has its correction
    for fmt in ("txt", "md", "tex", "json"):
        fresh = (out / f"errata.{fmt}").read_bytes()
        committed = (REPO / "output" / f"errata.{fmt}").read_bytes()
        assert fresh == committed, "refresh with: derive audit -o output"


def test_the_book_is_made_from_the_recorded_audit(monkeypatch, tmp_path):
    """The book's appendix comes from the audit recorded in the package (a copy of
    output/errata.json, which the test above keeps current): derive all needs no seed."""
    from derive.audit import RECORD, recorded
    from derive.cli.commands import errata

    package = resources.files("derive.proofread").joinpath("seeds", RECORD)
    refresh = f"refresh with: cp output/errata.json src/derive/proofread/seeds/{RECORD}"
    assert package.read_bytes() == (REPO / "output" / "errata.json").read_bytes(), refresh
    monkeypatch.setenv("DERIVE_SEEDS", str(tmp_path / "absent"))
    appendix = errata()
    book = (REPO / "output" / "derivations.tex").read_text(encoding="utf-8")
    assert "\n".join(appendix) in book
    audit = recorded()
    assert len(audit.errata) == len(FOUND) and all(e.correction for e in audit.errata)


@pytest.mark.slow
def test_the_audit_is_the_proofreading_of_the_seeds(audit):
    done, out = audit
    text = (out / "errata.txt").read_text(encoding="utf-8")
    assert f"{len(FOUND)} lines of the seeds fail" in text
    assert f"{len(FOUND)} lines of the seeds fail; {len(FOUND)} with their correction" in (
        done.stderr
    )
    assert "000-1-cf" not in text  # no transcribed line of sources.toml


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_errata_latex_compiles(audit, tmp_path):
    _, out = audit
    shutil.copy(out / "errata.tex", tmp_path / "errata.tex")
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "errata.tex"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "Overfull" not in done.stdout


def test_an_unmet_expectation_exits_1(derive_cli, tmp_path):
    claims = tmp_path / "claims.toml"
    claims.write_text(
        '[[claim]]\nid = "wrong"\nclaim = "a + a = 3 a"\nexpect = "holds"\n'
        '[[claim]]\nid = "right"\nclaim = "a + a = 2 a"\nexpect = "holds"\n',
        encoding="utf-8",
    )
    done = derive_cli("check", "--file", str(claims), "-o", str(tmp_path / "report"))
    assert done.returncode == 1
    assert "wrong" in done.stdout.splitlines()[-1]
    assert (tmp_path / "report" / "claims-report.md").is_file()


@pytest.mark.parametrize(
    "content, says",
    [
        (None, "no such file"),
        ("", "no claims"),
        ("[[claim]\nid =", "not valid TOML"),
        ('[[claim]]\nid = "x"\n', "'claim' must be"),
        ('[[claim]]\nid = "x"\nclaim = "a = a"\nexpect = "maybe"\n', "'expect' must be"),
        ('[[claim]]\nid = "x"\nclaim = "a = a"\ncolour = "red"\n', "unknown key 'colour'"),
        ('[[claim]]\nid = "x"\nclaim = "\\\\frac{1}{2 = x"\n', "claim 'x'"),
    ],
)
def test_bad_claims_files_are_one_line_errors(derive_cli, tmp_path, content, says):
    path = tmp_path / "claims.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = derive_cli("check", "--file", str(path), "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], done.stderr
    assert not (tmp_path / "out").exists()
