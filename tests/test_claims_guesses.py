r"""Readings derive guesses must not decide a claim: a letter subscripted by the variable of a
derivative depends on it, a definition is used before differentiating, a lowercase letter read
as a number only by default cannot make a matrix claim ill-formed, and a zero block takes the
shape its row and column ask for.

Each case came from the session-9 held-out collection (tests/data/claims_corpus/heldout9.toml),
where a true formula FAILED; the cases here are other members of the same classes.
"""

from __future__ import annotations

import pytest

from derive.claims import decide
from derive.errors import UsageError

SHAPES = r"\mathbf{A}, \mathbf{B} \in \mathbb{R}^{n \times n}"


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{d}{dt} x_t = 0",  # held "symbolic" before: x_t was a constant
        r"\frac{d}{d\phi} z_\phi = 0",
        r"\frac{d}{dt} \alpha_{t-1} = 0",
        r"\frac{d}{dt} (x_t + t) = 1",
    ],
)
def test_a_letter_subscripted_by_the_variable_is_not_a_constant(claim):
    decision = decide(claim)
    assert decision.kind == "fails", decision.verdict
    assert "exp(u)" in decision.method  # refuted by a concrete function, as an unknown one


def test_the_derivative_of_such_a_letter_is_kept_and_proved_for_every_function():
    decision = decide(r"\frac{d}{dt} (x_t + t) = 1 + \frac{d}{dt} x_t")
    assert decision.kind == "holds" and "every function" in decision.method


def test_a_letter_not_subscripted_by_the_variable_stays_a_constant():
    assert decide(r"\frac{d}{dt} a_s = 0").kind == "holds"


@pytest.mark.parametrize(
    ("right", "kind"),
    [
        (r"\cos(\phi)\epsilon - \sin(\phi)x", "holds"),  # Salimans & Ho 2022, App. D
        (r"\cos(\phi)x - \sin(\phi)\epsilon", "fails"),  # the roles of x and ε swapped
    ],
)
def test_a_defined_letter_is_differentiated_through_its_definition(right, kind):
    given = [r"z_\phi = \cos(\phi)x + \sin(\phi)\epsilon"]
    assert decide(r"\frac{d}{d\phi} z_\phi = " + right, given=given).kind == kind


LEMMA = (  # the matrix determinant lemma (Matrix Cookbook §3.2; Harville 1997, Thm 18.1.1)
    r"\det(\mathbf{A} + \mathbf{u}\mathbf{v}^{\top})"
    r" = ({sign}\mathbf{v}^{\top}\mathbf{A}^{-1}\mathbf{u})\det(\mathbf{A})"
)


def test_a_letter_read_as_a_number_by_default_does_not_make_a_claim_fail():
    decision = decide(LEMMA.replace("{sign}", "1 + "))  # the matrix determinant lemma: true
    assert decision.kind == "undecided"
    assert "u read as a number" in decision.reason and r"u \in \mathbb{R}^n" in decision.reason


@pytest.mark.parametrize(("sign", "kind"), [("1 + ", "holds at sizes"), ("1 - ", "fails")])
def test_with_the_shapes_declared_the_lemma_is_decided(sign, kind):
    decision = decide(
        LEMMA.replace("{sign}", sign), given=[r"\mathbf{u}, \mathbf{v} \in \mathbb{R}^n"]
    )
    assert decision.kind == kind, decision.verdict


def test_a_product_that_does_not_match_under_the_conventions_still_fails():
    decision = decide(r"\mathbf{tr}[\Sigma^{-1} (x - \mu)^T (x - \mu)] = 0")
    assert decision.kind == "fails" and "not well-formed" in decision.method


BLOCKS = (
    r"\begin{pmatrix}\mathbf{A} & \mathbf{0} \\ \mathbf{0} & \mathbf{B}\end{pmatrix}"
    r"\begin{pmatrix}\mathbf{A}^{-1} & \mathbf{0} \\ \mathbf{0} & {inverse}\end{pmatrix}"
    r" = \begin{pmatrix}\mathbf{I} & \mathbf{0} \\ \mathbf{0} & \mathbf{I}\end{pmatrix}"
)


@pytest.mark.parametrize(
    ("inverse", "kind"), [(r"\mathbf{B}^{-1}", "holds at sizes"), (r"\mathbf{B}", "fails")]
)
def test_zero_blocks_take_the_shape_of_their_row_and_column(inverse, kind):
    decision = decide(BLOCKS.replace("{inverse}", inverse), given=[SHAPES])
    assert decision.kind == kind, decision.verdict


# Found in session 10 by the held-out collection heldout10.toml (true formulas that FAILED);
# the cases below are other members of the same classes.

