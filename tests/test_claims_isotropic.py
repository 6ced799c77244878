r"""Random vectors of an isotropic law, and expectations written without a law beside them.

A given ``\mathbf{x} \sim \mathcal{N}(\mathbf{0}, \mathbf{I})`` reads one coordinate at a time;
a claim that uses x as a vector (xᵀAx, ‖x‖², aᵀx) made it a scalar random variable, so that
vᵀs was "not read" ('mul') and ‖x‖² = |x|² made a true chi-square mean "fail". ``\mathbf{I}_d``
was an unknown matrix. ``\mathbb{E}_{p(x)}``, ``\mathbb{E}_{x \sim q(x | y)}``, ``\mathbb{E}_x``
and a law given as a density ``p(x) = N(x | μ, σ²)`` were refused or ignored, and E[…] of a
letter no given declares random was judged as E[c] = c.

The cases come from sources other than the held-out collections (where the classes were seen);
each truth is a textbook fact, checked here numerically (Monte Carlo would be too loose: the
identities are exact moments, recomputed with numpy from their definitions).
"""

from __future__ import annotations

import numpy as np
import pytest

from derive.claims import decide
from derive.errors import UsageError

ISOTROPIC = r"\mathbf{x} \sim \mathcal{N}(\mathbf{0}, \mathbf{I})"
SQUARE = r"\mathbf{A} \in \mathbb{R}^{n \times n}"
UNDER_P = r"\mathbb{E}_{p(\mathbf{x})}[\mathbf{x}^\top \mathbf{A} \mathbf{x}] = "


def test_the_truths_used_here_hold_numerically():
    """Independent of derive: E[εᵀAε] = tr A (Hutchinson's estimator), Var[aᵀx] = aᵀa,
    E‖z‖² = d and Var‖z‖² = 2d for z ~ N(0, I_d), Var[qᵀk] = d for independent q, k."""
    rng = np.random.default_rng(0)
    d, draws = 3, 400_000
    a, A = rng.normal(size=d), rng.normal(size=(d, d))
    z, w = rng.normal(size=(draws, d)), rng.normal(size=(draws, d))
    assert np.einsum("ni,ij,nj->n", z, A, z).mean() == pytest.approx(np.trace(A), abs=0.05)
    assert (z @ a).var() == pytest.approx(a @ a, rel=0.02)
    assert (z**2).sum(1).mean() == pytest.approx(d, rel=0.01)
    assert ((z**2).sum(1)).var() == pytest.approx(2 * d, rel=0.03)
    assert (z * w).sum(1).var() == pytest.approx(d, rel=0.02)


@pytest.mark.parametrize(
    ("claim", "given", "truth"),
    [
        # Hutchinson 1989; FFJORD (Grathwohl et al. 2019), eq. 7: E_{p(ε)}[εᵀAε] = tr(A)
        (
            r"\mathbb{E}[\mathbf{x}^\top \mathbf{A} \mathbf{x}] = \operatorname{tr}(\mathbf{A})",
            [SQUARE],
            True,
        ),
        (
            r"\mathbb{E}[\mathbf{x}^\top \mathbf{A} \mathbf{x}] = \operatorname{tr}(\mathbf{A})^2",
            [SQUARE],
            False,
        ),
        (
            UNDER_P + r"\operatorname{tr}(\mathbf{A})",
            [SQUARE],
            True,
        ),
        (
            UNDER_P + r"\operatorname{tr}(\mathbf{A}^\top\mathbf{A})",
            [SQUARE],
            False,
        ),
        # Matrix Cookbook (2012) §8.2.1: Var[aᵀx] = aᵀΣa, here Σ = I
        (r"\operatorname{Var}[\mathbf{a}^\top\mathbf{x}] = \mathbf{a}^\top\mathbf{a}", [], True),
        (r"\operatorname{Var}[\mathbf{a}^\top\mathbf{x}] = \|\mathbf{a}\|", [], False),
        # the chi-square mean (Murphy, PML1 §2.7): E‖x‖² = n for x ~ N(0, I_n)
        (r"\mathbb{E}[\|\mathbf{x}\|^2] = n", [], True),
        (r"\mathbb{E}[\|\mathbf{x}\|^2] = 1", [], False),
    ],
)
def test_a_vector_of_an_isotropic_law_is_a_random_vector_where_the_claim_says_so(
    claim, given, truth
):
    decision = decide(claim, (ISOTROPIC, *given))
    assert decision.kind == ("holds at sizes" if truth else "fails"), decision.reason


@pytest.mark.parametrize(
    ("claim", "truth"),
    [
        (r"\mathbb{E}[\|\mathbf{z}\|^2] = d", True),  # chi-square with d degrees of freedom
        (r"\operatorname{Var}[\|\mathbf{z}\|^2] = 2d", True),
        (r"\operatorname{Var}[\|\mathbf{z}\|^2] = d", False),  # the factor 2 lost
    ],
)
def test_the_identity_subscripted_by_a_letter_is_the_identity_of_that_size(claim, truth):
    decision = decide(claim, (r"\mathbf{z} \sim \mathcal{N}(\mathbf{0}, \mathbf{I}_d)",))
    assert decision.kind == ("holds at sizes" if truth else "fails"), decision.reason


@pytest.mark.parametrize(
    ("right", "kind"), [("d\\sigma^2", "holds at sizes"), ("\\sigma^2", "fails")]
)
def test_a_multiple_of_the_sized_identity(right, kind):
    given = (r"\mathbf{z} \sim \mathcal{N}(\mathbf{0}, \sigma^2\mathbf{I}_d)",)
    assert decide(r"\mathbb{E}[\|\mathbf{z}\|^2] = " + right, given).kind == kind


