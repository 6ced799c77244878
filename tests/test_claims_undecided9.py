"""Classes of formulas the session-9 held-out set left undecided or unread (issue #16), each
with a true formula that must hold and a slip of it that must fail: primes in subscripts, a
capital letter before a bracket in a multivariate claim, determinants of written-out matrices
of numbers, laws whose covariance is written out."""

from __future__ import annotations

import pytest

from derive.claims import decide

X_M = r"(\mathbf{x}-\mathbf{m})"
A_QUADRATIC = r"\nabla_{\mathbf{x}} " + X_M + r"^{\top} \mathbf{A} " + X_M
TWICE = r" = 2\mathbf{A}" + X_M
A_MATRIX = (r"\mathbf{A} \in \mathbb{R}^{n \times n}",)
TWO_ENTROPIES = r"h(\mathcal{N}(0, a)) + h(\mathcal{N}(0, b))"
DET = r" = \frac{1}{2}\log\left((2\pi e)^2\det\begin{pmatrix} a & %s \\ %s & b\end{pmatrix}\right)"
K = r"\begin{pmatrix} 2 & 1 \\ 1 & 2 \end{pmatrix}"
H_K = r"h(\mathcal{N}(\mathbf{0}, " + K + "))"
X_K = (r"\mathbf{x} \sim \mathcal{N}(\mathbf{0}, " + K + ")",)


@pytest.mark.parametrize(
    "claim, given, kind",
    [
        # t', t'' in a subscript: other times than t (letters of their own)
        (
            r"\alpha_{t'} x + \sigma_{t''} \epsilon = \sigma_{t''}\epsilon + x\alpha_{t'}",
            (),
            "holds",
        ),
        (r"z_{t''} + z_{t'} = 2 z_{t'}", (), "fails"),
        (r"z_{t'} - z_t = 0", (), "fails"),
        # a letter declared a matrix before a bracket multiplies it (A ≻ 0, or its shape)
        (A_QUADRATIC + r" = (\mathbf{A} + \mathbf{A}^{\top})" + X_M, A_MATRIX, "holds at sizes"),
        (A_QUADRATIC + TWICE, A_MATRIX, "fails"),  # A is not symmetric
        (A_QUADRATIC + TWICE, (r"\mathbf{A} \succ 0",), "holds at sizes"),
        (
            r"(\mathbf{B}(\mathbf{x} + \mathbf{y}))^{\top} = "
            r"\mathbf{x}^{\top}\mathbf{B} + \mathbf{y}^{\top}\mathbf{B}^{\top}",
            (r"\mathbf{B} \in \mathbb{R}^{n \times n}",),
            "fails",
        ),
        # the determinant of a matrix of numbers written out is a number: the claim stays
        # one-dimensional (the normal laws in it are of numbers)
        (TWO_ENTROPIES + DET % (0, 0), ("a > 1", "b > 1"), "holds"),
        (TWO_ENTROPIES + DET % (1, 1), ("a > 1", "b > 1"), "fails"),
        (r"\det(2\begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix}) = -8", (), "holds"),
        (r"\det(2\begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix}) = -4", (), "fails"),
        # a law whose covariance is written out is of its size (0 is the zero 2-vector)
        (H_K + r" = \log(2\pi e) + \frac{1}{2}\log 3", (), "holds"),
        (H_K + r" = \log(2\pi e) + \log 3", (), "fails"),
        (r"H[\mathbf{x}] = \frac{1}{2}\log\det(2\pi e " + K + ")", X_K, "holds"),
        (r"H[\mathbf{x}] = \frac{1}{2}\log\det(\pi e " + K + ")", X_K, "fails"),
    ],
)
def test_decided(claim, given, kind):
    decision = decide(claim, given)
    assert decision.kind == kind, (decision.verdict, decision.reason, decision.read_as)


def test_a_capital_letter_applied_is_a_function_unless_declared_a_matrix():
    """Σ_θ(x_t, t) and P_1(x) (a density) in a multivariate claim are functions; only a letter
    declared a matrix (W ≻ 0) multiplies a bracket."""
    density = decide(
        r"P_1(\mathbf{x}) = \mathcal{N}(\mathbf{x}; \boldsymbol\mu, \boldsymbol\Sigma)"
    )
    assert "P₁: an unknown function" in "; ".join(density.assumptions), density.assumptions
    decision = decide(r"\Sigma_\theta(x_t, t) = \beta_t I", notation="ddpm")
    assert decision.kind == "undecided" and "not defined" in decision.reason


def test_a_capital_letter_applied_is_still_a_function_in_one_dimension():
    """Outside a multivariate claim F(x) is an unknown function, as before."""
    decision = decide("F(x + y) = F(x) + F(y)")
    assert any("F: an unknown function" in line for line in decision.assumptions)
    assert decision.kind == "fails"  # refuted by a concrete function


