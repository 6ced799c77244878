"""Claims about matrices and vectors of explicit sizes (issue #16): A ∈ ℝ^{2×3}, x ∈ ℝ³ given,
the claim is decided at that size, exactly — the size is part of the claim, so a proof at it is
a proof of the claim as stated. Before session 13 such claims were never written out entry by
entry (the kernel sized only matrices of symbolic size n) and ended "nested too deeply" or "not
evaluable". The entries of ``tests/data/claims_corpus/explicit_sizes.toml`` (Matrix Cookbook,
Wikipedia's determinant lemma, Sherman–Morrison and Weinstein–Aronszajn articles, PRML ch. 3)
have their truth checked numerically by ``tests/claims_corpus.py``, never by derive.

Also here: a claim with the derivative of an unknown density at a point (∇_x log p(x | y) with p
undeclared) is decided or undecided with its reason, never an internal ValueError (SymPy
refuses a derivative with respect to a number).
"""

from __future__ import annotations

import pytest
from claims_corpus import independent_truth, load
from sympy import Identity, Inverse, MatrixSymbol, Symbol

from derive.claims import decide
from derive.core.rational_matrices import rational_identity

ENTRIES = load("explicit_sizes.toml")


def _decide(entry):
    given = entry.get("given", [])
    return decide(entry["claim"], tuple(given), timeout=20)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_the_truth_of_each_entry_is_established_without_derive(entry):
    assert independent_truth(entry) is entry["truth"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_each_entry_is_decided_at_its_declared_size(entry):
    """A true entry is proved (not evidence: the sizes are the claim's own), a slip fails."""
    decision = _decide(entry)
    if entry["truth"]:
        assert decision.kind == "holds", (decision.reason, decision.method)
        assert "declared sizes" in decision.method
    else:
        assert decision.kind == "fails", (decision.reason, decision.method)


def test_a_counterexample_shows_the_matrices_it_was_found_with():
    decision = decide(
        r"\mathbf{A}\mathbf{B} = \mathbf{B}\mathbf{A}",
        (r"\mathbf{A}, \mathbf{B} \in \mathbb{R}^{2 \times 2}",),
        timeout=20,
    )
    assert decision.kind == "fails"
    shown = {str(k) for k, _ in decision.counterexample.values}
    assert {"A", "B"} <= shown


def test_sides_of_different_explicit_shapes_are_not_well_formed():
    """(AB)ᵀ = AᵀBᵀ with A ∈ ℝ^{2×3}, B ∈ ℝ^{3×2} sets a 2×2 matrix equal to a 3×3 one."""
    decision = decide(
        r"(\mathbf{A}\mathbf{B})^{T} = \mathbf{A}^{T}\mathbf{B}^{T}",
        (r"\mathbf{A} \in \mathbb{R}^{2 \times 3}", r"\mathbf{B} \in \mathbb{R}^{3 \times 2}"),
        timeout=20,
    )
    assert decision.kind == "fails" and "not well-formed" in decision.method


def test_a_letter_defined_by_an_explicit_size_expression_takes_that_size():
    """w = (ΦᵀΦ)⁻¹Φᵀt with Φ ∈ ℝ^{4×2} is a vector of ℝ²: read with the default size n, its
    definition did not reach the claim's w, and the given was set aside as a constraint."""
    given = (
        r"\mathbf{w} = (\boldsymbol\Phi^{T}\boldsymbol\Phi)^{-1}\boldsymbol\Phi^{T}\mathbf{t}",
        r"\boldsymbol\Phi \in \mathbb{R}^{4 \times 2}",
        r"\mathbf{t} \in \mathbb{R}^{4}",
    )
    claim = r"\boldsymbol\Phi^{T}\boldsymbol\Phi\mathbf{w} = \boldsymbol\Phi^{T}\mathbf{t}"
    assert decide(claim, given, timeout=20).kind == "holds"
    wrong = r"\boldsymbol\Phi^{T}\boldsymbol\Phi\mathbf{w} = 2\boldsymbol\Phi^{T}\mathbf{t}"
    assert decide(wrong, given, timeout=20).kind == "fails"


def _entries(*matrices):
    return {m: m.as_explicit().applyfunc(lambda e: Symbol(str(e))) for m in matrices}


def test_rational_identities_are_proved_refuted_or_left():
    A, B, u = MatrixSymbol("A", 3, 3), MatrixSymbol("B", 3, 2), MatrixSymbol("u", 3, 1)
    entries = _entries(A, B, u)
    push = Inverse(A + B * B.T) * B
    assert rational_identity(
        push, Inverse(A) * B * Inverse(Identity(2) + B.T * Inverse(A) * B), entries
    )
    assert (
        rational_identity(push, Inverse(A) * B * Inverse(Identity(2) + B.T * A * B), entries)
        is False
    )
    # undefined for every value: no rational function, nothing decided
    assert rational_identity(Inverse(B * B.T), A, entries) is None
    # a square root is no rational expression
    assert rational_identity(A * Symbol("c") ** Symbol("k"), A, entries) is None


@pytest.mark.parametrize(
    ("claim", "kinds"),
    [
        # Ho & Salimans 2022 (classifier-free guidance), §3.2: the score of p(x|c)^{1+w} p(x)^{-w}
        (
            r"\nabla_x \log\left(p(x \mid y)^{1 + w}\, p(x)^{-w}\right) = "
            r"(1 + w)\nabla_x \log p(x \mid y) - w\nabla_x \log p(x)",
            {"holds"},
        ),
        (  # the sign of the unconditional score flipped: never holds
            r"\nabla_x \log\left(p(x \mid y)^{1 + w}\, p(x)^{-w}\right) = "
            r"(1 + w)\nabla_x \log p(x \mid y) + w\nabla_x \log p(x)",
            {"undecided", "fails"},
        ),
        # Song et al. 2021 (score SDE), §5: Bayes' rule for scores; p unknown, undecided
        (
            r"\nabla_x \log p(x \mid y) = \nabla_x \log p(x) + \nabla_x \log p(y \mid x)",
            {"undecided", "holds"},
        ),
    ],
)
def test_derivatives_of_an_unknown_density_are_no_internal_error(claim, kinds):
    """Each of these ended in "an internal limitation of derive (ValueError raised by sympy in
    derive.core.sampling)": the sampler put a number in for x inside ∂/∂x."""
    decision = decide(claim, timeout=20)
    assert decision.kind in kinds, decision.reason
    assert not decision.internal and "internal limitation" not in decision.reason
    if decision.kind == "undecided":
        assert "derivative of an unknown function or density" in decision.reason
