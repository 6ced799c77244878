"""Constructs and slips of real documents nobody here wrote (session 13: two Markdown notes on
DDPM and DDIM, three posts deriving the DDPM posterior by Bayes' rule and a joint normal law,
two long HTML posts on diffusion models and autoencoders; kept outside the repository),
reproduced by small synthetic documents in tests/data/proofread/real13/ written here: the
derivations as facts, in other words, with a slip added where the originals had none, so
that a reading that made every line hold (or every line undecided) would fail these tests."""

from __future__ import annotations

from pathlib import Path

from derive.proofread import proofread

DATA = Path(__file__).parent / "data" / "proofread" / "real13"


def _checked(name):
    return proofread(str(DATA / name), notation="ddpm").checked


def _verdicts(checked) -> list[tuple[int, str]]:
    return [(c.link.line, c.verdict) for c in checked if not c.link.bridge]


def test_a_quantity_named_by_a_word_a_parametrised_variance_and_spaced_updates():
    r"""``\text{Mean} = …`` defines Mean (it failed as a free letter, a right line flagged);
    ``σ_t²(η) = η β̃_t`` defines σ_t² (read as σ_t² times η, it failed); the slip α_t for β_t
    in the same chain fails; two running averages side by side, ``\;\;\;`` between them, are
    two recurrences (joined, the first took the second's left side and failed); μ̃_t written in
    the noise, μ̃_t(x_t, ε), is not the named result in x_t and x_0 (read as that, a right line
    failed): not read."""
    checked = _checked("ddim_marginal.md")
    assert _verdicts(checked) == [
        (4, "not a step"),
        (8, "not a step"),
        (9, "holds"),
        (13, "holds"),
        (19, "not a step"),
        (19, "fails"),
        (24, "not a step"),
        (25, "not a step"),
        (32, "not read"),
        (36, "not read"),
        (36, "not read"),
    ]
    assert all("not its own" in c.reason for c in checked[-3:])
    # the chain is not checked whole: its ends are in different variables (x_0 and ε)
    assert not any(c.link.bridge for c in checked)


def test_a_letter_a_line_introduces_a_missing_row_end_and_other_faces():
    r"""``c − d²`` for ``c − a d²`` fails; ``b/(2A) = …`` where b is the coefficient the prose
    means (never defined) and ``… = S_{21}^T`` where S₂₁ is stated on the next line are
    undecided, not slips; the next line, written without ``\\``, is a definition, not a
    factor of S₂₁ᵀ; a bold face over an accented noise with its index, ``D_\text{KL}``,
    ``\mathbb{N}(…)`` and ``\mathbb{D}_{KL}`` are read (a wrong √2 and a dropped ½ fail); a
    noise split into two fresh ones each given a law is an equality in law."""
    checked = _checked("joint_covariance.md")
    lines = _verdicts(checked)
    assert (13, "fails") in lines  # c − d²
    assert (9, "holds") in lines  # c − a d²
    # S_{21} was used before, as a block still to be found, and its own row states it
    assert (26, "undecided") in lines and (42, "undecided") in lines
    assert (43, "not a step") in lines  # S_{21} = …, its own row
    assert [v for n, v in lines if n in (49, 51, 55, 57)] == ["holds", "fails", "holds", "fails"]
    assert lines[-1] == (71, "undecided")
    assert "equality in law" in checked[-1].reason
    fails = [n for n, v in lines if v == "fails"]
    assert fails == [13, 51, 57]


def test_under_a_ddpm_notation_epsilon_is_noise_stated_or_not(tmp_path):
    """Two noises merged into one (ε̄_{t−2} and ε_{t−1} into ε̄_{t−1}) is an equality in law
    under the notation, though the document never writes ε ~ N(0, I); without a notation, or
    with ε_θ (the network's output) on one side only, it is not read as an equality in law."""
    merged = (
        "$$\\sqrt{a}\\sqrt{1-b}\\,\\bar{\\epsilon}_{t-2} + \\sqrt{1-a}\\,\\epsilon_{t-1}"
        " = \\sqrt{1-ab}\\,\\bar{\\epsilon}_{t-1}$$\n"
    )
    path = tmp_path / "merge.md"
    path.write_text(merged)
    noted = proofread(str(path), notation="ddpm").checked
    assert [c.verdict for c in noted] == ["undecided"] and "in law" in noted[0].reason
    assert [c.verdict for c in proofread(str(path)).checked] == ["fails"]
    path.write_text("$$\\epsilon_\\theta(x_t, t) + x = \\epsilon + x$$\n")
    theta = proofread(str(path), notation="ddpm").checked
    assert all("in law" not in c.reason for c in theta)


def test_a_new_letter_nothing_around_the_line_states_still_fails(tmp_path):
    """A letter on one side only is excused when the document gives it its meaning around the
    line (a later line states it, or the chain's opening definition brings it in); a new letter
    nothing states is a slip as before, and so is a first line."""
    path = tmp_path / "first.md"
    path.write_text("$$(a + b)^2 = a^2 + b^2$$\n\n$$\\frac{y}{2a} = \\frac{1}{a}$$\n")
    assert _verdicts(proofread(str(path)).checked) == [(1, "fails"), (3, "fails")]


def test_a_bold_face_over_a_word_stays_an_operator():
    r"""``\mathbf{tr}`` is the trace, not the product t·r (unwrapped, seed 001's trace lines
    read as a product of two new letters); a bold face over an expression is unwrapped."""
    from derive.proofread.normalize import normalize

    assert (
        normalize(r"\mathbf{tr} [\Sigma_1^{-1} \Sigma_2]")
        == r"\mathbf{tr} [\Sigma_1^{-1} \Sigma_2]"
    )
    assert (
        normalize(r"x + \boldsymbol{\epsilon_\theta(x_t, t)}") == r"x + {\epsilon_\theta(x_t, t)}"
    )


def test_the_named_mean_with_its_own_arguments_declared_vectors(tmp_path):
    r"""μ̃_t(x_t, x_0) with x_t, x_0 declared vectors is the named result still (its arguments
    are its own); only other arguments (x_t, ε) make it another expression."""
    path = tmp_path / "mean.md"
    line = (
        "$$\\tilde{\\mu}_t(x_t, x_0) = \\frac{\\sqrt{\\bar{\\alpha}_{t-1}}\\beta_t}"
        "{1-\\bar{\\alpha}_t}x_0 + \\frac{\\sqrt{\\alpha_t}(1-\\bar{\\alpha}_{t-1})}"
        "{1-\\bar{\\alpha}_t}x_t$$\n"
    )
    path.write_text("---\nnotation: ddpm\nvectors: [x_0, x_t]\n---\n" + line)
    assert [c.verdict for c in proofread(str(path)).checked] == ["holds"]
