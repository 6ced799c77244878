"""The checker decides each relation, refutes with a counterexample, and never hangs."""

from __future__ import annotations

import pytest
from sympy import cos, exp, expand, log, sqrt, symbols

from derive.core import EQ, Assumed, CheckContext, Rule, Step, check_step, proportional
from derive.core.sampling import sample_points
from derive.gaussian import KL, Density, Expectation, Normal

a, b = symbols("a b", positive=True)
x, y, mu = symbols("x y mu", real=True)
s = symbols("s", positive=True)
RULE = Rule("test")


def test_true_equation_is_verified_symbolically():
    verdict = check_step((a + b) ** 2, Step(EQ, a**2 + 2 * a * b + b**2, RULE))
    assert verdict.status == "verified"
    assert verdict.is_proof and verdict.method.startswith("symbolic")


def test_false_equation_is_refuted_with_a_counterexample():
    verdict = check_step((a + b) ** 2, Step(EQ, a**2 + b**2, RULE))
    assert verdict.status == "refuted"
    example = verdict.counterexample
    point = dict(example.values)
    assert set(point) == {a, b} and all(v > 0 for v in point.values())
    # The counterexample is a real one: evaluating both sides there disagrees.
    assert ((a + b) ** 2).subs(point) != (a**2 + b**2).subs(point)
    assert abs(example.lhs - ((a + b) ** 2).subs(point)) < 1e-30


def test_logs_need_the_positivity_assumption_and_use_it():
    verdict = check_step(log(a * b), Step(EQ, log(a) + log(b), RULE))
    assert verdict.status == "verified"
    # Without it the rule is false (a = b = −1: log 1 = 0, log(−1) + log(−1) = 2iπ).
    p, q = symbols("p q", real=True)
    assert check_step(log(p * q), Step(EQ, log(p) + log(q), RULE)).status != "verified"


def test_expectations_are_evaluated_by_gaussian_integrals():
    second_moment = Expectation((x - 1) ** 2, x, Normal(mu, s**2))
    good = check_step(second_moment, Step(EQ, s**2 + (mu - 1) ** 2, RULE))
    bad = check_step(second_moment, Step(EQ, s**2 + (mu + 1) ** 2, RULE))
    assert good.status == "verified" and "Gaussian integrals" in good.method
    assert bad.status == "refuted"


def test_an_expectation_without_closed_form_is_checked_numerically_and_labelled_so():
    verdict = check_step(Expectation(cos(x), x, Normal(0, s**2)), Step(EQ, exp(-(s**2) / 2), RULE))
    assert verdict.status == "verified"
    assert verdict.strength == "numeric" and not verdict.is_proof
    wrong = check_step(Expectation(cos(x), x, Normal(0, s**2)), Step(EQ, exp(-(s**2)), RULE))
    assert wrong.status == "refuted"


def test_kl_is_unfolded_by_its_definition():
    P, Q = Normal(mu, 1, "P"), Normal(0, 1, "Q")
    assert check_step(KL(P, Q), Step(EQ, mu**2 / 2, RULE)).status == "verified"
    assert check_step(KL(P, Q), Step(EQ, mu**2, RULE)).status == "refuted"


def test_proportionality_in_a_variable():
    density = Density(Normal(mu, s**2), x)
    kernel = exp(-((x - mu) ** 2) / (2 * s**2))
    verified = check_step(density, Step(proportional(x), kernel, RULE))
    assert verified.status == "verified"
    # Proportional in x, but not in mu: the normalising constant does not involve mu, the
    # kernel does.
    wrong = check_step(density, Step(proportional(x), exp(-(x**2) / (2 * s**2)), RULE))
    assert wrong.status == "refuted"
    assert wrong.counterexample.lhs2 is not None


def test_assumed_steps_are_unverified_with_their_reason():
    verdict = check_step(a, Step(EQ, a, Assumed("taken from the literature")))
    assert verdict.status == "unverified"
    assert "taken from the literature" in verdict.reason


def test_running_out_of_time_is_unverified_not_a_hang():
    # A true step whose proof takes seconds (a false one may be refuted at the first point,
    # before a CPU-time signal, which comes at the next scheduler tick, arrives).
    hard = (a + b + 1) ** 40
    verdict = check_step(hard, Step(EQ, expand(hard), RULE), CheckContext(timeout=1e-4))
    assert verdict.status == "unverified"
    assert "time bound" in verdict.reason


@pytest.mark.parametrize("seed", [0, 1, 2, 99])
def test_sample_points_respect_ranges_and_assumptions(seed):
    beta = symbols("beta", positive=True)
    n = symbols("n", integer=True, positive=True)
    for point in sample_points([beta, n, x], {beta: (0, 1)}, seed):
        assert 0 < point[beta] < 1
        assert point[n].is_integer and point[n] > 0
        assert point[x].is_rational


def test_points_are_deterministic():
    assert sample_points([a, x], {}, 7) == sample_points([a, x], {}, 7)


def test_tiny_values_are_compared_relatively_not_as_zero():
    # Both sides underflow any fixed absolute tolerance at most sample points; they still differ.
    t = symbols("t", real=True)
    verdict = check_step(exp(-(s**2) * t**2 * 400), Step(EQ, exp(-(s**2) * t**2 * 800), RULE))
    assert verdict.status == "refuted"