LAW_X = r"\mathbf{x} \sim \mathcal{N}(\boldsymbol{\mu}, \boldsymbol{\Sigma})"
CENTRED = r"\mathbf{x} - \boldsymbol{\mu}"
WHITENED = r"\mathbf{L}^{-1}(" + CENTRED + ")"


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        # μ is a vector because x's law says so, though the claim never marks it as one
        (
            WHITENED + r" \sim \mathcal{N}(\mathbf{0}, \mathbf{I})",
            "holds at sizes",
        ),
        (
            r"\mathbf{L}^{-1}(\mathbf{x} - \boldsymbol{\mu}) \sim \mathcal{N}(\mathbf{0}, "
            r"\boldsymbol{\Sigma}^{-1})",
            "fails",
        ),
        (
            r"\mathbf{x} - \boldsymbol{\mu} \sim \mathcal{N}(\mathbf{0}, \boldsymbol{\Sigma})",
            "holds at sizes",
        ),
        (
            CENTRED + r" \sim \mathcal{N}(\boldsymbol{\mu}, \boldsymbol{\Sigma})",
            "fails",
        ),
    ],
)
def test_a_claim_about_a_declared_random_vector_is_multivariate(claim, kind):
    """It was read one coordinate at a time (x − μ 'a sum of a matrix and a number': a true
    whitening x ↦ L⁻¹(x − μ) FAILED as not well-formed)."""
    decision = decide(claim, (LAW_X, r"\boldsymbol{\Sigma} = \mathbf{L}\mathbf{L}^{T}"))
    assert decision.kind == kind, decision.verdict


@pytest.mark.parametrize(("power", "kind"), [("^2", "holds at sizes"), ("", "fails")])
def test_a_letter_declared_a_number_is_none_of_a_means_vectors(power, kind):
    """β > 0 written inside a vector law's mean was read as a vector there (a true law
    FAILED: 'β (n×1) times A (n×n) is not defined')."""
    claim = (
        r"\mathbf{A}\mathbf{x} + \beta\mathbf{A}\mathbf{x} \sim \mathcal{N}("
        r"(1 + \beta)\mathbf{A}\boldsymbol{\mu}, (1 + \beta)"
        + power
        + r"\mathbf{A}\boldsymbol{\Sigma}\mathbf{A}^{T})"
    )
    decision = decide(claim, (LAW_X, r"\beta > 0"))
    assert decision.kind == kind, decision.verdict


@pytest.mark.parametrize(
    ("claim", "given", "kind"),
    [
        ("s_1 = 2\\bar\\alpha_1", "s_t = 2\\bar\\alpha_t", "holds"),
        (
            "s_3 = \\bar\\alpha_2 - \\bar\\alpha_T",
            "s_t = \\bar\\alpha_{t-1} - \\bar\\alpha_T",
            "holds",
        ),
        ("s_3 = \\bar\\alpha_3", "s_t = \\bar\\alpha_{t-1}", "fails"),
    ],
)
def test_a_definition_at_step_t_defines_each_member_through_its_subscripts(claim, given, kind):
    """s_t = f(ᾱ_t) defines s_1 = f(ᾱ_1): it was applied only where the body wrote t itself, so
    s_1 was a free letter and a true formula FAILED (s₁ = 2 against 2ᾱ₁)."""
    decision = decide(claim, (given,))
    assert decision.kind == kind, decision.verdict


PRIOR, TRANSITION = r"w \sim \mathcal{N}(0, 1)", r"t \mid w \sim \mathcal{N}(w, 1)"


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        (r"p(t) = \frac{1}{\sqrt{4\pi}} e^{-t^2/4}", "holds"),
        (r"\log p(t) = -\frac{t^2}{4} - \frac{1}{2}\log(4\pi)", "holds"),
        (r"p(t) = \frac{1}{\sqrt{2\pi}} e^{-t^2/2}", "fails"),
    ],
)
def test_the_density_of_a_variable_declared_through_its_conditional_law(claim, kind):
    """p(t) for t | w ~ N(w, 1), w ~ N(0, 1) is t's marginal density N(t; 0, 2) (PRML §3.3's
    evidence, eq. 3.86, in one dimension): read as an arbitrary p, a true formula FAILED."""
    decision = decide(claim, (PRIOR, TRANSITION))
    assert decision.kind == kind, decision.verdict
    assert "exp(u)" not in decision.method


def test_a_density_derive_cannot_write_is_undecided_never_an_arbitrary_function():
    decision = decide(
        r"p(t) = \frac{1}{\sqrt{4\pi}} e^{-t^2/4}", (PRIOR, r"t \mid w \sim \mathcal{N}(w^2, 1)")
    )
    assert decision.kind == "undecided", decision.verdict
    assert "density of the random variable t" in decision.reason


