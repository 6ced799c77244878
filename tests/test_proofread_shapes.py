"""A line whose shapes do not match is a slip only when the document's context declares every
shape in it (seed 001's trace lines, §1.2.1(a)); with shapes inferred from the letters it is
undecided, and a transpose is never taken for a function applied to an argument."""

from __future__ import annotations

import pytest

from derive.proofread.check import check_links
from derive.proofread.context import Context
from derive.proofread.misread import applied_letters
from derive.proofread.model import Checked, Link
from derive.proofread.shapes import letters, undeclared, vector_givens

DECLARED = Context(symmetric=(r"\Sigma_1",), vectors=("x", r"\mu_1"), dimension="d")
INFERRED = Context(symmetric=(r"\Sigma_1",))
QUADRATIC = r"\mathbf{tr} [(x - \mu_1)^T \Sigma_1^{-1} (x - \mu_1)]"
SUM = r"x^T x + \mu_1^T \mu_1"
LINKS = [  # (left, right, the truth: a careful reader's, with x and μ₁ column vectors)
    (QUADRATIC, r"\mathbf{tr} [\Sigma_1^{-1} (x - \mu_1)^T (x - \mu_1)]", "fails"),
    (QUADRATIC, r"\mathbf{tr} [\Sigma_1^{-1} (x - \mu_1) (x - \mu_1)^T]", "holds"),
    (r"(x - \mu_1)^T (x - \mu_1)", r"x^T x - 2 x \mu_1 + \mu_1^T \mu_1", "fails"),
    (r"(x - \mu_1)^T (x - \mu_1)", r"x^T x - 2 x^T \mu_1 + \mu_1^T \mu_1", "holds"),
]


@pytest.fixture(scope="module")
def decided():
    found = [Link(i + 1, "=", lhs, rhs, chain=i) for i, (lhs, rhs, _) in enumerate(LINKS)]
    return {
        "declared": check_links(found, DECLARED, 60.0),
        "inferred": check_links(found, INFERRED, 60.0),
    }


@pytest.mark.parametrize("index", range(len(LINKS)))
def test_with_the_shapes_declared_each_line_gets_the_readers_verdict(decided, index):
    checked = decided["declared"][index]
    assert checked.verdict == LINKS[index][2], checked
    if checked.verdict == "fails":
        assert "not well-formed" in checked.reason and "context declares" in checked.reason
        assert r"x \in \mathbb{R}^n" in checked.givens


def test_with_the_shapes_inferred_an_ill_formed_line_is_not_a_slip(decided):
    cyclic = decided["inferred"][0]
    assert cyclic.verdict == "undecided"
    assert "not declared" in cyclic.reason and "x" in cyclic.reason
    assert [c.verdict for c in decided["inferred"][1::2]] == ["holds", "holds"]


def test_a_letter_without_a_declared_shape_is_named():
    assert undeclared(QUADRATIC + " = c", DECLARED) == ["c"]
    assert undeclared(QUADRATIC + r" = \delta", DECLARED, {r"\delta": r"\delta = x - \mu_1"}) == []
    assert undeclared(r"\mathbb{E}_P[x^T x] = n", DECLARED, laws={"P"}) == []


def test_operators_and_transposes_are_not_letters():
    assert letters(r"\mathbf{tr}[(x - \mu)^{T} \Sigma^{-1}] + \mathbb{E}[y^\top]") == {
        "x",
        "\\mu",
        "\\Sigma",
        "y",
    }


def test_only_the_vectors_a_line_uses_are_declared_for_it():
    assert vector_givens(r"x^T x = 1", DECLARED) == (r"x \in \mathbb{R}^n",)


@pytest.mark.parametrize(
    "claim, applied",
    [
        (r"\Sigma_1^{-1} (x - \mu_1)^T (x - \mu_1)", set()),
        (r"(x - \mu)^{T} (x - \mu)", set()),
        (r"P_1(x) (x - \mu)^T", {"P_1"}),
    ],
)
def test_a_transpose_is_not_a_function_applied_to_its_argument(claim, applied):
    assert applied_letters(claim) == applied


def test_a_line_read_only_with_the_declared_vectors_is_used_only_to_show_bad_shapes():
    """Seed 001's line 62 compares an expression with a template whose Σ and μ the next lines
    solve for; read with x declared a vector it would fail on its values, so it stays unread."""
    context = Context(symmetric=(r"\Sigma_1", r"\Sigma_2"), vectors=("x", r"\mu", r"\mu_1"))
    lhs = r"x^T (\Sigma_1^{-1} + \Sigma_2^{-1}) x - 2 x^T (\Sigma_1^{-1} \mu_1)"
    template = Link(1, "=", lhs, r"x^T \Sigma^{-1} x - 2 x^T \Sigma^{-1} \mu", chain=0)
    assert [c.verdict for c in check_links([template], context, 60.0)] == ["not read"]


