r"""Gradients with respect to a vector or a matrix that matrix calculus does not read (Matrix
Cookbook §2: ∂ of a norm, a trace, a determinant, bᵀXᵀXc), taken entry by entry at explicit
sizes. Each case's truth is established here by central finite differences with numpy at a
random point (independent of derive), and derive must agree: a true gradient holds (at sizes,
or numerically), a slip fails."""

from __future__ import annotations

import numpy as np
import pytest

from derive.claims import decide

MATRICES = r"\mathbf{X}, \mathbf{A}, \mathbf{B} \in \mathbb{R}^{n \times n}"
VECTORS = r"\mathbf{x}, \mathbf{a}, \mathbf{b}, \mathbf{c} \in \mathbb{R}^n"

# (claim, givens, f, claimed gradient, variable: "x" or "X"); n = 3 in the numeric truth
CASES = {
    "two-norm (MC 129)": (
        r"\nabla_{\mathbf{x}} \|\mathbf{x} - \mathbf{a}\|_2"
        r" = \frac{\mathbf{x} - \mathbf{a}}{\|\mathbf{x} - \mathbf{a}\|_2}",
        (VECTORS,),
        lambda v, m: np.linalg.norm(v["x"] - v["a"]),
        lambda v, m: (v["x"] - v["a"]) / np.linalg.norm(v["x"] - v["a"]),
        "x",
    ),
    "two-norm, squared denominator": (
        r"\nabla_{\mathbf{x}} \|\mathbf{x} - \mathbf{a}\|_2"
        r" = \frac{\mathbf{x} - \mathbf{a}}{\|\mathbf{x} - \mathbf{a}\|_2^2}",
        (VECTORS,),
        lambda v, m: np.linalg.norm(v["x"] - v["a"]),
        lambda v, m: (v["x"] - v["a"]) / np.linalg.norm(v["x"] - v["a"]) ** 2,
        "x",
    ),
    "trace XB (MC 100)": (
        r"\nabla_{\mathbf{X}} \operatorname{tr}(\mathbf{X}\mathbf{B}) = \mathbf{B}^{T}",
        (MATRICES,),
        lambda v, m: np.trace(m["X"] @ m["B"]),
        lambda v, m: m["B"].T,
        "X",
    ),
    "trace XB, transpose lost": (
        r"\nabla_{\mathbf{X}} \operatorname{tr}(\mathbf{X}\mathbf{B}) = \mathbf{B}",
        (MATRICES,),
        lambda v, m: np.trace(m["X"] @ m["B"]),
        lambda v, m: m["B"],
        "X",
    ),
    "trace XᵀBX (MC 117)": (
        r"\nabla_{\mathbf{X}} \operatorname{tr}(\mathbf{X}^{T}\mathbf{B}\mathbf{X})"
        r" = \mathbf{B}\mathbf{X} + \mathbf{B}^{T}\mathbf{X}",
        (MATRICES,),
        lambda v, m: np.trace(m["X"].T @ m["B"] @ m["X"]),
        lambda v, m: m["B"] @ m["X"] + m["B"].T @ m["X"],
        "X",
    ),
    "trace XᵀBX, B assumed symmetric": (
        r"\nabla_{\mathbf{X}} \operatorname{tr}(\mathbf{X}^{T}\mathbf{B}\mathbf{X})"
        r" = 2\mathbf{B}\mathbf{X}",
        (MATRICES,),
        lambda v, m: np.trace(m["X"].T @ m["B"] @ m["X"]),
        lambda v, m: 2 * m["B"] @ m["X"],
        "X",
    ),
    "det X (MC 49)": (
        r"\nabla_{\mathbf{X}} \det(\mathbf{X}) = \det(\mathbf{X})\mathbf{X}^{-T}",
        (MATRICES,),
        lambda v, m: np.linalg.det(m["X"]),
        lambda v, m: np.linalg.det(m["X"]) * np.linalg.inv(m["X"]).T,
        "X",
    ),
    "det X, inverse not transposed": (
        r"\nabla_{\mathbf{X}} \det(\mathbf{X}) = \det(\mathbf{X})\mathbf{X}^{-1}",
        (MATRICES,),
        lambda v, m: np.linalg.det(m["X"]),
        lambda v, m: np.linalg.det(m["X"]) * np.linalg.inv(m["X"]),
        "X",
    ),
    "bᵀXᵀXc (MC 77)": (
        r"\nabla_{\mathbf{X}} \mathbf{b}^{T}\mathbf{X}^{T}\mathbf{X}\mathbf{c}"
        r" = \mathbf{X}(\mathbf{b}\mathbf{c}^{T} + \mathbf{c}\mathbf{b}^{T})",
        (MATRICES, VECTORS),
        lambda v, m: v["b"] @ m["X"].T @ m["X"] @ v["c"],
        lambda v, m: m["X"] @ (np.outer(v["b"], v["c"]) + np.outer(v["c"], v["b"])),
        "X",
    ),
    "bᵀXᵀXc, one term": (
        r"\nabla_{\mathbf{X}} \mathbf{b}^{T}\mathbf{X}^{T}\mathbf{X}\mathbf{c}"
        r" = \mathbf{X}\mathbf{b}\mathbf{c}^{T}",
        (MATRICES, VECTORS),
        lambda v, m: v["b"] @ m["X"].T @ m["X"] @ v["c"],
        lambda v, m: m["X"] @ np.outer(v["b"], v["c"]),
        "X",
    ),
}
TRUE = {
    "two-norm (MC 129)",
    "trace XB (MC 100)",
    "trace XᵀBX (MC 117)",
    "det X (MC 49)",
    "bᵀXᵀXc (MC 77)",
}


def _numeric_truth(case) -> bool:
    """Whether the claimed gradient equals central finite differences at a random point."""
    _, _, f, claimed, variable = CASES[case]
    rng = np.random.default_rng(7)
    vectors = {k: rng.normal(size=3) for k in "xabc"}
    matrices = {k: rng.normal(size=(3, 3)) + 3 * np.eye(3) for k in "XAB"}
    target = vectors if variable == "x" else matrices
    value = target[variable]
    numeric = np.zeros_like(value)
    step = 1e-6
    for index in np.ndindex(value.shape):
        up, down = value.copy(), value.copy()
        up[index] += step
        down[index] -= step
        target[variable] = up
        high = f(vectors, matrices)
        target[variable] = down
        low = f(vectors, matrices)
        numeric[index] = (high - low) / (2 * step)
    target[variable] = value
    return bool(np.allclose(numeric, claimed(vectors, matrices), atol=1e-5))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_numeric_truth_is_as_listed(case):
    assert _numeric_truth(case) == (case in TRUE)


@pytest.mark.parametrize("case", sorted(CASES))
def test_derive_decides_the_gradient_right(case):
    claim, given, *_ = CASES[case]
    decision = decide(claim, given)
    if case in TRUE:
        assert decision.kind.startswith("holds"), decision.verdict
        assert decision.kind != "holds", "entry by entry at sizes is never a proof for every n"
    else:
        assert decision.kind == "fails", decision.verdict


def test_a_jacobian_is_not_read():
    from derive.errors import UsageError

    with pytest.raises(UsageError, match="Jacobian"):
        decide(r"\nabla_{\mathbf{x}} (\mathbf{A}\mathbf{x}) = \mathbf{A}", (MATRICES, VECTORS))