def test_an_unknown_function_of_a_vector_set_equal_to_a_formula_reads_as_its_definition():
    """P₁(x) = N(x; μ₁, Σ₁) (seed 001 §1.1.1) names a density, as f(x) = x² does for a number:
    undecided, saying how to define it — it was an internal error, and once that was mended,
    refuted by P₁ = exp (a definition flagged as a slip)."""
    decision = decide(
        r"P_1(\mathbf{x}) = \mathcal{N}(\mathbf{x}; \boldsymbol{\mu}_1, \boldsymbol{\Sigma}_1)"
    )
    assert decision.kind == "undecided" and "reads as its definition" in decision.reason
    assert decide(r"f(\mathbf{x}) + 1 = f(\mathbf{x})").kind == "fails"


# --- session 11's held-out set (heldout11.toml): three true formulas that FAILED -------------


@pytest.mark.parametrize(
    "claim, kind",
    [
        (r"\operatorname{erf}(x) + \operatorname{erfc}(x) = 1", "holds"),
        (r"\frac{d}{dx} \mathrm{erf}(x) = \frac{2}{\sqrt{\pi}} e^{-x^2}", "holds"),
        (r"\frac{d}{dx} \mathrm{erf}(x) = \frac{1}{\sqrt{\pi}} e^{-x^2}", "fails"),
        (r"\operatorname{erf}(-x) = \operatorname{erf}(x)", "fails"),
    ],
)
def test_erf_and_erfc_are_the_error_functions_not_unknown_ones(claim, kind):
    """\\operatorname{erf} was an unknown function, refuted with erf(u) = exp(u): a true
    formula (the DDPM decoder as a difference of erf) failed."""
    decision = decide(claim)
    assert decision.kind.startswith(kind), decision.verdict
    assert "exp(u)" not in (decision.method or "")


@pytest.mark.parametrize(
    "claim, given, kind",
    [
        (
            r"\frac{d\bar\alpha(t)}{dt} = -\frac{\pi}{2}\sin(\pi t)",
            r"\bar\alpha(t) = \cos^2(\pi t / 2)",
            "holds",
        ),
        (
            r"\frac{d\bar\alpha(t)}{dt} = -\pi\sin(\pi t)",
            r"\bar\alpha(t) = \cos^2(\pi t / 2)",
            "fails",
        ),
        (r"\frac{d x^3}{dx} = 3x^2", None, "holds"),
        (r"\frac{\partial^2 x^3}{\partial x^2} = 6x", None, "holds"),
        (r"\frac{d^2 x^3}{dx^2} = 3x^2", None, "fails"),
        (r"\frac{d \log x}{d x} = \frac{1}{x}", r"x > 0", "holds"),
    ],
)
def test_leibniz_derivatives_are_derivatives_not_fractions(claim, given, kind):
    """dᾱ(t)/dt was read as the fraction (d·ᾱ(t))/(d·t) = ᾱ(t)/t: a true schedule derivative
    (improved DDPM's cosine ᾱ) failed at t = 2."""
    decision = decide(claim, (given,) if given else ())
    assert decision.kind.startswith(kind), decision.verdict
    assert decision.read_as.startswith("∂/∂"), decision.read_as  # a derivative, as read


def test_a_fraction_with_a_letter_d_stays_a_fraction():
    assert decide(r"\frac{d}{2} + \frac{d}{2} = d").kind == "holds"
    assert decide(r"\frac{d x}{2} = x").kind == "fails"


def test_a_default_size_beside_a_declared_size_is_not_a_slip():
    """A read as n×n beside x ∈ ℝ² made xᵀAx "not well-formed", reported as fails."""
    given = (r"\mathbf{x} \in \mathbb{R}^2", r"\mathbf{A} \succ 0")
    decision = decide(r"\mathbf{x}^T \mathbf{A} \mathbf{x} \ge 0", given)
    assert decision.kind == "undecided" and "default size n" in decision.reason
    assert "A \\in \\mathbb{R}^{2 \\times 2}" in decision.reason
    # declared sizes that do not match are a slip of the claim
    declared = (r"\mathbf{x} \in \mathbb{R}^2", r"\mathbf{A} \in \mathbb{R}^{3 \times 3}")
    assert decide(r"\mathbf{x}^T \mathbf{A} \mathbf{x} = 1", declared).kind == "fails"


