r"""Ranges of an unknown function's values (β(t) > 0, 0 < γ(t) < 1), as continuous-time
diffusion papers declare their schedules: they were refused ("a domain is declared for a letter,
not for β(t)"); now a proof covers every function in the range and a refutation uses one.

Truth here is elementary: |b| = b and √(b²) = b for b > 0, |g − 1| = 1 − g for g < 1, and a
claim false at some value of the range fails."""

from __future__ import annotations

import pytest

from derive.claims import decide


@pytest.mark.parametrize(
    "claim, given",
    [
        (r"\sqrt{\beta(t)^2} = \beta(t)", (r"\beta(t) > 0",)),
        (r"|\beta(t)| = \beta(t)", (r"\beta(t) \ge 0",)),
        (r"|\gamma(t) - 1| = 1 - \gamma(t)", (r"0 < \gamma(t) < 1",)),
        (r"|\gamma(t) - 1| = 1 - \gamma(t)", (r"\gamma(t) > 0", r"\gamma(t) < 1")),
        (r"|\sigma(t) - 2| = \sigma(t) - 2", (r"\sigma(t) > 2",)),
        (
            r"\frac{d}{dt} \log \mathrm{SNR}(t) = \frac{\mathrm{SNR}^\prime(t)}{\mathrm{SNR}(t)}",
            (r"\mathrm{SNR}(t) > 0",),
        ),
    ],
)
def test_a_claim_true_for_every_function_in_the_range_holds(claim, given):
    decision = decide(claim, given)
    assert decision.kind == "holds", decision.verdict
    assert "every function" in decision.method


@pytest.mark.parametrize(
    "claim",
    [r"\sqrt{\beta(t)^2} = \beta(t)", r"|\beta(t)| = \beta(t)"],
)
def test_without_the_range_the_same_claim_fails(claim):
    assert decide(claim).kind == "fails"


@pytest.mark.parametrize(
    "claim, given",
    [
        (r"\sqrt{\beta(t)^2} = -\beta(t)", (r"\beta(t) > 0",)),
        (r"|\gamma(t) - 1| = \gamma(t) - 1", (r"0 < \gamma(t) < 1",)),
        (r"\frac{d}{dt} \log \beta(t) = \beta^\prime(t)", (r"\beta(t) > 0",)),
    ],
)
def test_a_slip_fails_with_a_function_of_the_range(claim, given):
    decision = decide(claim, given)
    assert decision.kind == "fails", decision.verdict
    assert "g_" in decision.method  # refuted through the range's map of a concrete function


def test_the_range_is_stated_among_the_assumptions():
    decision = decide(r"|\gamma(t) - 1| = 1 - \gamma(t)", (r"\gamma(t) > 0", r"\gamma(t) < 1"))
    said = [line for line in decision.assumptions if "γ(t)" in line]
    assert said == [line for line in said if "0 < γ(t) < 1" in line] and said


def test_a_function_a_given_defines_keeps_its_definition():
    decision = decide(r"\beta(t) = 2t", (r"\beta(t) = 2t", r"\beta(t) > 0", "t > 0"))
    assert decision.kind == "holds" and "g_" not in (decision.method or "")


def test_bounds_are_shown_as_written_and_merged_into_one_reading():
    r"""A closed bound is shown closed, an open one open, each as the relation that set it
    wrote it, and the bounds of one name are one reading that names every given (they were
    shown all with "<", and a second given left the first, stale reading beside it)."""
    from derive.claims import decide

    ranged = decide(r"\sqrt{\beta(t)^2} = \beta(t)", (r"\beta(t) \ge 0", r"\beta(t) < 1"))
    assert [a.what for a in ranged.readings if a.subject == "beta"] == [
        "a function, 0 ≤ β(t) < 1 at every argument"
    ]
    letter = decide(r"\sqrt{a^2} = a", (r"a > 0", r"a \le 3", r"\left(a\right) < 5"))
    shown = [(a.what, a.source) for a in letter.readings if a.subject == "a"]
    assert shown == [("0 < a ≤ 3", r"declared: a > 0; a \le 3; \left(a\right) < 5")]
