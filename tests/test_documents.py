"""Proof documents: PDFs on request, a clear refusal without a TeX engine, Jupyter display, and
the LaTeX check that refuses errors and undefined references."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import run_derive

from derive.render.pdf import CompileError, compile_pdf

HAS_TEX = shutil.which("pdflatex") is not None
NO_TEX = {"PATH": str(Path(sys.executable).parent)}  # this Python's folder: no pdflatex there


def _without_tex(*args, cwd):
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "derive", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **NO_TEX},
        timeout=600,
    )


@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
def test_format_pdf_compiles_one_document_with_its_figure(tmp_path):
    done = run_derive("sum", "--format", "pdf", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sum.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "figures" / "sum.pdf").exists()


@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
def test_the_same_pdf_twice(tmp_path):
    for run in ("a", "b"):
        assert run_derive("kl", "--format", "pdf", "-o", str(tmp_path / run)).returncode == 0
    assert (tmp_path / "a" / "kl.pdf").read_bytes() == (tmp_path / "b" / "kl.pdf").read_bytes()


def test_format_pdf_without_a_tex_engine_is_a_usage_error(tmp_path):
    done = _without_tex("kl", "--format", "pdf", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no TeX engine" in lines[0] and "--format tex" in lines[0]
    assert not (tmp_path / "out").exists()


def test_format_pdf_needs_an_output_directory():
    done = run_derive("kl", "--format", "pdf")
    assert done.returncode == 2 and "give -o DIR" in done.stderr and done.stdout == ""


@pytest.mark.slow
def test_all_without_a_tex_engine_writes_the_rest_and_says_so_once(tmp_path):
    done = _without_tex("all", "-o", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("PDFs skipped") == 1
    assert not list(tmp_path.glob("*.pdf"))
    assert (tmp_path / "kl.tex").exists() and (tmp_path / "derivations.tex").exists()


@pytest.mark.skipif(not HAS_TEX, reason="pdflatex is not installed")
@pytest.mark.parametrize(
    "body, says",
    [(r"\undefinedcommand", "Undefined control sequence"), (r"see \ref{nowhere}", "nowhere")],
)
def test_latex_errors_and_undefined_references_fail_the_compile(body, says):
    tex = "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"
    with pytest.raises(CompileError, match=says):
        compile_pdf(tex)


def test_a_derivation_displays_itself_in_a_notebook():
    from derive.registry import load

    shown = load("kl")._repr_markdown_()
    assert shown.startswith("# KL divergence") and "$$" in shown
    assert "**Checked.** 11 steps: 11 proved." in shown and "**Implementation.**" in shown