@pytest.mark.parametrize(
    "claim, kind",
    [
        (r"\frac{d}{dt} \log f(t) = \frac{f^{\prime}(t)}{f(t)}", "holds"),
        (
            r"\frac{d}{dt} \log \mathrm{SNR}(t) = \frac{\mathrm{SNR}^\prime(t)}{\mathrm{SNR}(t)}",
            "holds",
        ),
        (
            r"\frac{d}{dt} \log \mathrm{SNR}(t) = \frac{\mathrm{SNR}^\prime(t)}{2\mathrm{SNR}(t)}",
            "fails",
        ),
    ],
)
def test_a_prime_written_as_a_superscript_marks_a_derivative(claim, kind):
    """f^{\\prime}(t) was the letter f′ times t, and f(t) beside it the product f·t: the true
    d/dt log SNR(t) = SNR′(t)/SNR(t) failed at SNR = 1, t = 3."""
    decision = decide(claim)
    assert decision.kind == kind, decision.verdict
    assert "SNR(t)" in decision.read_as or "f(t)" in decision.read_as


def test_leibniz_derivative_of_a_defined_function_applies_it_to_the_variable():
    """dλ/dt of a λ(t) a given defines (Kingma & Gao's cosine log-SNR) was an internal error."""
    given = (r"\lambda(t) = -2\log\tan(\pi t / 2)", "0 < t < 1")
    assert decide(r"\frac{d\lambda}{dt} = -\frac{2\pi}{\sin(\pi t)}", given).kind == "holds"
    assert decide(r"\frac{d\lambda}{dt} = -\frac{\pi}{\sin(\pi t)}", given).kind == "fails"


def test_leibniz_derivative_of_an_undeclared_letter_is_not_the_derivative_of_a_constant():
    """dx/dt = 0 for a constant x would refute every dx/dt = v a writer means: not read."""
    with pytest.raises(UsageError, match="depends on t"):
        decide(r"\frac{dx}{dt} = v")
    assert decide(r"\frac{dx}{dt} = 6t", ("x = 3t^2",)).kind == "holds"


@pytest.mark.parametrize(
    "claim, kind",
    [
        (r"f(x, t) - g(t)^2\nabla_x\log p_t(x) = \frac{1}{2}\beta(t)x", "holds"),
        (r"f(x, t) + g(t)^2\nabla_x\log p_t(x) = \frac{1}{2}\beta(t)x", "fails"),
    ],
)
def test_a_function_of_two_arguments_a_given_defines(claim, kind):
    """f(x, t) = −½β(t)x (the VP SDE's drift, Song et al. 2021 eq. 11) was no definition, so
    the reverse drift at the stationary law N(0, 1) was undecided."""
    given = (
        r"f(x, t) = -\frac{1}{2}\beta(t)x",
        r"g(t) = \sqrt{\beta(t)}",
        r"p_t(x) = \mathcal{N}(x; 0, 1)",
        r"\beta(t) > 0",
    )
    assert decide(claim, given).kind == kind


def test_a_given_that_applies_its_own_function_is_a_property_not_a_definition():
    decision = decide("f(a, b) = f(a) f(b)", ("f(x, y) = f(x) f(y)",))
    assert decision.kind == "undecided"
    assert "internal limitation" not in decision.reason


@pytest.mark.parametrize(
    "claim, kind",
    [
        (r"\frac{\partial}{\partial\sigma^2} \sigma^4 = 2\sigma^2", "holds"),
        (r"\frac{\partial}{\partial\sigma^2} \sigma^4 = 4\sigma^3", "fails"),
        (
            r"\frac{\partial}{\partial\sigma^2}\log\mathcal{N}(x;\mu,\sigma^2)"
            r" = -\frac{1}{2\sigma^2} + \frac{(x-\mu)^2}{2\sigma^4}",
            "holds",
        ),
        (
            r"\frac{\partial}{\partial\sigma^2}\log\mathcal{N}(x;\mu,\sigma^2)"
            r" = -\frac{1}{\sigma^2} + \frac{(x-\mu)^2}{\sigma^4}",
            "fails",
        ),
    ],
)
def test_a_derivative_with_respect_to_a_variance(claim, kind):
    """∂/∂σ² (PRML 2.118 → 2.122, the ML variance) was not read at all."""
    decision = decide(claim, (r"\sigma > 0",))
    assert decision.kind.startswith(kind), decision.verdict
    assert any("chain rule" in line for line in decision.assumptions)


def test_a_derivative_with_respect_to_the_square_of_a_letter_of_any_sign_is_not_read():
    with pytest.raises(UsageError, match="declared positive"):
        decide(r"\frac{\partial}{\partial s^2} s^4 = 2 s^2")


# --- session 12's held-out set (heldout12.toml): true formulas that FAILED -------------------


