"""The ``derive`` command, end to end, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_derive


def test_list_names_every_derivation_with_title_and_source():
    done = run_derive("list")
    assert done.returncode == 0
    line = next(row for row in done.stdout.splitlines() if row.startswith("kl "))
    assert "KL divergence" in line and "Sum of normals and the KL divergence (lecture notes" in line
    assert ".txt" not in done.stdout  # sources by title, not by file name


def test_kl_prints_a_verified_proof():
    done = run_derive("kl")
    assert done.returncode == 0, done.stderr
    assert "Theorem. D_KL(P ‖ Q) = log(σ₂/σ₁)" in done.stdout
    assert done.stdout.count("✓") >= 5
    assert "UNVERIFIED" not in done.stdout and "REFUTED" not in done.stdout


def test_verify_prints_the_table_and_exits_0():
    done = run_derive("verify", "kl")
    assert done.returncode == 0, done.stdout + done.stderr
    header, row = done.stdout.splitlines()[:2]
    assert header.split() == [
        "derivation", "steps", "verified", "unverified", "refuted",
        "proved", "sized", "numeric", "assumed", "seconds",
    ]  # fmt: skip
    name, steps, verified, unverified, refuted, proved, sized, numeric, assumed, _ = row.split()
    assert name == "kl" and steps == verified and unverified == refuted == "0"
    assert int(proved) + int(sized) + int(numeric) + int(assumed) == int(verified)
    assert assumed == "0"  # the KL of two normal laws rests on no assumption of a model


def test_verify_counts_the_steps_that_rest_on_the_markov_property_apart():
    """bayes-markov's second step is true because the forward process is Markov: the checker
    verifies it by assumption, and ``derive verify`` counts it in its own column."""
    done = run_derive("verify", "bayes-markov", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    columns = done.stdout.splitlines()[0].split()
    row = dict(zip(columns, done.stdout.splitlines()[1].split(), strict=True))
    assert (row["steps"], row["proved"], row["assumed"]) == ("3", "2", "1")


def test_verify_in_parallel_gives_the_same_table_in_the_same_order():
    """--jobs 2 verifies two documents at once in worker processes; the rows (bar the seconds)
    and the exit code are those of one process, in the order asked for."""
    names = ("sum", "kl", "bayes-markov")
    tables = [run_derive("verify", *names, "--jobs", jobs, "--no-cache") for jobs in ("1", "2")]
    assert [done.returncode for done in tables] == [0, 0]
    rows = [[line.split()[:5] for line in done.stdout.splitlines()] for done in tables]
    assert rows[0] == rows[1]
    assert [row[0] for row in rows[1][1:-1]] == ["sum", "kl", "bayes-markov", "bayes-markov-course"]


def test_json_output_follows_the_contract():
    done = run_derive("kl", "--format", "json")
    doc = json.loads(done.stdout)
    assert doc["name"] == "kl" and doc["verified"] is True
    assert doc["steps"][0]["check"]["status"] == "verified"
    assert "kl" in doc["results"]


@pytest.mark.parametrize("fmt", ["txt", "tex", "md", "json"])
def test_out_writes_the_file_and_creates_the_directory(tmp_path, fmt):
    target = tmp_path / "new" / "dir"
    done = run_derive("kl", "--format", fmt, "-o", str(target))
    assert done.returncode == 0, done.stderr
    written = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    figure = ["figures/kl.pdf", "figures/kl.svg"] if fmt in ("tex", "md") else []
    assert written == sorted([f"kl.{fmt}", *figure])  # kl has a figure (matplotlib installed)
    assert done.stdout == ""


def test_the_same_command_writes_the_same_bytes(tmp_path):
    # One derivation here; test_readme.test_output_is_current compares all of them with output/.
    for run in ("a", "b"):
        assert run_derive("sum", "--format", "tex", "-o", str(tmp_path / run)).returncode == 0
    assert (tmp_path / "a" / "sum.tex").read_bytes() == (tmp_path / "b" / "sum.tex").read_bytes()


def test_help_and_version():
    assert "derive list" in run_derive("--help").stdout
    assert "--format" in run_derive("kl", "--help").stdout
    done = run_derive("--version")
    assert done.returncode == 0 and done.stdout.startswith("derive ")


def test_the_console_script_is_installed():
    script = Path(sys.executable).with_name("derive")
    assert script.exists(), "the 'derive' console script is missing"
    done = subprocess.run([str(script), "list"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "kl" in done.stdout


SCRIPTS = sorted(p.name for p in (REPO / "derivations").glob("[!_]*.py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_derivation_script_runs_on_its_own(script):
    done = subprocess.run(
        [sys.executable, str(REPO / "derivations" / script)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    name = done.stdout.split(":", 1)[0]
    assert "Theorem." in done.stdout and "Checked:" in done.stdout
    assert name in run_derive("list").stdout
