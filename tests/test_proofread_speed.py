"""Proofreading does less work, never less checking: each link gets only the givens that share
a letter with it, a question asked twice is decided once, and every link is decided as it
was with every given passed."""

from __future__ import annotations

import pytest
from conftest import REPO

from derive.proofread import read_document
from derive.proofread.chains import links
from derive.proofread.check import check_links
from derive.proofread.context import Context, gather
from derive.proofread.decider import Decider
from derive.proofread.model import Link
from derive.proofread.relevance import bases, relevant

DATA = REPO / "tests" / "data" / "proofread"


def test_a_given_is_kept_through_a_chain_of_shared_letters():
    givens = ("y = 2 z", "w = 5", "z = u + 1", r"u \sim \mathcal{N}(0, 1)", "v > 0")
    assert relevant("x = y", givens) == ("y = 2 z", "z = u + 1", r"u \sim \mathcal{N}(0, 1)")
    assert relevant("w + v = 6", givens) == ("w = 5", "v > 0")
    assert relevant("1 = 1", givens) == ()


@pytest.mark.parametrize(
    "claim, given",
    [  # spellings of one letter that the checker reads as one symbol or one family
        (r"\bar{\alpha}_t = 1", r"\alpha_t = 1 - \beta_t"),
        (r"\mathbf{x}_t^T \mathbf{x}_t = 1", r"x_t = \sqrt{a} x_0"),
        (r"\boldsymbol{\mu}_{new} = 0", r"\mu_{new} = \Sigma b"),
        (r"\tilde\beta_t = 1", r"\beta_t = 0.1"),
        (r"\mathbb{E}_{x \sim P}[x] = 0", r"P = \mathcal{N}(0, 1)"),
    ],
)
def test_a_given_spelled_another_way_is_still_relevant(claim, given):
    assert relevant(claim, (given,)) == (given,)


def test_operators_are_not_letters_that_tie_givens_together():
    assert bases(r"\mathcal{N}(x; 0, 1) + \mathbb{E}[y] + \operatorname{tr}(A)") == {"x", "y", "A"}
    laws = (r"X \sim \mathcal{N}(0, 1)", r"Y \sim \mathcal{N}(0, 1)")
    assert relevant("2 X = X + X", laws) == laws[:1]


def test_a_question_asked_twice_is_decided_once():
    decider = Decider()
    for _ in range(3):
        assert decider("a + a = 2 a", (), None, None, 10.0).verdict == "holds"
    assert (decider.asked, decider.decided) == (3, 1)


def test_a_question_out_of_time_is_asked_again_only_with_more_time(monkeypatch):
    """A decision that ran out of its time bound would run out again with no more time (seed
    001 asks its line 276 twice at 10 s); with more time the checker may finish."""
    import importlib

    claims = importlib.import_module("derive.claims.decide")  # the module, not the function
    real, bounds = claims.decide, []

    def decide(claim, givens, wrt, notation, timeout):
        bounds.append(timeout)
        if timeout < 20:
            return claims.Decision(claim, "undecided", reason=f"time bound of {timeout} s reached")
        return real(claim, givens, wrt, notation, timeout)

    monkeypatch.setattr(claims, "decide", decide)
    decider = Decider()
    first = decider("a + a = 2 a", (), None, None, 10.0)
    assert first.verdict == "undecided" and "time bound" in first.reason
    assert decider("a + a = 2 a", (), None, None, 10.0) is first
    assert decider("a + a = 2 a", (), None, None, 5.0) is first
    assert decider("a + a = 2 a", (), None, None, 30.0).verdict == "holds"
    assert decider("a + a = 2 a", (), None, None, 10.0).verdict == "holds"  # the answer now
    assert bounds == [10.0, 30.0]
    assert (decider.asked, decider.decided) == (5, 2)


def _verdicts(name: str, narrow: bool):
    path = str(DATA / name)
    document = read_document(path)
    context = gather(path, document.context)
    decider = Decider(narrow=narrow)
    checked = check_links(links(document.pieces), context, 60.0, 900.0, decider=decider)
    return [(c.link.line, c.link.claim, c.verdict, c.strength, c.reason) for c in checked], decider


@pytest.mark.slow  # two full proofreads each, one with every given (about a minute)
@pytest.mark.parametrize("name", ["ddpm_posterior.md", "luo_mean.tex"])
def test_every_link_is_decided_as_with_every_given(name):
    """The documents whose definitions pile up: narrowing the givens changes no verdict and
    no strength, and it gives the checker fewer givens in all."""
    narrowed, _ = _verdicts(name, narrow=True)
    every, _ = _verdicts(name, narrow=False)
    assert [row[:4] for row in narrowed] == [row[:4] for row in every]
    decided = [row for row in narrowed if row[2] in ("holds", "fails")]
    assert decided, [(line, verdict, reason) for line, _, verdict, _, reason in narrowed]


def test_narrowing_drops_the_definitions_a_line_does_not_use():
    context = Context()
    found = [
        Link(1, "=", "a", "2", chain=0),
        Link(2, "=", "b", "3", chain=1),
        Link(3, "=", "a + a", "4", chain=2),
    ]
    checked = check_links(found, context, 10.0)
    assert [c.verdict for c in checked] == ["not a step", "not a step", "holds"]
    assert checked[-1].givens == ("a = 2",)