def test_a_letter_a_derivative_reads_as_a_function_says_so():
    """x_t under d/dt is an unknown function x_t(t): the "read as" line shows it, the
    assumptions say it, and it is that function wherever the claim writes x_t."""
    true = decide(r"\frac{d}{dt} x_t^2 = 2 x_t \frac{d}{dt} x_t")
    assert "x_t(t)" in true.read_as and "xₜ: a function of t" in "; ".join(true.assumptions)
    assert true.kind == "holds" and "every function" in true.verdict + true.method
    assert decide(r"\frac{d}{dt} x_t^2 = x_t \frac{d}{dt} x_t").kind == "fails"
    defined = decide(r"\frac{d}{dt} x_t = 2t", (r"x_t = t^2",))  # a definition is used instead
    assert defined.kind == "holds" and "x_t(t)" not in defined.read_as


X_NORMAL = (r"X \sim \mathcal{N}(\mu, \sigma^2)",)


@pytest.mark.parametrize(
    "claim, kind",
    [
        (r"\mathbb{E}[(X - \mu)f(X)] = \sigma^2\,\mathbb{E}[f'(X)]", "holds"),
        (r"\mathbb{E}[(X - \mu)f(X)] = \sigma\,\mathbb{E}[f'(X)]", "fails"),  # σ for σ²
        (
            r"\mathbb{E}[X^2 g(X)] = \mu\mathbb{E}[X g(X)] + \sigma^2 \mathbb{E}[g(X)]"
            r" + \sigma^2\mathbb{E}[X g'(X)]",
            "holds",
        ),
        (r"\mathbb{E}[X^2 g(X)] = \mu\mathbb{E}[X g(X)] + \sigma^2\mathbb{E}[X g'(X)]", "fails"),
        (r"\mathbb{E}[X f(X)] = \mathbb{E}[X]\,\mathbb{E}[f(X)]", "fails"),
    ],
)
def test_stein_lemma_for_an_unknown_function(claim, kind):
    """Gaussian integration by parts proves claims about an arbitrary function of a normal
    variable, and says what it assumed of the function; a slip is refuted by a concrete one."""
    decision = decide(claim, X_NORMAL)
    assert decision.kind == kind, (decision.verdict, decision.reason)
    if kind == "holds":
        assert "Stein's lemma" in decision.verdict + decision.method
        assert any("′(X)| < ∞ (Stein" in line for line in decision.assumptions)


def test_a_sequence_of_random_variables_is_refused_not_misread():
    """x_n declared random and summed over n is a sequence x_1, …, x_N, never one variable
    (which made E[Σ_n (x_n − x̄)²/N] = 0 and a true formula fail); derive says it cannot read
    it yet, as it says of an i.i.d. given."""
    from derive.errors import UsageError

    law, mean = r"x_n \sim \mathcal{N}(\mu, \sigma^2)", r"\bar{x} = \frac{1}{N}\sum_{n=1}^{N}x_n"
    claim = (
        r"\mathbb{E}\left[\frac{1}{N}\sum_{n=1}^{N}(x_n - \bar{x})^2\right] = \frac{N-1}{N}\sigma^2"
    )
    with pytest.raises(UsageError, match="a sequence of random variables"):
        decide(claim, (law, mean))
    with pytest.raises(UsageError, match="i.i.d. sequence of random variables"):
        decide(claim, (law, r"x_1, \dots, x_N \text{ i.i.d.}", mean))
    assert decide(r"\mathbb{E}[x_n] = \mu", (law,)).kind == "holds"  # one member: as before


def test_the_linear_route_takes_no_counterexample_outside_the_domain():
    """Two DDPM steps compose to √(α_t α_{t−1}) (true): a point where a side is non-real (an
    α above 1, √(α_t α_{t−1}) ≠ √α_t √α_{t−1}) refutes nothing; it was hidden by the time the
    posterior's named results took, built for claims that do not name them."""
    given = (
        r"x_{t-1} = \sqrt{\alpha_{t-1}} x_{t-2} + \sqrt{1-\alpha_{t-1}}\epsilon_1",
        r"x_t = \sqrt{\alpha_t} x_{t-1} + \sqrt{1-\alpha_t}\epsilon_2",
        r"\epsilon_1 \sim \mathcal{N}(0, 1)",
        r"\epsilon_2 \sim \mathcal{N}(0, 1)",
    )
    claim = (
        r"x_t \sim \mathcal{N}(\sqrt{\alpha_t \alpha_{t-1}}\, x_{t-2}, 1 - \alpha_t\alpha_{t-1})"
    )
    assert decide(claim, given, notation="ddpm").kind != "fails"
