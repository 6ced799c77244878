"""The README's two commands, CI running the second verbatim, output/ current, style clean."""

from __future__ import annotations

import re
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
    assert "pip install ." in install and "derive all -o output" in install
    assert "pip install '.[test]'" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_output_is_current(tmp_path):
    done = run_derive("all", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    generated = {".tex", ".md", ".json"}
    committed = {  # errata.* come from 'derive audit -o output' (tests/test_audit.py)
        p.name: p.read_bytes()
        for p in (REPO / "output").iterdir()
        if p.suffix in generated and not p.name.startswith("errata.")
    }
    names = fresh.keys() | committed.keys()
    stale = sorted(name for name in names if fresh.get(name) != committed.get(name))
    assert not stale, f"output/ is stale: {', '.join(stale)}; refresh: derive all -o output"


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
