"""``derive proofread`` end to end: exit codes, one-line input errors, the report and the
annotated copy written atomically, the same bytes twice, the limits, and the seeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from conftest import REPO, run_derive

DATA = REPO / "tests" / "data" / "proofread"


def _write(tmp_path, name: str, text: str | bytes):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "text, code",
    [
        ("$$\\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\\\ &= (b+a)^2 \\end{aligned}$$\n", 0),
        ("$$ (a+b)^2 = a^2 + b^2 $$\n", 1),
        ("$$ q(x \\mid y) = q(x \\mid y, z) $$\n", 3),
    ],
)
def test_exit_codes(tmp_path, text, code):
    done = run_derive("proofread", str(_write(tmp_path, "hw.md", text)))
    assert done.returncode == code, done.stdout + done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("missing.md", None, "no such file"),
        ("binary.md", b"\x89PNG\x00\x00", "binary file"),
        ("latin.md", "$$ a = b $$ caf\xe9\n".encode("latin-1"), "not UTF-8"),
        ("notes.docx", "a = b", "unknown format"),
        ("open.tex", "text\n\\begin{align}\n a &= b\n", "open.tex:"),
        ("input.tex", "\\input{/etc/passwd}\n", "\\input is refused"),
        ("include.tex", "ok\n\\include{secret}\n", "include.tex:2: \\include is refused"),
        ("open.html", "<p>\\[ a = b </p>", "is never closed"),
        ("front.md", "---\nderive: [1, 2\n---\n$$a = a$$\n", "front matter is not YAML"),
        # (top-level front matter is the page's own: only a 'derive:' block is derive's)
        ("key.md", "---\nderive:\n  colour: red\n---\n$$a = a$$\n", "unknown key 'colour'"),
        ("def.tex", "\\def\\x#1#2{#1}\n", None),
    ],
)
def test_input_errors_are_one_line_with_exit_2(tmp_path, name, content, says):
    path = tmp_path / name
    if content is not None:
        _write(tmp_path, name, content)
    out = tmp_path / "out"
    done = run_derive("proofread", str(path), "-o", str(out))
    if says is None:  # a \def with simple parameters is read, not refused
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 2 and done.stdout == "", done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_input_of_etc_passwd_never_reads_it(tmp_path, monkeypatch):
    """The refusal happens while reading the document: nothing of /etc/passwd is printed."""
    done = run_derive("proofread", str(_write(tmp_path, "x.tex", "$a$ \\input{/etc/passwd}\n")))
    assert done.returncode == 2 and "root:" not in done.stdout + done.stderr


def test_report_and_annotated_copy_are_written_and_deterministic(tmp_path):
    source = DATA / "gaussian_kl.html"
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        done = run_derive("proofread", str(source), "-o", str(out))
        assert done.returncode == 1, done.stderr
    names = sorted(p.name for p in first.iterdir())
    assert names == [
        "gaussian_kl.annotated.html",
        "gaussian_kl.proofread.json",
        "gaussian_kl.proofread.md",
        "gaussian_kl.proofread.tex",
        "gaussian_kl.proofread.txt",
    ]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert not [p for p in first.iterdir() if p.name.endswith(".tmp")]


def test_the_annotated_markdown_marks_each_checked_line(tmp_path):
    source = DATA / "ddpm_posterior.md"
    done = run_derive("proofread", str(source), "-o", str(tmp_path), "--format", "md")
    assert done.returncode == 1
    copy = (tmp_path / "ddpm_posterior.annotated.md").read_text(encoding="utf-8")
    original = source.read_text(encoding="utf-8")
    notes = [line for line in copy.splitlines() if line.startswith("> ")]
    assert sum(n.startswith("> ✗") for n in notes) == 2 and sum("✓" in n for n in notes) == 7
    assert "line 39, fails" in copy and "counterexample" in copy
    # the copy is the document with notes added: removing them gives the original back
    kept = [line for line in copy.splitlines() if not line.startswith("> ")]
    assert [line for line in kept if line] == [line for line in original.splitlines() if line]
    report = (tmp_path / "ddpm_posterior.proofread.md").read_text(encoding="utf-8")
    assert f"| {source}:39 |" in report and "**fails**" in report


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_the_annotated_latex_compiles_with_margin_notes(tmp_path):
    done = run_derive("proofread", str(DATA / "prml_square.tex"), "-o", str(tmp_path))
    assert done.returncode == 1, done.stderr
    copy = tmp_path / "prml_square.annotated.tex"
    # ten notes: every link but the two definitions (the approximation and ≥ are noted too)
    assert copy.read_text(encoding="utf-8").count("\\marginpar") == 10
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", copy.name]
    compiled = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stdout[-2000:]


def test_json_report_counts(tmp_path):
    done = run_derive("proofread", str(DATA / "prml_square.tex"), "--format", "json")
    import json

    data = json.loads(done.stdout)
    summary = data["summary"]
    assert (summary["fails"], summary["holds"], summary["definitions"]) == (1, 7, 2)
    assert summary["approximations"] == 1 and summary["not checked"] == 1


def test_a_file_over_10_mb_is_refused_at_once(tmp_path):
    path = tmp_path / "big.md"
    with path.open("wb") as stream:
        stream.write(b"$$ a = a $$\n" * (11 * 1024 * 1024 // 12 + 1))
    started = time.monotonic()
    done = run_derive("proofread", str(path))
    assert done.returncode == 2 and "at most" in done.stderr
    assert time.monotonic() - started < 30


def _just_under_ten_megabytes(unit: str) -> str:
    return unit * ((10 * 1024 * 1024 - 4096) // len(unit))


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, unit",
    [
        ("one_paragraph.md", "Prose with inline math $a_1 + b = c$ and more words to fill it.\n"),
        ("page.html", "<p>Prose with \\(a + b\\) and words, more words and more.</p>\n"),
    ],
)
def test_a_ten_megabyte_page_is_read_in_seconds_not_minutes(tmp_path, name, unit):
    """Reading is linear: a 10 MB Markdown paragraph or HTML page of inline math (no link to
    check) is finished in well under a minute; it took the readers quadratic time before."""
    path = _write(tmp_path, name, _just_under_ten_megabytes(unit))
    started = time.monotonic()
    done = run_derive("proofread", str(path), "--format", "json", timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"links": 0' in done.stdout
    assert time.monotonic() - started < 90


@pytest.mark.slow  # about 10-20 s each on a loaded machine
@pytest.mark.parametrize(
    "name, unit",
    [
        ("displays.md", "$$ a_1 + 1 = 1 + a_1 $$\n\n"),
        ("displays.html", "\\[ a_1 + 1 = 1 + a_1 \\]\n"),  # one <p>: one 10 MB text chunk
    ],
)
def test_ten_megabytes_of_displays_are_refused_in_seconds(tmp_path, name, unit):
    """Over 5,000 displays is refused in one line, after a reading that stays linear: the
    HTML reader counted each formula's line from its text chunk's start, and a page whose 10
    MB of displays stand in one <p> had not finished after ten minutes."""
    text = _just_under_ten_megabytes(unit)
    if name.endswith(".html"):
        text = f"<html><body><p>{text}</p></body></html>\n"
    path = _write(tmp_path, name, text)
    started = time.monotonic()
    done = run_derive("proofread", str(path), timeout=300)
    assert done.returncode == 2, done.stderr
    assert "displays; at most 5000 are proofread" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert time.monotonic() - started < 90


def test_latex_over_two_megabytes_is_refused_at_once(tmp_path):
    """pylatexenc reads about 100 KB a second: a 10 MB LaTeX source is refused in one line."""
    head, tail = "\\documentclass{article}\n\\begin{document}\n", "\\end{document}\n"
    path = _write(
        tmp_path, "book.tex", head + _just_under_ten_megabytes("Words $a$ more.\n") + tail
    )
    started = time.monotonic()
    done = run_derive("proofread", str(path))
    assert done.returncode == 2 and "at most 2097152 (2 MB)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_a_thousand_displays_finish_within_the_budget(tmp_path):
    text = "".join(f"$$ a_{{{k}}} + 1 = 1 + a_{{{k}}} $$\n\n" for k in range(1000))
    path = _write(tmp_path, "many.md", text)
    started = time.monotonic()
    done = run_derive("proofread", str(path), "--budget", "4", "--format", "json", timeout=120)
    elapsed = time.monotonic() - started
    # every link read; those past the budget (if any, on a slow machine) are undecided
    assert done.returncode in (0, 3), done.stderr
    assert '"links": 1000' in done.stdout
    assert done.returncode == 0 or "time budget" in done.stdout
    assert elapsed < 60


def test_seeds_absent_is_one_line(tmp_path):
    env = dict(os.environ, DERIVE_SEEDS=str(tmp_path / "nowhere"))
    done = subprocess.run(
        [sys.executable, "-m", "derive", "proofread", "--seeds"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "seed documents are not here" in done.stderr


def test_file_and_seeds_together_is_a_usage_error(tmp_path):
    done = run_derive("proofread", str(DATA / "constructs.md"), "--seeds")
    assert done.returncode == 2 and "not both" in done.stderr


def test_the_readme_example_is_what_derive_prints(tmp_path):
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Proofreading a document", 1)[1].split("\n## ", 1)[0]
    report = re.findall(r"```text\n(.+?)\n```", section, re.S)[1]
    notes = re.findall(r"```markdown\n…\n\$\$\n\n(.+?)\n```", section, re.S)[0]
    done = run_derive("proofread", "readme_example.md", cwd=DATA)
    assert done.returncode == 1 and done.stdout.rstrip("\n") == report
    run_derive("proofread", "readme_example.md", "-o", str(tmp_path), cwd=DATA)
    copy = (tmp_path / "readme_example.annotated.md").read_text(encoding="utf-8")
    assert copy.rstrip("\n").endswith(notes)


@pytest.mark.parametrize("where", ["none", "given", "sidecar", "context", "front matter"])
def test_context_from_every_source(tmp_path, where):
    """'a + a = 6' holds only where a = 3 is declared, from any of the context's sources."""
    body = "$$ a + a = 6 $$\n"
    if where == "front matter":
        body = "---\ngiven: ['a = 3']\n---\n" + body
    path = _write(tmp_path, "hw.md", body)
    args = ["proofread", str(path)]
    if where == "given":
        args += ["--given", "a = 3"]
    elif where == "sidecar":
        _write(tmp_path, "hw.md.derive.toml", 'given = ["a = 3"]\n')
    elif where == "context":
        args += ["--context", str(_write(tmp_path, "ctx.toml", 'given = ["a = 3"]\n'))]
    done = run_derive(*args)
    assert done.returncode == (1 if where == "none" else 0), done.stdout + done.stderr