def test_a_prime_on_a_letter_that_is_a_function_of_time_is_its_derivative():
    """σ_t′, μ_t′ beside d/dt ψ_t(x) (Lipman et al. 2023, the Gaussian path's field) were
    fresh letters, and σ_t in ψ_t's definition a constant: the true field failed."""
    given = (r"\psi_t(x) = \sigma_t x + \mu_t", r"\sigma_t > 0")
    right = r"\frac{\sigma_t^{\prime}}{\sigma_t}\left(\psi_t(x) - \mu_t\right) + \mu_t^{\prime}"
    assert decide(r"\frac{d}{dt}\psi_t(x) = " + right, given).kind == "holds"
    wrong = r"\frac{\sigma_t}{\sigma_t^{\prime}}\left(\psi_t(x) - \mu_t\right) + \mu_t^{\prime}"
    decision = decide(r"\frac{d}{dt}\psi_t(x) = " + wrong, given)
    assert decision.kind == "fails" and "sigma_t(u) = exp(" in decision.method  # σ_t > 0 kept


def test_a_definition_of_a_square_defines_its_reciprocal():
    """α_s² = sigmoid(−γ_s) left α_s⁻² (in b/α_s²) unreplaced: VDM's σ²_{t|s} failed."""
    given = (r"c = \frac{b}{\alpha_s^2}", r"\alpha_s^2 = 2")
    assert decide(r"c = \frac{b}{2}", given).kind == "holds"
    assert decide(r"c = \frac{b}{3}", given).kind == "fails"


def test_a_gradient_in_a_letter_that_does_not_occur_is_not_read():
    """∇_x log p(x_{i+1}) is 0 as written, while the score at x_{i+1} is meant."""
    with pytest.raises(UsageError, match=r"written at x_\{i\+1\}"):
        decide(r"\nabla_x \log p(x_{i+1}) = 0", (r"p(x) = \mathcal{N}(x; 0, 1)",))


@pytest.mark.parametrize(
    "given",
    [
        (r"\mathbf{x} \sim \mathcal{N}(\mathbf{0}, \boldsymbol\Sigma)",),
        (
            r"\mathbf{x} \sim \mathcal{N}(0, \boldsymbol\Sigma)",
            r"\mathbf{A} \in \mathbb{R}^{n \times n}",
        ),
        (
            r"\mathbf{x} \sim \mathcal{N}(\mathbf{0}, \boldsymbol\Sigma)",
            r"\mathbf{y} \sim \mathcal{N}(\mathbf{0}, \mathbf{I})",
        ),
    ],
)
def test_the_expectation_of_a_matrix_of_a_centred_normal_vector(given):
    """E[xxᵀ] = Σ for x ~ N(0, Σ) FAILED: x was taken for a constant (81 at x = 3)."""
    assert decide(
        r"\mathbb{E}[\mathbf{x}\mathbf{x}^{T}] = \boldsymbol\Sigma", given
    ).kind.startswith("holds")
    assert (
        decide(r"\mathbb{E}[\mathbf{x}\mathbf{x}^{T}] = 2\boldsymbol\Sigma", given).kind == "fails"
    )


def test_an_identity_takes_the_size_of_the_matrix_it_is_added_to():
    """λI + ΦᵀΦ with Φ ∈ ℝ^{3×2} (PRML 3.28, ridge regression) was "some sizes declared as
    numbers, others the default n": an input error on a formula every reader sizes at once."""
    shapes = (r"\boldsymbol\Phi \in \mathbb{R}^{3 \times 2}", r"\mathbf{v} \in \mathbb{R}^2")
    claim = (
        r"(\lambda\mathbf{I} + \boldsymbol\Phi^{T}\boldsymbol\Phi)\mathbf{v} = \lambda\mathbf{v}"
    )
    decision = decide(claim + r" + \boldsymbol\Phi^{T}\boldsymbol\Phi\mathbf{v}", shapes)
    assert "I" in decision.read_as and decision.kind != "fails"
    from sympy import Identity, MatrixSymbol, Symbol

    from derive.claims.shapes import _identity_sized

    lam, n = Symbol("lambda"), Symbol("n", integer=True, positive=True)
    assert _identity_sized(lam * Identity(n), (2, 2)).shape == (2, 2)
    kept = MatrixSymbol("A", n, n) + Identity(n)  # a matrix of its own size: not resized
    assert _identity_sized(kept, (2, 2)) == kept


# --- session 13's held-out set (heldout13.toml): a true formula that FAILED ------------------