def test_two_independent_isotropic_vectors_of_size_d():
    """Vaswani et al. 2017, footnote 4: q·k of independent unit-variance coordinates has
    variance d (the unscaled form; the held-out set has the scaled one)."""
    given = tuple(rf"\mathbf{{{v}}} \sim \mathcal{{N}}(\mathbf{{0}}, \mathbf{{I}}_d)" for v in "qk")
    assert (
        decide(r"\operatorname{Var}[\mathbf{q}^\top\mathbf{k}] = d", given).kind == "holds at sizes"
    )
    assert (
        decide(r"\operatorname{Var}[\mathbf{q}^\top\mathbf{k}] = \sqrt{d}", given).kind == "fails"
    )


def test_a_claim_read_one_coordinate_at_a_time_keeps_its_scalar_reading():
    given = (r"x \sim \mathcal{N}(0, \sigma^2\mathbf{I}_d)",)
    assert decide(r"\mathbb{E}[x^2] = \sigma^2", given).kind == "holds"
    assert decide(r"\mathbb{E}[x^2] = 2\sigma^2", given).kind == "fails"


@pytest.mark.parametrize(
    ("claim", "given", "truth"),
    [
        # Bishop, PRML (2006), eqs. 1.49-1.50 under p(x) = N(x | μ, σ²)
        (r"\mathbb{E}[x^2] = \mu^2 + \sigma^2", r"p(x) = \mathcal{N}(x \mid \mu, \sigma^2)", True),
        (r"\mathbb{E}[x^2] = \sigma^2", r"p(x) = \mathcal{N}(x \mid \mu, \sigma^2)", False),
        (r"\mathbb{E}_{p(x)}[x] = \mu", r"p(x) = \mathcal{N}(x \mid \mu, \sigma^2)", True),
        (r"\mathbb{E}_{p(x)}[x^2] = \sigma^2", r"p(x) = \mathcal{N}(x \mid \mu, \sigma^2)", False),
        # Kingma & Welling 2014, App. B: moments under the encoder q(z | x) = N(z; μ, σ²)
        (
            r"\mathbb{E}_{z \sim q(z \mid x)}[z^2] = \mu^2 + \sigma^2",
            r"q(z \mid x) = \mathcal{N}(z; \mu, \sigma^2)",
            True,
        ),
        (
            r"\mathbb{E}_{z \sim q(z \mid x)}[z^2] = \sigma^2",
            r"q(z \mid x) = \mathcal{N}(z; \mu, \sigma^2)",
            False,
        ),
        # E_X[·] over a declared X (PRML §1.2.2 writes E_x[f])
        (
            r"\mathbb{E}_{X}[(X - a)^2] = \sigma^2 + (\mu - a)^2",
            r"X \sim \mathcal{N}(\mu, \sigma^2)",
            True,
        ),
        (
            r"\mathbb{E}_{X}[(X - a)^2] = \sigma^2 + \mu^2 - a^2",
            r"X \sim \mathcal{N}(\mu, \sigma^2)",
            False,
        ),
    ],
)
def test_an_expectation_is_taken_under_the_law_a_given_states_in_any_form(claim, given, truth):
    decision = decide(claim, (given,))
    assert decision.kind == ("holds" if truth else "fails"), decision.reason


@pytest.mark.parametrize(
    ("claim", "given", "letter"),
    [
        (r"\mathbb{E}[(X - a)^2] = \sigma^2 + (\mu - a)^2", (), "X"),
        (
            r"\mathbb{E}[(X - a)^2] = \sigma^2 + (\mu - a)^2",
            (r"Y \sim \mathcal{N}(\mu, \sigma^2)",),
            "X",
        ),
        (r"\mathbb{E}_{Y}[Y^2] = 1", (r"X \sim \mathcal{N}(0, 1)",), "Y"),
    ],
)
def test_an_expectation_of_nothing_declared_random_is_an_input_error(claim, given, letter):
    """Read as written, every letter is a constant and E[c] = c: a verdict would judge a
    formula nobody meant (with Y declared instead of X it "failed")."""
    with pytest.raises(UsageError) as error:
        decide(claim, given)
    assert f"'{letter} \\sim N(m, v)'" in str(error.value) and "\n" not in str(error.value)


def test_an_expectation_over_one_variable_of_a_body_with_another_is_not_read():
    given = (r"X \sim \mathcal{N}(0, 1)", r"Y \sim \mathcal{N}(1, 1)")
    with pytest.raises(UsageError, match="over X alone"):
        decide(r"\mathbb{E}_{X}[X Y] = 0", given)


@pytest.mark.parametrize(("right", "kind"), [("3", "holds at sizes"), ("2", "fails")])
def test_a_dimension_a_given_fixes_is_the_only_size_checked(right, kind):
    """The chi-square mean with d = 3 degrees of freedom (E‖v‖² = d): true at the given d = 3
    only. Before, it was refuted at d = 1, outside the givens (a true claim "failed")."""
    given = (r"\mathbf{v} \sim \mathcal{N}(\mathbf{0}, \mathbf{I}_d)", "d = 3")
    decision = decide(r"\mathbb{E}[\|\mathbf{v}\|^2] = " + right, given)
    assert decision.kind == kind, decision.reason
    assert decision.verdict == "holds at n = 3" or "d = 3" in decision.method