def test_a_latex_derive_block_sets_the_notation(tmp_path):
    result = r"\frac{1 - \bar{\alpha}_{t-1}}{1 - \bar{\alpha}_t} \beta_t"
    body = f"\\[ \\tilde{{\\beta}}_t = {result} \\]\n"
    plain = run_derive("proofread", str(_write(tmp_path, "a.tex", body)))
    declared = run_derive(
        "proofread", str(_write(tmp_path, "b.tex", "% derive: notation = 'ddpm'\n" + body))
    )
    # without a notation β̃_t is a name the line defines; with one, a result the line states
    assert "not a step" in plain.stdout and " holds " in declared.stdout, declared.stdout


def test_progress_is_drawn_on_a_terminal_only():
    import io

    from derive.proofread.progress import bar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert bar("x", io.StringIO()) is None
    screen = Terminal()
    advance = bar("hw.md", screen)(40)
    for done in range(1, 41):
        advance(done)
    assert "hw.md" in screen.getvalue()
    assert bar("hw.md", screen)(3) is None  # a short document: no bar


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_the_latex_report_compiles_with_unicode_counterexamples(tmp_path):
    done = run_derive("proofread", str(DATA / "ddpm_posterior.md"), "-o", str(tmp_path))
    assert done.returncode == 1, done.stderr
    report = tmp_path / "ddpm_posterior.proofread.tex"
    assert r"\beta_{1} = " in report.read_text(encoding="utf-8")  # β₁ of the counterexample
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", report.name]
    compiled = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stdout[-2000:]


def test_expectations_under_a_declared_law_are_read_with_the_declared_variable(tmp_path):
    text = "Let $P = \\mathcal{N}(\\mu_1, \\sigma_1^2)$.\n\n"
    text += "$$E_P[(x - \\mu_2)^2] = \\sigma_1^2 + (\\mu_1 - \\mu_2)^2 = \\sigma_1^2 + \\mu_1^2$$\n"
    path = _write(tmp_path, "ep.md", text)
    unread = run_derive("proofread", str(path))
    assert "not read" in unread.stdout and "E_P" in unread.stdout
    _write(tmp_path, "ep.md.derive.toml", 'variable = "x"\n')
    done = run_derive("proofread", str(path))
    verdicts = [line.split()[1] for line in done.stdout.splitlines() if line.startswith(str(path))]
    assert verdicts == ["not", "holds", "fails"], done.stdout  # the definition, then two links
