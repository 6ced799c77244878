"""A step the engine cannot verify is shown as unverified everywhere and fails verification."""

from __future__ import annotations

import json

import pytest
from sympy import symbols

from derive import cli, registry
from derive.core import Assumed, Derivation, Rule, Source, verify
from derive.render import render

a, b = symbols("a b", positive=True)


def gappy() -> Derivation:
    d = Derivation("gappy", "A proof with a gap", Source("notes.txt", "§0"), start=(a + b) ** 2)
    d.eq(a**2 + 2 * a * b + b**2, Rule("expand the square"))
    d.eq(a**2 + b**2, Assumed("a claim from the literature"))
    return d.result("claim")


def wrong() -> Derivation:
    d = Derivation("wrong", "A wrong proof", Source("notes.txt", "§0"), start=(a + b) ** 2)
    return d.eq(a**2 + b**2, Rule("expand the square"))


def test_report_is_not_verified():
    report = verify(gappy())
    assert [v.status for v in report.verdicts] == ["verified", "unverified"]
    assert not report.verified
    assert report.counts == {"steps": 2, "verified": 1, "unverified": 1, "refuted": 0}


@pytest.mark.parametrize(
    "fmt, marker",
    [
        ("txt", "? UNVERIFIED"),
        ("tex", r"\failedby{\textbf{?}}{\textbf{UNVERIFIED}"),
        ("md", "**? UNVERIFIED:"),
    ],
)
def test_every_format_shows_the_gap_and_says_not_proved(fmt, marker):
    document = render(verify(gappy()), fmt)
    assert marker in document
    assert "a claim from the literature" in document
    assert "not proved" in document.lower()


def test_json_shows_the_gap():
    doc = json.loads(render(verify(gappy()), "json"))
    assert doc["verified"] is False
    check = doc["steps"][1]["check"]
    assert check["status"] == "unverified" and check["strength"] is None
    assert check["reason"] == "assumed without a check: a claim from the literature"
    assert check["said"].startswith("UNVERIFIED")


def test_a_refuted_step_shows_its_counterexample():
    text = render(verify(wrong()), "txt")
    assert "✗ REFUTED at a = " in text and "left side = " in text
    doc = json.loads(render(verify(wrong()), "json"))
    example = doc["steps"][0]["check"]["counterexample"]
    assert set(example["values"]) == {"a", "b"} and example["lhs"] != example["rhs"]


@pytest.fixture
def fake_registry(monkeypatch):
    built = {"gappy": gappy(), "wrong": wrong()}
    entries = tuple(
        registry.Entry(name, d.title, "notes.txt", "§0", "univariate", name)
        for name, d in built.items()
    )
    monkeypatch.setattr(registry, "entries", lambda: entries)
    monkeypatch.setattr(registry, "load", lambda name, notation=None: built[name])


@pytest.mark.parametrize("args", [["verify"], ["verify", "gappy"], ["gappy"], ["wrong"], ["all"]])
def test_commands_exit_1_when_a_step_is_not_verified(fake_registry, args, capsys):
    assert cli.main(args) == 1


def test_verify_names_what_failed(fake_registry, capsys):
    cli.main(["verify"])
    assert "not verified: gappy, wrong" in capsys.readouterr().out