def test_a_chain_is_bridged_from_the_last_line_that_fails_on_its_values():
    """Seed 001 §1.2.1(a): after the ½ dropped (a failure with a counterexample), lines whose
    shapes do not match, then unread lines, then a wrong last line. The chain after the value
    failure, as a whole, still shows the last slip; an ill-formed line is not a place to start."""
    ill = r"\mathbf{tr} [\Sigma_1^{-1} (x - \mu_1)^T (x - \mu_1)]"
    found = [  # the first line drops the cross terms: it fails on its values
        Link(1, "=", r"(x - \mu_1)^T (x - \mu_1)", SUM, chain=0),
        Link(2, "=", SUM, ill, chain=0),
        Link(3, "=", ill, r"\int_0^1 q \, dx", chain=0),
        Link(4, "=", r"\int_0^1 q \, dx", SUM + " + 1", chain=0),
    ]
    checked = check_links(found, DECLARED, 60.0)
    assert [c.verdict for c in checked] == ["fails", "fails", "not read", "not read", "fails"]
    whole = checked[-1]
    assert whole.link.bridge and (whole.link.lhs, whole.link.rhs) == (SUM, SUM + " + 1")
    assert "after the failing line 1" in whole.reason and "counterexample" in whole.reason


CYCLIC = r"\mathbf{tr} [\Sigma_1^{-1} (x - \mu_1)^T (x - \mu_1)]"
EXPANSIONS = [  # a right side after CYCLIC, and whether it is well-formed on its own
    (r"\mathbf{tr} [\Sigma_1^{-1} [xx^T - 2x\mu_1 + \mu_1^T \mu_1]]", False),  # seed 001's 280
    (r"\mathbf{tr} [\Sigma_1^{-1} [xx^T - x\mu_1^T - \mu_1 x^T + \mu_1 \mu_1^T]]", True),
]


def _well_formed(expansion: int) -> bool:
    """The truth, from SymPy's matrix algebra directly: x, μ₁ column vectors of size 3 (a
    size at which the shapes of the products are known), Σ₁ square."""
    from sympy import MatrixSymbol, trace
    from sympy.matrices.common import ShapeError

    n = 3
    x, mu, sigma = MatrixSymbol("x", n, 1), MatrixSymbol("mu", n, 1), MatrixSymbol("S", n, n)
    try:
        if expansion == 0:
            trace(sigma.I * (x * x.T - 2 * x * mu + mu.T * mu))
        else:
            trace(sigma.I * (x * x.T - x * mu.T - mu * x.T + mu * mu.T))
    except ShapeError:
        return False
    return True


@pytest.mark.parametrize("index", range(len(EXPANSIONS)))
def test_a_right_side_is_read_alone_when_its_left_side_carries_the_line_befores_slip(index):
    """Seed 001's line 280 fails on the product its left side carries from line 279 (reported
    there); its own expansion of (x − μ₁)ᵀ(x − μ₁) multiplies two column vectors, a second
    slip that is reported on its own, and a right side that is well-formed adds nothing."""
    right, truth = EXPANSIONS[index]
    assert _well_formed(index) is truth
    found = [Link(1, "=", QUADRATIC, CYCLIC, chain=0), Link(2, "=", CYCLIC, right, chain=0)]
    checked = check_links(found, DECLARED, 60.0)
    assert [c.verdict for c in checked[:2]] == ["fails", "fails"]
    assert all("(x - μ₁)ᵀ (1×n)" in c.reason for c in checked[:2])  # the product of line 1
    alone = [c for c in checked if c.link.alone]
    if truth:
        assert alone == [] and len(checked) == 2
    else:
        (side,) = alone
        assert side.verdict == "fails" and side.link.lhs == right and side.link.claim == right
        assert "x (n×1) times μ₁ (n×1)" in side.reason and "on its own" in side.reason


def test_a_right_side_with_the_left_sides_slip_only_adds_nothing():
    same = r"\mathbf{tr} [\Sigma_1^{-1} (x - \mu_1)^T x]"
    found = [Link(1, "=", QUADRATIC, CYCLIC, chain=0), Link(2, "=", CYCLIC, same, chain=0)]
    checked = check_links(found, DECLARED, 60.0)
    assert [c.verdict for c in checked] == ["fails", "fails"]


def test_a_right_side_alone_is_reported_apart_from_the_links():
    import json

    from derive.proofread.report import render, summary

    link = Link(2, "=", CYCLIC, EXPANSIONS[0][0], chain=0)
    side = Link(2, "", EXPANSIONS[0][0], "", chain=0, alone=True)
    checked = [Checked(link, "fails", reason="not well-formed: a"), Checked(side, "fails")]
    counts = summary(checked)
    assert (counts["links"], counts["fails"], counts["right sides failing alone"]) == (1, 1, 1)
    assert side.claim == EXPANSIONS[0][0] and link.claim.count("=") == 1
    assert "(on its own)" in render([("f.md", checked)], "md")
    assert "1 right side is not well-formed on its own" in render([("f.md", checked)], "txt")
    rows = json.loads(render([("f.md", checked)], "json"))["files"][0]["links"]
    assert [row.get("alone", False) for row in rows] == [False, True]