@pytest.mark.parametrize(
    ("claim", "given", "truth"),
    [
        # VDM: SNR_t = exp(-γ_t) with γ_t linear in t; SNR_t′ = −(γ₁ − γ₀) SNR_t
        (
            r"\mathrm{SNR}_t^{\prime} = -(b - a)\mathrm{SNR}_t",
            (r"\mathrm{SNR}_t = e^{-(a + (b - a)t)}",),
            True,
        ),
        (
            r"\mathrm{SNR}_t^{\prime} = (b - a)\mathrm{SNR}_t",
            (r"\mathrm{SNR}_t = e^{-(a + (b - a)t)}",),
            False,
        ),
        # a cosine schedule: ᾱ_t = cos²(πt/2), ᾱ_t′ = −(π/2) sin(πt)
        (r"\bar\alpha_t' = -\frac{\pi}{2}\sin(\pi t)", (r"\bar\alpha_t = \cos^2(\pi t/2)",), True),
        (r"\bar\alpha_t' = -\pi\sin(\pi t)", (r"\bar\alpha_t = \cos^2(\pi t/2)",), False),
        # a second derivative, and a letter without subscript whose definition has one letter
        (r"\lambda_s'' = 6s", (r"\lambda_s = s^3 + a",), True),
        (r"g' = 3u^2", (r"g = u^3",), True),
    ],
)
def test_a_prime_on_a_letter_a_given_defines_is_its_derivative(claim, given, truth):
    """−½w_tλ′_t = 1/(1 − t)² with λ_t = 2 log((1 − t)/t) (SD3, the rectified-flow weight)
    FAILED at λ′_t = 1: the primed letter was a fresh number, unrelated to the defined λ_t."""
    decision = decide(claim, given)
    assert decision.kind.startswith("holds") if truth else decision.kind == "fails", decision
    if not truth:  # refuted by the derivative, never by a value chosen for the primed letter
        assert "'" not in str(decision.counterexample.values)
    assert any("a given defines" in line for line in decision.assumptions)


def test_a_prime_on_a_defined_letter_of_several_variables_is_an_input_error():
    with pytest.raises(UsageError, match="which variable"):
        decide(r"g' = 2at", (r"g = a t^2",))


def test_a_prime_on_an_undefined_letter_stays_a_letter():
    """Without a definition λ_t′ is any number (an unknown function's derivative): the claim
    λ_t′ = 1 is refuted by a value of it, as before."""
    assert decide(r"\lambda_t' = 1").kind == "fails"


_POSTERIOR_PRECISION = (
    r"\frac{1}{\tilde\beta} = \frac{\alpha}{\beta} + \frac{1}{1 - \bar\alpha_{p}}",
    r"\alpha = 1 - \beta",
    r"\bar\alpha = \alpha\bar\alpha_{p}",
    r"0 < \beta < 1",
    r"0 < \bar\alpha_p < 1",
)
_VP_LOG_ALPHA = r"\log\alpha_t = -\frac{\beta_0 t}{2} - \frac{(\beta_1 - \beta_0) t^2}{4}"


@pytest.mark.parametrize(
    ("claim", "given", "kind"),
    [
        # the DDPM posterior variance from its precision (Ho et al. 2020, eq. 7; Luo 2022, eq. 84)
        (
            r"\tilde\beta = \frac{1 - \bar\alpha_{p}}{1 - \bar\alpha}\beta",
            _POSTERIOR_PRECISION,
            "holds",
        ),
        (
            r"\tilde\beta = \frac{1 - \bar\alpha}{1 - \bar\alpha_{p}}\beta",
            _POSTERIOR_PRECISION,
            "fails",
        ),
        # the linear VP schedule by its log-mean (Song et al. 2021, eq. 29; Lu et al. 2022, §2)
        (
            r"\alpha_t^2 = \exp(-\beta_0 t - \frac{(\beta_1 - \beta_0) t^2}{2})",
            (_VP_LOG_ALPHA,),
            "holds",
        ),
        (
            r"\alpha_t^2 = \exp(-\beta_0 t - \frac{(\beta_1 - \beta_0) t^2}{4})",
            (_VP_LOG_ALPHA,),
            "fails",
        ),
    ],
)
def test_a_given_setting_a_letters_log_or_reciprocal_defines_the_letter(claim, given, kind):
    r"""``\log α_t = v`` and ``1/β̃ = v`` hold exactly when α_t = e^v and β̃ = 1/v: they were
    constraints derive could not use, so a true schedule claim was undecided and a slip of it
    too ("a counterexample was found, but it ignores the given")."""
    assert decide(claim, given).kind == kind


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        (
            r"\mathbb{E}_{x_t \sim q(x_t \mid x_0)}[x_t^2] = \bar\alpha x_0^2 + 1 - \bar\alpha",
            "holds",
        ),
        (r"\mathbb{E}_{x_t \sim q(x_t \mid x_0)}[x_t^2] = \bar\alpha x_0^2 + \bar\alpha", "fails"),
    ],
)
def test_an_expectation_under_a_density_written_as_a_law(claim, kind):
    r"""``E_{x_t ∼ q(x_t | x_0)}[…]`` with q defined by a given is ``E_{q(x_t | x_0)}[…]`` (the
    DDPM forward kernel, Ho et al. 2020, eq. 4; its second moment): it was an input error,
    "E_{x ~ law}[...] takes a normal law"."""
    given = (
        r"q(x_t \mid x_0) = \mathcal{N}(x_t; \sqrt{\bar\alpha} x_0, 1 - \bar\alpha)",
        r"0 < \bar\alpha < 1",
    )
    assert decide(claim, given).kind.startswith(kind)


