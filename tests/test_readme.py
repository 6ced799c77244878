"""The README's two commands, CI running the second verbatim, output/ current, style clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_derive


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_readme_starts_with_the_install_and_the_test_command():
    install, test = readme_commands()
    assert "pip install '.[plots]'" in install and "derive all -o output" in install
    assert "pip install '.[test]'" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def _files(folder: Path) -> dict[str, bytes]:
    """The generated files under ``folder`` (figures included) by relative path; PDFs and
    errata.* (from 'derive audit -o output', tests/test_audit.py) are left out."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.suffix in {".tex", ".md", ".json", ".svg"} | _figure_pdfs(p)
        and not p.name.startswith("errata.")
    }


def _figure_pdfs(path: Path) -> set[str]:
    return {".pdf"} if path.parent.name == "figures" else set()


def test_output_is_current(tmp_path):
    """'derive all -o DIR' writes what output/ holds, byte for byte; with a TeX engine it also
    compiles every document and the book (an error or an undefined reference fails it)."""
    done = run_derive("all", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    # It says at the end what it wrote where (piped: the files one by one before that).
    summary = done.stderr.strip().splitlines()[-1]
    into = re.escape(str(tmp_path))
    assert re.fullmatch(rf"derive: wrote \d+ files: \d+ into {into} .+", summary), summary
    assert f"into {tmp_path / 'figures'} (.pdf, .svg)" in summary
    fresh, committed = _files(tmp_path), _files(REPO / "output")
    stale = sorted(name for name in fresh.keys() | committed.keys()
                   if fresh.get(name) != committed.get(name))  # fmt: skip
    assert not stale, f"output/ is stale: {', '.join(stale)}; refresh: derive all -o output"
    assert "derivations.tex" in fresh and any(name.startswith("figures/") for name in fresh)
    if shutil.which("pdflatex"):
        documents = [name for name in fresh if name.endswith(".tex")]
        pdfs = [name[:-4] + ".pdf" for name in documents]
        assert all((tmp_path / pdf).read_bytes().startswith(b"%PDF") for pdf in pdfs)
        assert "PDFs skipped" not in done.stderr


RUFF = Path(sys.executable).with_name("ruff")


@pytest.mark.skipif(not RUFF.exists(), reason="ruff is not installed beside this Python")
def test_ruff_is_clean():
    done = subprocess.run([str(RUFF), "check", str(REPO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_every_package_ships_in_the_wheel():
    """A sub-package missing from pyproject's list works in an editable install and breaks a
    real one (CI installs the real one)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO / "src").parts)
        for init in (REPO / "src" / "derive").rglob("__init__.py")
    }
    assert found <= listed, found - listed
