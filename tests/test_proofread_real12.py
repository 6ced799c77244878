"""Constructs and slips of real documents nobody here wrote (session 12: two blog pages on the
DDPM forward and reverse steps, a post on the KL divergence of two multivariate normals; kept
outside the repository), reproduced by small synthetic documents in tests/data/proofread/real12/
written here: the derivations as facts, in other words, with a slip added where the originals
had none, so that a reading that made every line hold would fail these tests."""

from __future__ import annotations

from pathlib import Path

from derive.proofread import proofread

DATA = Path(__file__).parent / "data" / "proofread" / "real12"


def _verdicts(path, **options) -> list[tuple[int, str]]:
    found = proofread(str(path), **options).checked
    return [(c.link.line, c.verdict) for c in found if not c.link.bridge]


def test_a_posterior_read_by_its_precisions():
    r"""``1/β̃_t = …`` twice in a row, the numerator's chain with ᾱ_t = α_t ᾱ_{t−1}, a
    ``\boxed{β̃_t = …}``, ``μ̃_t/β̃_t = …``: every right line holds, the slip (α_t for 1 − α_t
    in x₀'s weight) fails."""
    checked = proofread(str(DATA / "posterior_precision.html"), notation="ddpm").checked
    lines = [(c.link.line, c.verdict) for c in checked if not c.link.bridge]
    assert lines == [
        (7, "holds"),
        (10, "not read"),  # ∝ with no variable named: the chain as a whole is checked
        (10, "holds"),
        (13, "holds"),
        (16, "holds"),
        (19, "holds"),
        (19, "holds"),
        (23, "holds"),  # the relation inside \boxed{…}
        (28, "holds"),
        (30, "fails"),
    ]


def test_a_proportionality_between_log_densities_is_up_to_an_additive_constant():
    r"""``\log N(x; μ, σ²) = … ∝ -x²/(2σ²) + μx/σ²``: the terms dropped are added, not
    factors; read as a ratio it failed (a right line flagged). Read so, a wrong exponent
    still fails."""
    checked = proofread(str(DATA / "posterior_precision.html"), notation="ddpm").checked
    whole = [c for c in checked if c.link.bridge]
    assert [(c.link.relation, c.verdict) for c in whole] == [("\\propto", "holds")]
    assert "additive constant" in whole[0].reason


def test_a_wrong_log_proportionality_still_fails(tmp_path):
    path = tmp_path / "log.md"
    path.write_text(
        "---\nwrt: [x]\n---\n$$\\log \\mathcal{N}(x; 0, 1) \\propto -x^2$$\n\n"
        "$$\\log \\mathcal{N}(x; 0, 1) \\propto -\\frac{x^2}{2} + 3$$\n"
    )
    assert _verdicts(path) == [(4, "fails"), (6, "holds")]


def test_a_forward_step_with_laws_on_its_line():
    r"""``y = m + s u, \quad u \sim N(0, 1)``: the law of a new letter is a declaration;
    ``du/dy`` is a derivative (not d·u over d·y), of a letter the prose makes a function of y:
    undecided; the variance of a letter given by a recurrence is undecided, not a slip;
    ``\checkmark`` is no mathematics; standard deviations added for variances fail."""
    assert _verdicts(DATA / "forward_variance.html", notation="ddpm") == [
        (7, "not a step"),
        (7, "not a step"),
        (9, "undecided"),
        (11, "not a step"),
        (11, "not a step"),
        (13, "not read"),  # Var(x_t) of a recurrence: x_{t−1} has no law (session 13: E[…]
        (15, "holds"),  # of letters with no declared law is an input error, not undecided)
        (17, "fails"),
    ]


def test_a_leibniz_derivative_of_a_defined_letter_is_checked(tmp_path):
    path = tmp_path / "dz.md"
    path.write_text(
        "$$z = \\frac{x - m}{s}$$\n\n$$\\frac{dz}{dx} = \\frac{1}{s}$$\n\n$$\\frac{dz}{dx} = s$$\n"
    )
    assert _verdicts(path) == [(1, "not a step"), (3, "holds"), (5, "fails")]


def test_rows_ended_by_newline_and_a_declared_dimension():
    r"""kramdown's ``\newline`` ends a row as ``\\`` does; with ``dimension: k`` declared,
    ``I_k`` is the identity and tr I_k = k; the slip 2 tr I_k = k fails."""
    assert _verdicts(DATA / "kl_trace.md") == [
        (10, "holds"),
        (12, "holds"),
        (20, "holds"),
        (22, "fails"),
    ]


def test_an_identity_sized_by_an_undeclared_letter_is_never_a_slip(tmp_path):
    """Without the dimension, I_k is the identity of size k by convention where the claim
    language reads it so (session 13), else a matrix of its own: undecided, with the
    declaration to add; never a failure."""
    text = (DATA / "kl_trace.md").read_text().split("---\n", 2)[2]
    path = tmp_path / "kl_trace.md"
    path.write_text(text)
    found = proofread(str(path)).checked
    assert "fails" not in {c.verdict for c in found}
    undecided = [c for c in found if c.verdict == "undecided"]
    assert undecided and all('dimension = "k"' in c.reason for c in undecided)


def test_a_boxed_row_splits_at_its_quads():
    r"""A boxed result with its law beside it (``\boxed{x_t = …, \qquad ε \sim N(0, I)}``):
    two equations, as on an unboxed row; a box around one equation keeps its relation."""
    from derive.proofread.chains import equations, sides

    row = r"\boxed{x_t = a x_0 + b \varepsilon, \qquad \varepsilon \sim \mathcal{N}(0, \mathbf{I})}"
    assert equations(row) == [
        r"x_t = a x_0 + b \varepsilon,",
        r"\varepsilon \sim \mathcal{N}(0, \mathbf{I})",
    ]
    assert sides("\\boxed{\n\\tilde{\\beta}_t\n= \\frac{a}{b}\n}") == (
        ["\\tilde{\\beta}_t", "\\frac{a}{b}"],
        ["="],
    )


def test_a_proportionality_is_read_in_its_left_densitys_variable(tmp_path):
    r"""``q(x_{t-1} \mid x_t, x_0) \propto …`` with no variable declared (Bayes' rule with the
    evidence dropped): read as functions of x_{t−1}, the point of the left side's density; it
    was "not read" for want of a ``wrt``."""
    path = tmp_path / "bayes.md"
    path.write_text(
        "$$q(x_{t-1} \\mid x_t, x_0) \\propto q(x_t \\mid x_{t-1})\\, q(x_{t-1} \\mid x_0)$$\n\n"
        "$$p(x \\mid y) \\propto \\frac{1}{2}\\, p(x \\mid y)$$\n"
    )
    checked = proofread(str(path)).checked
    assert [(c.link.line, c.verdict) for c in checked] == [(1, "undecided"), (3, "holds")]
    assert "x_{t-1}" in checked[0].reason


def test_a_failure_in_a_variable_nobody_declared_is_undecided():
    from derive.proofread.model import Checked, Link
    from derive.proofread.readings import conditioned_variable, inferred_variable

    link = Link(1, "\\propto", "p(x \\mid y)", "x")
    failed = Checked(link, "fails", reason="ratio not constant")
    assert conditioned_variable(link) == ["x"]
    assert inferred_variable(failed, ["x"]).verdict == "undecided"
    assert inferred_variable(failed, []).verdict == "fails"
