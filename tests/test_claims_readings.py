"""Readings of the claim language that decide soundness (issue #16): the unbracketed logarithm,
orders between letters, givens read with the claim's vectors, expectations under a declared
density, conditional moments by Gaussian conditioning, and givens about functions derive
knows. Each construct is checked on a true formula and on a slip of it, and on a case it must
leave undecided or refuse."""

from __future__ import annotations

import pytest
from sympy import Rational

from derive.claims import decide
from derive.errors import UsageError

VECTOR = (r"\mathbf{x} \sim \mathcal{N}(\mathbf{m}, \boldsymbol\Sigma)",)
DENOISER = (r"y \sim N(0, s^2)", r"n \sim N(0, 1)", r"x = y + n", "s > 0")


@pytest.mark.parametrize(
    "claim, given, kind",
    [
        # \log 2\pi is log(2π), as in every source; an explicit operator ends the argument
        (r"\log 2\pi = \log 2 + \log \pi", (), "holds"),
        (r"\log 2\pi = \pi \log 2", (), "fails"),
        (r"\log 2 \cdot \pi = \pi \log 2", (), "holds"),
        (r"\frac12 \log 2\pi e \sigma^2 = \frac12 + \frac12\log 2\pi + \log\sigma", (), "holds"),
        (r"\frac12 \log 2\pi e \sigma^2 = \frac12\log 2\pi + \log\sigma", (), "fails"),
        # \min, \max
        (r"\max(a, b) = \frac{a + b + |a - b|}{2}", (), "holds numerically"),
        (r"\max(a, b) = \frac{a + b - |a - b|}{2}", (), "fails"),
        # an order between letters is respected by every check
        (r"|b - a| = b - a", ("a < b",), "holds"),
        (r"|b - a| = a - b", ("a < b",), "fails"),
        (r"|b - a| = b - a", ("a < b < 1",), "holds"),
        # primes are other letters of the same shape
        (r"x' - x = x' - x", (), "holds"),
        (r"x' = x", (), "fails"),
        # E under a density given as an equation
        (r"\mathbb{E}_{q(y \mid x)}[y] = a x", (r"q(y \mid x) = \mathcal{N}(y; a x, 1)",), "holds"),
        (r"\mathbb{E}_{q(y \mid x)}[y] = x", (r"q(y \mid x) = \mathcal{N}(y; a x, 1)",), "fails"),
        # conditional moments by Gaussian conditioning
        (r"\mathbb{E}[y \mid x] = \frac{s^2}{s^2 + 1} x", DENOISER, "holds"),
        (r"\mathbb{E}[y \mid x] = \frac{1}{s^2 + 1} x", DENOISER, "fails"),
        (r"\operatorname{Var}[y \mid x] = \frac{s^2}{s^2 + 1}", DENOISER, "holds"),
        (r"\operatorname{Var}[y \mid x] = s^2", DENOISER, "fails"),
        # ∇ with respect to a vector; the covariance of the law stays symmetric
        (
            r"\nabla_{x} \log \mathcal{N}(x; A m, \Sigma) = -\Sigma^{-1}(x - A m)",
            (),
            "holds at sizes",
        ),
        (r"\nabla_{x} \log \mathcal{N}(x; A m, \Sigma) = -\Sigma^{-1}(x - A^T m)", (), "fails"),
        (
            r"\nabla_{x} (x^T A x) = 2 A x",
            (r"A \in \mathbb{R}^{n\times n}", r"x \in \mathbb{R}^n"),
            "fails",
        ),
        # the law of an affine map of a normal vector
        (
            r"\mathbf{x} + \mathbf{x} \sim \mathcal{N}(2\mathbf{m}, 4\boldsymbol\Sigma)",
            VECTOR,
            "holds at sizes",
        ),
        (
            r"\mathbf{x} + \mathbf{x} \sim \mathcal{N}(2\mathbf{m}, 2\boldsymbol\Sigma)",
            VECTOR,
            "fails",
        ),
        # a given restating a function derive knows
        (
            r"\mathrm{sigmoid}(x) = 1 - \mathrm{sigmoid}(-x)",
            (r"\mathrm{sigmoid}(x) := \frac{1}{1 + e^{-x}}",),
            "holds",
        ),
    ],
)
def test_readings(claim, given, kind):
    assert decide(claim, given, timeout=20).kind == kind