_LOG_NORMAL = (r"X \sim \mathcal{N}(\mu, \sigma^2)", r"Y = e^X", r"y > 0", r"\sigma > 0")
_CHI_SQUARE = (r"X \sim \mathcal{N}(0, 1)", r"Y = X^2", r"y > 0")


@pytest.mark.parametrize(
    ("claim", "given", "kind"),
    [
        # the log-normal density (Murphy, PML1 §2.6.5 / the change of variables of §2.8.1)
        (
            r"p_Y(y) = \frac{1}{y\sigma\sqrt{2\pi}} e^{-\frac{(\log y - \mu)^2}{2\sigma^2}}",
            _LOG_NORMAL,
            "holds",
        ),
        (
            r"p_Y(y) = \frac{1}{\sigma\sqrt{2\pi}} e^{-\frac{(\log y - \mu)^2}{2\sigma^2}}",
            _LOG_NORMAL,
            "fails",
        ),
        # χ² with one degree of freedom: two roots ±√y, each weighted 1/(2√y)
        (r"p_Y(y) = \frac{1}{\sqrt{2\pi y}} e^{-y/2}", _CHI_SQUARE, "holds"),
        (r"p_Y(y) = \frac{1}{2\sqrt{2\pi y}} e^{-y/2}", _CHI_SQUARE, "fails"),  # one root only
        (
            r"p_Y(y) = \mathcal{N}(y; 2\mu + 1, 4)",
            (r"X \sim \mathcal{N}(\mu, 1)", r"Y = 2X + 1"),
            "holds",
        ),
    ],
)
def test_the_density_of_a_function_of_a_normal_variable(claim, given, kind):
    r"""``p_Y(y)`` with ``Y = g(X)`` and X normal is Σ p_X(x)/|g'(x)| over the roots of g(x) = y:
    it was an unknown function, "p_Y is not defined, and the claim reads as its definition"."""
    assert decide(claim, given).kind == kind


def test_a_density_whose_roots_are_not_found_is_undecided_with_what_to_declare():
    """Without y > 0 the roots of x² = y are no finite set over the reals: no density is
    written from a guess (a single root would refute the true χ² density)."""
    decision = decide(r"p_Y(y) = \frac{1}{\sqrt{2\pi y}} e^{-y/2}", _CHI_SQUARE[:2])
    assert decision.kind == "undecided" and "--given 'y > 0'" in decision.reason


_VP_MEAN = r"\alpha(t) = \exp(-\frac{1}{2}\int_0^t \beta(s)\,ds)"


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        # the VP SDE's mean coefficient (Song et al. 2021, eq. 29): d/dt log α = −β(t)/2
        (r"\frac{d}{dt}\log\alpha(t) = -\frac{1}{2}\beta(t)", "holds"),
        (r"\frac{d}{dt}\log\alpha(t) = -\beta(t)", "fails"),
    ],
)
def test_a_function_under_an_integral_is_a_function_not_a_density(claim, kind):
    r"""β(s) in ∫₀ᵗ β(s) ds was read as a density of s (a letter applied under ∫ was taken for
    p(y) of ∫ p(y) N(x; y, σ²) dy): no function was put in for β, and both were undecided."""
    assert decide(claim, (_VP_MEAN,)).kind == kind
    marginal = decide(
        r"\int p(y) \mathcal{N}(x; y, 1)\,dy = \mathcal{N}(x; 0, 2)", (r"y \sim \mathcal{N}(0, 1)",)
    )
    assert marginal.kind == "holds"  # p(y) under ∫ is still y's density


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        # DDIM's noise predictor (Song et al. 2021, eq. 12) is no linear map of its input
        (r"\epsilon_\theta^{(t)}(2x_t) = 2\epsilon_\theta^{(t)}(x_t)", "fails"),
        (r"f^{(t)}(2y) = 2f^{(t)}(y)", "fails"),
        (r"\epsilon_\theta^{(t)}(x_t) - \epsilon_\theta^{(t)}(x_t) = 0", "holds"),
    ],
)
def test_a_function_indexed_by_a_superscript_is_applied_not_multiplied(claim, kind):
    r"""f^{(t)}(y) was read as y·f^{(t)}, a product, so f^{(t)}(2y) = 2f^{(t)}(y) HELD "for
    every function"; it is one unknown function of the index and the argument."""
    assert decide(claim).kind == kind


