"""Every registered derivation: verified, rendered in every format, and its LaTeX compiles.

A new script in ``derivations/`` is picked up here with no change to this file.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from sympy import srepr

from derive.core import verify
from derive.registry import entries, load
from derive.render import render

NAMES = [entry.name for entry in entries()]


@pytest.fixture(scope="module")
def reports():
    return {name: verify(load(name)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_every_step_is_verified(name, reports):
    report = reports[name]
    unproved = [(i, v) for i, v in enumerate(report.verdicts) if v.status != "verified"]
    assert not unproved, unproved
    assert report.verified


@pytest.mark.parametrize("entry", entries(), ids=NAMES)
def test_the_listing_agrees_with_the_script(entry):
    derivation = load(entry.name)
    assert derivation.name == entry.name
    assert derivation.title == entry.title
    assert (derivation.source.document, derivation.source.section) == (
        entry.document,
        entry.section,
    )


@pytest.mark.parametrize("name", NAMES)
def test_json_follows_the_schema(name, reports):
    doc = json.loads(render(reports[name], "json"))
    assert {"name", "title", "source", "assumptions", "steps", "results", "verified"} <= set(doc)
    assert doc["name"] == name and doc["verified"] is True
    assert all(isinstance(a, str) for a in doc["assumptions"])
    derivation = reports[name].derivation
    assert len(doc["steps"]) == len(derivation.steps)
    for step, original in zip(doc["steps"], derivation.steps, strict=True):
        assert set(step) == {"relation", "latex", "expr", "justification", "check"}
        assert step["expr"] == srepr(original.expr)
        assert step["relation"] == original.relation.symbol
        assert step["check"]["status"] == "verified" and step["check"]["method"]
    for result, value in doc["results"].items():
        assert value["expr"] == srepr(derivation.results[result])
        assert value["latex"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["txt", "tex", "md", "json"])
def test_rendering_is_deterministic(name, fmt, reports):
    assert render(reports[name], fmt) == render(verify(load(name)), fmt)


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_latex_compiles_without_errors(name, reports, tmp_path):
    (tmp_path / f"{name}.tex").write_text(render(reports[name], "tex"), encoding="utf-8")
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"]
    for _ in range(2):  # twice, so that cross-references resolve
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout[-3000:]
    log = (tmp_path / f"{name}.log").read_text(encoding="latin-1")
    assert "undefined" not in log.lower()
    assert (tmp_path / f"{name}.pdf").stat().st_size > 0