def test_square_roots_use_the_ranges_and_only_them():
    """√(b²) = b needs b > 0: proved where b's range is (0, 1), not without a range; a product
    of factors in (0, 1) is in (0, 1) only if it has a factor (t ≥ 2 for ∏_{s<t})."""
    from sympy import IndexedBase, Product, Symbol

    from derive.core.symbolic import _positive, equal

    b = Symbol("b", real=True)
    assert equal(sqrt(b**2) * exp(b), b * exp(b), {b: (0, 1)})
    assert not equal(sqrt(b**2) * exp(b), b * exp(b), {})
    beta, (s, t) = IndexedBase("beta"), symbols("s t", integer=True)
    cumulative = Product(1 - beta[s], (s, 1, t - 1))
    changed, _ = _positive(cumulative, cumulative, {beta: (0, 1), t: (2, 8)})
    assert not changed.has(Product) and changed.is_positive and (1 - changed).is_positive
    maybe_empty, _ = _positive(cumulative, cumulative, {beta: (0, 1), t: (1, 8)})
    assert maybe_empty.has(Product)


def test_products_are_compared_at_a_common_last_index():
    """ᾱ_t = α_t ᾱ_{t−1}: a product up to t is the product up to t − 1 times its last factor."""
    from sympy import IndexedBase, Product

    from derive.core.symbolic import equal

    alpha, (s, t) = IndexedBase("alpha", positive=True), symbols("s t", integer=True)
    up_to = lambda k: Product(alpha[s], (s, 1, k))  # noqa: E731
    assert equal(up_to(t) / (1 - up_to(t)), alpha[t] * up_to(t - 1) / (1 - alpha[t] * up_to(t - 1)))
    assert not equal(up_to(t), up_to(t - 1))


def test_matrices_of_symbolic_size_with_no_matrix_symbol_are_compared_as_matrices():
    """0ₙ = 0ₙ and Iₙ = Iₙ are decided at sizes (they reached the comparison of numbers, which
    raised on them: 'no method'); a zero vector against a nonzero one is refuted."""
    from sympy import Identity, MatrixSymbol, Symbol, ZeroMatrix

    n = Symbol("n", integer=True, positive=True)
    assert check_step(ZeroMatrix(n, 1), Step(EQ, ZeroMatrix(n, 1), RULE)).status == "verified"
    assert check_step(Identity(n), Step(EQ, Identity(n), RULE)).status == "verified"
    m = MatrixSymbol("m", n, 1)
    assert check_step(ZeroMatrix(n, 1), Step(EQ, m, RULE)).status == "refuted"


def test_a_one_by_one_matrix_is_compared_with_a_number_as_its_entry():
    """exp applied to a 1-vector is a 1×1 matrix: compared with a number as its entry (a
    ZeroDivisionError there became 'no method'); a true and a false equation."""
    from sympy import ImmutableMatrix

    one = ImmutableMatrix([[exp(x)]])
    assert check_step(one, Step(EQ, exp(x), RULE)).status == "verified"
    assert check_step(one, Step(EQ, exp(x) + 1, RULE)).status == "refuted"


def test_a_number_built_of_constant_matrices_of_symbolic_size_is_checked_at_sizes():
    """det(s Iₙ) = sⁿ and tr(c Iₙ) = c n hold no matrix symbol: they were sampled as numbers,
    n at a float (a ValueError making Iₙ: seed 001's |Σ₂| = (σ_t²)ⁿ was an internal error)."""
    from sympy import Determinant, Identity, Symbol, Trace

    n = Symbol("n", integer=True, positive=True)
    det = Determinant(s * Identity(n))
    assert check_step(det, Step(EQ, s**n, RULE)).status == "verified"
    assert check_step(det, Step(EQ, s ** (n + 1), RULE)).status == "refuted"
    trace = Trace(a * Identity(n))
    assert check_step(trace, Step(EQ, a * n, RULE)).status == "verified"
    assert check_step(trace, Step(EQ, a, RULE)).status == "refuted"


def test_a_matrix_symbol_defined_as_a_number_takes_its_transpose_and_inverse_along():
    """A = √(1 − β) (seed 001 §1.1.3) made Aᵀ a transpose of a number, on which SymPy raised
    AttributeError: an internal error where the line holds."""
    from sympy import Inverse, MatrixSymbol, Symbol, Transpose

    from derive.core.checker import substitute

    n = Symbol("n", integer=True, positive=True)
    A, v = MatrixSymbol("A", n, n), MatrixSymbol("v", n, 1)
    done = substitute(Transpose(A) * Inverse(A) * v, {A: sqrt(1 - a)})
    assert not done.has(Transpose, Inverse) and done.doit() == v


def test_a_matrix_size_is_as_strong_as_its_weakest_entry(monkeypatch):
    """A size was labelled by its last entry's verdict: with one entry only confirmed
    numerically and the last one proved, the step read as shown exactly at that size."""
    from sympy import MatrixSymbol, Symbol

    from derive.core import checker, matrices
    from derive.core.verdict import Strength, Verdict

    n = Symbol("n", integer=True, positive=True)
    a = MatrixSymbol("A", n, n)
    first = []

    def entry(left, symbol, right, context, var=None):
        first.append(left)
        if len(first) == 1 and first[0] != "one":  # a larger size's first entry: evidence only
            return Verdict.numeric("equal at 6 random points", points=6, digits=15)
        return Verdict.proof("symbolic")

    monkeypatch.setattr(checker, "check_relation", entry)
    monkeypatch.setattr(matrices, "_pairs", lambda left, right: _counted(first, left, right))
    verdict = matrices.check_matrix_step(a + a, "=", 2 * a, CheckContext())
    assert verdict.verified and verdict.strength is Strength.NUMERIC


def _counted(first, left, right):
    from sympy import MatrixBase

    first.clear()  # each size starts again: its first entry is the numeric one, but at n = 1
    pairs = list(zip(left, right, strict=True)) if isinstance(left, MatrixBase) else [(left, right)]
    if len(pairs) == 1:
        first.append("one")
    return pairs