def test_orders_between_letters():
    """0 < a < b < 1 is read b = a + (1 − a)u, 0 < u < 1, so that every point respects it; where
    neither end is free (b also bounded below), a slip must not hold numerically at points that
    ignore the order (it did: a was drawn from (0, 20))."""
    assert decide(r"|b - a| = a - b", ("0 < a < b < 1",), timeout=20).kind == "fails"
    assert decide(r"|b - a| = b - a", ("0 < a < b < 1",), timeout=20).kind.startswith("holds")
    bounded = ("0 < a < b < 1", "b > 1/2")
    # since session 9 a counterexample counts where it meets the constraint (checked exactly)
    slip = decide(r"|b - a| = a - b", bounded, timeout=20)
    assert slip.kind == "fails" and "0 < a < b < 1" in slip.notes[-1]
    values = dict((str(k), v) for k, v in slip.counterexample.values)
    assert 0 < values["a"] < values["b"] < 1 and values["b"] > Rational(1, 2)
    true = decide(r"|b - a| = b - a", bounded, timeout=20)
    assert true.kind == "undecided" and "0 < a < b < 1" in true.reason
    # σ_s² < σ_t²: σ_t = √(σ_s² + δ)
    squares = (r"\sigma_t^2 > \sigma_s^2",)
    assert decide(r"|\sigma_t^2 - \sigma_s^2| = \sigma_s^2 - \sigma_t^2", squares).kind == "fails"
    assert decide(r"|\sigma_t^2 - \sigma_s^2| = \sigma_t^2 - \sigma_s^2", squares).kind == "holds"


def test_a_given_vector_definition_reaches_the_claim():
    """m_c defined by a given is the claim's vector m_c (read alone, the given made m_c a
    number, and the claim's m_c was drawn freely: the Matrix Cookbook §8.1.8 product and this
    true claim were refuted)."""
    given = (r"\mathbf{m}_c = \mathbf{m}_1 + \mathbf{m}_2",)
    left = r"\mathcal{N}(\mathbf{x}; \mathbf{m}_c, \boldsymbol\Sigma) = "
    true = decide(
        left + r"\mathcal{N}(\mathbf{x}; \mathbf{m}_1 + \mathbf{m}_2, \boldsymbol\Sigma)", given
    )
    slip = decide(
        left + r"\mathcal{N}(\mathbf{x}; \mathbf{m}_1 - \mathbf{m}_2, \boldsymbol\Sigma)", given
    )
    assert (true.kind, slip.kind) == ("holds at sizes", "fails")


def test_the_letters_of_a_vector_definition_are_vectors():
    """μ₁ = a z + b x defines the claim's vector μ₁, so x is a vector too (read as a number, the
    definition could not reach μ₁ and every refutation was blocked); b·x alone does not say
    which letter is the vector unless b is declared a number."""
    given = (r"\mu_1 = a z + b x", r"\mu_2 = b x", "b > 0")
    left = r"(\mu_1 - \mu_2)^T(\mu_1 - \mu_2) = "
    # μ₁ − μ₂ = a z, so the square is a² zᵀz (SymPy-free: by hand)
    true = decide(left + "a^2 z^T z", given)
    assert true.kind == "holds at sizes"
    assert "x: an n-vector (implied: a term of a vector's definition)" in true.assumptions
    assert decide(left + "a z^T z", given).kind == "fails"
    ambiguous = decide(left + "a z^T z", given[:2])
    assert ambiguous.kind == "undecided"


def test_conditioning_outside_the_linear_gaussian_model_is_undecided():
    """E[μ | z] under an unknown prior g is not computed in general; the normal instance
    (session 9) holds, which proves nothing for every g: undecided, saying so."""
    decision = decide(r"\mathbb{E}[\mu \mid z] = z", (r"\mu \sim g", r"z = \mu"), timeout=20)
    assert decision.kind == "undecided" and "every normal law" in decision.reason
    squared = decide(
        r"\mathbb{E}[y \mid x] = 0", (r"y \sim N(0, 1)", r"n \sim N(0, 1)", r"x = y^2 + n")
    )
    assert squared.kind == "undecided"


@pytest.mark.parametrize(
    "claim, given, says",
    [
        (
            r"\mathrm{sigmoid}(x) = \frac12(1 + \tanh\frac{x}{2})",
            (r"\mathrm{sigmoid}(x) := \frac{1}{1 + e^{x}}",),
            "defines a function derive knows",
        ),
        (
            r"\boldsymbol\mu_{a|b} = \boldsymbol\mu_a - \boldsymbol\Lambda_{aa}^{-1}"
            r"\boldsymbol\Lambda_{ab}(\mathbf{x}_b - \boldsymbol\mu_b)",
            (r"\mathbf{x} \sim \mathcal{N}(\boldsymbol\mu, \boldsymbol\Sigma)",),
            "read as a number by default",
        ),
    ],
)
def test_misreadings_are_input_errors(claim, given, says):
    with pytest.raises(UsageError, match=says) as error:
        decide(claim, given, timeout=20)
    assert "\n" not in str(error.value)