def test_a_superscript_indexed_letter_both_alone_and_applied_is_an_input_error():
    with pytest.raises(UsageError, match="both alone and applied"):
        decide(r"x^{(i)}(a + b) = x^{(i)}a + x^{(i)}b")


@pytest.mark.parametrize(
    ("claim", "given", "kind"),
    [
        # Matrix Cookbook eq. 527: ‖X‖_F² = Tr(XXᴴ); the slip drops the transpose
        (r"\|\mathbf{X}\|_F^2 = \operatorname{Tr}(\mathbf{X}\mathbf{X}^T)", (), "holds"),
        (r"\|\mathbf{X}\|_F^2 = \operatorname{Tr}(\mathbf{X}\mathbf{X})", (), "fails"),
        (r"\|\mathbf{x}\|_2^2 = \mathbf{x}^T\mathbf{x}", (), "holds"),
        # the 1-norm is no Euclidean norm: ‖x‖₁² = xᵀx HELD, its index ignored
        (r"\|\mathbf{x}\|_1^2 = \mathbf{x}^T\mathbf{x}", (r"\mathbf{x} \in \mathbb{R}^2",), "not"),
    ],
)
def test_a_norm_is_the_one_its_index_names(claim, given, kind):
    decision = decide(claim, given)
    if kind == "not":
        assert not decision.kind.startswith("holds")
    else:
        assert decision.kind.startswith(kind)


def test_a_norm_derive_does_not_read_is_an_input_error():
    with pytest.raises(UsageError, match="explicit size"):
        decide(r"\|\mathbf{x}\|_1 = 1", (r"\mathbf{x} \in \mathbb{R}^n",))
    with pytest.raises(UsageError, match="Frobenius"):
        decide(r"\|\mathbf{X}\|_2 = 1", (r"\mathbf{X} \in \mathbb{R}^{n \times n}",))


_KRON_SIZES = (r"\mathbf{A} \in \mathbb{R}^{n \times n}", r"\mathbf{B} \in \mathbb{R}^{m \times m}")


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        # Matrix Cookbook §10.2.1: Tr(A ⊗ B) = Tr(A) Tr(B), det(A ⊗ B) = det(A)^m det(B)^n
        (
            r"\operatorname{Tr}(\mathbf{A} \otimes \mathbf{B}) = "
            r"\operatorname{Tr}(\mathbf{A})\operatorname{Tr}(\mathbf{B})",
            "holds",
        ),
        (
            r"\operatorname{Tr}(\mathbf{A} \otimes \mathbf{B}) = "
            r"\operatorname{Tr}(\mathbf{A}) + \operatorname{Tr}(\mathbf{B})",
            "fails",
        ),
        (r"\det(\mathbf{A} \otimes \mathbf{B}) = \det(\mathbf{A})^m \det(\mathbf{B})^n", "holds"),
        (r"\det(\mathbf{A} \otimes \mathbf{B}) = \det(\mathbf{A})^n \det(\mathbf{B})^m", "fails"),
    ],
)
def test_the_kronecker_product(claim, kind):
    r"""``\otimes`` was "unknown command"; it is the Kronecker product, checked at sizes."""
    assert decide(claim, _KRON_SIZES).kind.startswith(kind)


def test_an_identity_takes_the_size_its_subscript_names():
    r"""``\mathbf{I}_{2}`` was a letter named I_2, a matrix of the default size n."""
    given = (r"\mathbf{x} \in \mathbb{R}^3",)
    assert decide(r"\mathbf{I}_3 \mathbf{x} = \mathbf{x}", given).kind == "holds"
    with pytest.raises(UsageError, match="whole number"):  # h, w not declared whole numbers
        decide(r"\det(\mathbf{I}_{hw}) = 1")


def test_a_size_letter_written_in_the_claim_is_the_size():
    """m beside B ∈ ℝ^{m×m} was a letter of its own, left free when the sizes were put in: the
    true det(cB)det(A) = c^m det(A)det(B) FAILED at m = 31/151 with B of size 1."""
    claim = r"\det(c\mathbf{B})\det(\mathbf{A}) = c^m \det(\mathbf{A})\det(\mathbf{B})"
    assert decide(claim, _KRON_SIZES).kind.startswith("holds")
    slip = r"\det(c\mathbf{B})\det(\mathbf{A}) = c^n \det(\mathbf{A})\det(\mathbf{B})"
    assert decide(slip, _KRON_SIZES).kind == "fails"
