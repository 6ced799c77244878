"""Attacks on the kernel itself (below the claim language): no false step is verified, evidence
is never labelled proof, and the verdict types carry what was decided.

Each attack is a step a hostile author could write in a derivation script. The expected
outcome is stated independently of the checker: the identities are textbook facts, the false
ones fail at a point written in the comment.
"""

from __future__ import annotations

import re

import pytest
from sympy import (
    Eq,
    Function,
    I,
    Integer,
    Integral,
    Rational,
    Sum,
    Symbol,
    cos,
    exp,
    log,
    oo,
    pi,
    sin,
    sqrt,
    symbols,
)

from derive.core import EQ, SIM, CheckContext, Derivation, Rule, Source, Step, check_step, verify
from derive.core.checker import check_equal
from derive.core.compare import compare_values
from derive.core.divergence import divergent_integral
from derive.core.sampling import sample_points
from derive.core.verdict import (
    Status,
    Strength,
    Verdict,
    describe,
    from_record,
    to_record,
    weakest,
)
from derive.gaussian import Law, Normal, RandomVariable
from derive.gaussian.laws import negative_variance

x, y, z = symbols("x y z", real=True)
a, b = symbols("a b", real=True)
p, q = symbols("p q", positive=True)
n = Symbol("n", integer=True, positive=True)
k = Symbol("k", integer=True)
f, g = Function("f"), Function("g")
TINY = Rational(1, 10**60)

FALSE = [
    # exact numbers that differ by very little
    (1 + TINY, Integer(1)),
    (Integer(2) ** 10**4, Integer(2) ** 10**4 + 1),
    (sqrt(2) + Rational(1, 10**150), sqrt(2)),
    (exp(Rational(1, 10**45)), Integer(1)),
    (pi, Rational(355, 113)),
    (log(2), Rational(6931471805599453, 10**16)),
    (x + TINY, x),
    (exp(x) * exp(y) + TINY, exp(x + y)),
    (cos(x) ** 2 + sin(x) ** 2 + TINY, Integer(1)),
    (exp(TINY * x), Integer(1)),
    # identities a lattice of small denominators would confirm
    (exp(720720 * pi * I * x), Integer(1)),
    ((-1) ** (720720 * x), Integer(1)),
    (cos(2 * pi * 720720 * x), Integer(1)),
    (sin(pi * 720720 * p), Integer(0)),
    ((-1) ** (194 * p), Integer(1)),
    # identities true on the positive orthant only
    (sqrt(x) * sqrt(y), sqrt(x * y)),
    (sqrt(x**2), x),
    (log(x * y), log(x) + log(y)),
    (log(x**2), 2 * log(x)),
    (abs(x + y), abs(x) + abs(y)),
    (sqrt(x) ** 2, abs(x)),
    ((x * y) ** a, x**a * y**a),
    (x ** Rational(1, 3) * y ** Rational(1, 3), (x * y) ** Rational(1, 3)),
    (log(x / y), log(x) - log(y)),
    # plain slips
    ((x + y) ** 2, x**2 + y**2),
    (Sum(k, (k, 1, n)), n * (n - 1) / 2),
    (Sum(k**2, (k, 1, n)), n * (n + 1) * (2 * n + 1) / 3),
    ((n - 1) * (n - 2) * (n - 3) * (n - 4) * (n - 5) * (n - 6), Integer(0)),
    ((n - 1) * (n - 2) * (n - 3) * (n - 4) * (n - 5) * (n - 6) * (n - 7) * (n - 8), Integer(0)),
    # unknown functions: false for some function
    (f(x + y), f(x) + f(y)),
    (f(x * y), f(x) * f(y)),
    (f(2 * x), 2 * f(x)),
    (f(x) ** 2, f(x**2)),
    (f(g(x)), g(f(x))),
    (f(x, y), f(y, x)),
    (f(-x), f(x)),
    (f(x) + f(-x), Integer(0)),
]

TRUE_PROVED = [
    ((x + y) ** 2, x**2 + 2 * x * y + y**2),
    (sqrt(p) * sqrt(q), sqrt(p * q)),
    (log(p * q), log(p) + log(q)),
    (Sum(k, (k, 1, n)), n * (n + 1) / 2),
    (Sum(k**2, (k, 1, n)), n * (n + 1) * (2 * n + 1) / 6),
    (cos(x) ** 2 + sin(x) ** 2, Integer(1)),
    (exp(x) * exp(y), exp(x + y)),
    (f(x) + f(y), f(y) + f(x)),
    (f(x * (1 + y)), f(x + x * y)),
    (sqrt(2) * sqrt(3), sqrt(6)),
    (Rational(1, 3) + Rational(1, 6), Rational(1, 2)),
    (Integer(2) ** 100, Integer(1267650600228229401496703205376)),
    (sqrt(x**2), abs(x)),
]


@pytest.mark.parametrize("lhs, rhs", FALSE, ids=[f"false-{i}" for i in range(len(FALSE))])
def test_a_false_identity_is_never_verified(lhs, rhs):
    verdict = check_equal(lhs, rhs, CheckContext())
    assert verdict.status != Status.VERIFIED, describe(verdict)


@pytest.mark.parametrize("lhs, rhs", FALSE[:30], ids=[f"refuted-{i}" for i in range(30)])
def test_a_false_identity_without_unknown_functions_is_refuted_inside_its_domain(lhs, rhs):
    verdict = check_equal(lhs, rhs, CheckContext())
    assert verdict.status == Status.REFUTED, describe(verdict)
    for symbol, value in verdict.counterexample.values:
        if getattr(symbol, "is_positive", False):
            assert value > 0
        if getattr(symbol, "is_integer", False):
            assert value.is_integer


@pytest.mark.parametrize("lhs, rhs", FALSE[30:], ids=[f"function-{i}" for i in range(7)])
def test_a_false_identity_of_an_unknown_function_names_the_function_that_refutes_it(lhs, rhs):
    verdict = check_equal(lhs, rhs, CheckContext())
    assert verdict.status == Status.REFUTED
    assert "f(" in verdict.method or "g(" in verdict.method


@pytest.mark.parametrize(
    "lhs, rhs", TRUE_PROVED, ids=[f"true-{i}" for i in range(len(TRUE_PROVED))]
)
def test_a_true_identity_is_proved(lhs, rhs):
    verdict = check_equal(lhs, rhs, CheckContext())
    assert verdict.status == Status.VERIFIED and verdict.strength == Strength.PROOF, describe(
        verdict
    )


def test_an_identity_of_an_arbitrary_function_is_not_proved_by_instances():
    # f(x)·f(y) = f(x + y) holds for f = exp, so trying exp alone would "prove" it.
    verdict = check_equal(f(x) * f(y), f(x + y), CheckContext())
    assert verdict.status == Status.REFUTED  # the polynomial or the sine refutes it
    # Agreement for every candidate proves nothing: f(x) = f(x)·1 stays proved symbolically,
    # but an identity only the candidates satisfy is never verified.
    periodic = check_equal(f(x + 2 * pi), f(x), CheckContext())
    assert periodic.status != Status.VERIFIED


def test_numeric_agreement_is_numeric_evidence_with_points_and_digits():
    from derive.gaussian import Expectation

    s = Symbol("s", positive=True)
    verdict = check_equal(Expectation(cos(x), x, Normal(0, s**2)), exp(-(s**2) / 2), CheckContext())
    assert verdict.strength == Strength.NUMERIC and not verdict.is_proof
    assert verdict.points >= 12 and verdict.digits > 0
    assert "numeric evidence" in describe(verdict)


def test_points_cover_every_sign_pattern_and_have_large_denominators():
    points = sample_points([x, y, z], {}, seed=11, count=12)
    patterns = {tuple(pt[s] > 0 for s in (x, y, z)) for pt in points}
    assert len(patterns) == 8
    assert all(pt[s].q > 1000 for pt in points for s in (x, y, z))
    assert sample_points([x], {}, seed=5) == sample_points([x], {}, seed=5)  # deterministic


def test_two_laws_with_equal_moments_are_not_equal():
    verdict = check_equal(Normal(0, 1), Law(0, 1, "p"), CheckContext())
    assert verdict.status != Status.VERIFIED
    assert check_equal(Normal(0, 1), Law(0, 2, "p"), CheckContext()).status == Status.REFUTED
    assert check_equal(Normal(x, 1), Normal(x, 1 + TINY), CheckContext()).status == Status.REFUTED


def test_a_rule_quoting_a_false_formula_fails_its_step():
    # log a − log b = log(a/b) is false for a = 1, b = −1; the step itself is true.
    bad = Rule("difference of logs", Eq(log(a) - log(b), log(a / b), evaluate=False))
    good = Rule("difference of logs", Eq(log(p) - log(q), log(p / q), evaluate=False))
    step = Step(EQ, log(p) - log(q), bad)
    verdict = check_step(log(p / q), step)
    assert verdict.status == Status.UNVERIFIED and "false formula" in verdict.reason
    assert check_step(log(p / q), Step(EQ, log(p) - log(q), good)).status == Status.VERIFIED
    free_pi = Rule("a constant", Eq(Symbol("pi") * 2, 2 * pi, evaluate=False))
    assert check_step(p, Step(EQ, p, free_pi)).status == Status.UNVERIFIED


def test_a_derivation_with_a_false_step_is_not_verified():
    d = Derivation("demo", "A demo", Source("notes", "§1"), start=sqrt(x) * sqrt(y))
    report = verify(d.eq(sqrt(x * y), Rule("product of roots")))
    assert not report.verified and report.verdicts[0].status == Status.REFUTED


def test_verdict_invariants():
    with pytest.raises(ValueError):
        Verdict(Status.VERIFIED, "no strength")
    with pytest.raises(ValueError):
        Verdict(Status.REFUTED, "a strength", strength=Strength.PROOF)
    sized = Verdict.at_sizes("m", sizes=(1, 2))
    numeric = Verdict.numeric("n", points=12, digits=50)
    combined = weakest([Verdict.proof("p"), sized, numeric])
    assert combined.strength == Strength.NUMERIC and combined.sizes == (1, 2)
    assert weakest([Verdict.proof("p"), sized]).strength == Strength.SIZES
    assert from_record(to_record(sized)) == sized
    assert from_record({"method": "forged"}) is None
    assert describe(sized).startswith("checked at n = 1, 2 only")


@pytest.mark.parametrize(
    "a_value, b_value, outcome, exact",
    [
        (1 + TINY, 1, "differ", True),
        (sqrt(8), 2 * sqrt(2), "agree", True),
        (log(6), log(2) + log(3), "agree", False),
        (exp(Rational(1, 3)) ** 3, exp(1), "agree", True),
        (pi + Rational(1, 10**300), pi, "differ", True),
    ],
)
def test_exact_comparison(a_value, b_value, outcome, exact):
    comparison = compare_values(a_value, b_value)
    assert (comparison.outcome, comparison.exact) == (outcome, exact)


# Integrals that do not exist: the integrand's modulus does not decay at an infinite end, so
# the integral has no value (quadrature would still return a number, meaningless).
s_pos = Symbol("s", positive=True)
DIVERGENT = [
    Integral(exp(I * x * y), (x, -oo, oo)),  # |e^{ixy}| = 1
    Integral(exp(x**2 / (2 * s_pos**2)), (x, -oo, oo)),  # grows at both ends
    Integral(exp(-(x**3)), (x, -oo, oo)),  # grows as x → −∞
    Integral((x**2 + 1) * exp(I * y), (x, 0, oo)),  # a polynomial times a constant
]
CONVERGENT = [
    Integral(exp(I * x * y - x**2 / (2 * s_pos**2)), (x, -oo, oo)),
    Integral(exp(-x), (x, 0, oo)),
    Integral(exp(-(x**3)), (x, 0, oo)),
    Integral(exp(-a * x**2), (x, -oo, oo)),  # the sign of a is not known: nothing certain
]


@pytest.mark.parametrize("integral", DIVERGENT, ids=str)
def test_a_step_with_a_divergent_integral_is_ill_formed(integral):
    verdict = check_step(Integer(1), Step(EQ, integral, Rule("an integral")), CheckContext())
    assert verdict.status == "ill-formed" and "diverges" in verdict.reason


@pytest.mark.parametrize("integral", CONVERGENT, ids=str)
def test_an_integral_that_may_converge_is_not_called_divergent(integral):
    assert divergent_integral(integral) is None


def test_a_law_with_a_negative_variance_is_refused():
    """X ~ N(0, −1 − p²): no normal law has a negative variance. Where the characteristic
    functions can be compared the step is refuted; where they cannot, the law is named
    ill-formed (the forward-marginal mutants of tests/test_mutation.py)."""
    X = RandomVariable("X")
    context = CheckContext(variables={X: Normal(0, 1)})
    verdict = check_step(X, Step(SIM, Normal(0, -1 - p**2), Rule("a law")), context)
    assert verdict.status == "refuted"
    ill = negative_variance(Normal(0, -1 - p**2), context)
    assert ill.status == "ill-formed" and "negative at p = " in ill.reason
    assert negative_variance(Normal(0, 1 + p**2), context) is None


# --- every example of issue #15's text, as a user types it (derive check) --------------------
# (claim, givens, notation, wrt, the outcomes that are right). A false claim fails or is
# undecided with a reason, never holds; a true one holds; an invalid input is a UsageError.
N01 = r"X \sim N(0,1)"
FAILS_OR_UNDECIDED = {"fails", "undecided"}
ISSUE_15 = [
    (r"1+10^{-60}=1", (), None, None, {"fails"}),
    (r"2^{10^4}=2^{10^4}+1", (), None, None, {"fails"}),
    (r"E[X^4]=3+10^{-45}", (N01,), None, None, {"fails"}),
    (r"2X \sim N(0, 4+10^{-50})", (N01,), None, None, {"fails"}),
    (r"e^{-x^2/2} \propto e^{-x^2/2+10^{-45}x}", (), None, "x", {"fails"}),
    # without --wrt: the one letter there is the variable; with two, the user must say which
    (r"e^{-x^2/2} \propto e^{-x^2/2+10^{-45}x}", (), None, None, {"fails"}),
    (r"e^{-a x^2/2} \propto e^{-x^2/2}", (), None, None, {"error"}),
    (r"e^{720720\pi i x}=1", (), None, None, {"fails"}),
    (r"(-1)^{720720x}=1", (), None, None, {"fails"}),  # at x = 1/720720, both sides real
    (r"(-1)^{194\beta_t}=1", (), None, None, {"fails"}),
    (r"(x^a)^b=x^{ab}", (), None, None, {"fails"}),  # x = −3, a = 2, b = 3/2: 27 against −27
    (r"(xy)^a=x^ay^a", (), None, None, FAILS_OR_UNDECIDED),
    (r"\sum_{i=1}^{3} i^2 = -3", (), None, None, {"fails"}),
    (r"\sum_{k=1}^{2} k = 2k", (), None, None, {"fails"}),
    (r"f(x+y)=f(x)+f(y)", (), None, None, {"fails"}),
    (r"(n-1)(n-2)(n-3)(n-4)(n-6)(n-8)\operatorname{tr}(A)=0", (), None, None, {"fails"}),
    (r"\sqrt{a^2}=a", (r"X \sim N(0, a^2)",), None, None, {"fails"}),
    (r"\Sigma_{ab}=\Sigma_{ab}^T", (), None, None, {"fails"}),
    (r"D_{KL}(\mathcal{N}(\mu_1,-\Sigma)\|\mathcal{N}(\mu_2,-\Sigma))", (), None, None, {"error"}),
    (r"N(x;0,-\sigma^2) = 1", (), None, None, {"error"}),
    (r"E[X]=5", (N01, r"X \sim N(5,1)"), None, None, {"error"}),
    (r"E[X]=i", (r"X \sim N(i,1)",), None, None, {"error"}),
    (r"E[1/X]=0", (N01,), None, None, {"undecided"}),
    (r"\sum_{k=1}^{n}k=n(n+1)/2", (), None, None, {"holds"}),
    (r"(-1)^{2t}\beta_t=\beta_t", (), "ddpm", None, {"holds"}),
    (
        r"x_2 \sim N(\sqrt{\alpha_1\alpha_2}x_0, 1-\alpha_1\alpha_2)",
        (
            r"x_1 = \sqrt{\alpha_1}x_0+\sqrt{1-\alpha_1}\epsilon_1",
            r"x_2 = \sqrt{\alpha_2}x_1+\sqrt{1-\alpha_2}\epsilon_2",
            r"\epsilon_1 \sim N(0,1)",
            r"\epsilon_2 \sim N(0,1)",
        ),
        None,
        None,
        {"holds"},
    ),
    (r"\frac12+\frac12=1", (), None, None, {"holds"}),
    (r"\|ax\|=|a|\|x\|", (), None, None, {"holds"}),
    (r"\tilde\beta_1 = 0", (), "ddpm", None, {"holds"}),
    (r"10^{-5000}=0", (), None, None, {"fails"}),
    (  # the variance is 0: X − X is the point mass at 0, the degenerate normal N(0, 0)
        r"X-X \sim N(0,(\sigma-1)^2-\sigma^2+2\sigma-1)",
        (r"X \sim N(0,\sigma^2)",),
        None,
        None,
        {"holds"},
    ),
    (r"X-X \sim N(0,(\sigma-1)^2)", (r"X \sim N(0,\sigma^2)",), None, None, {"fails"}),
    (r"3X \sim N(30,12)", (r"X \sim N(10,4)",), None, None, {"fails"}),
]


def _decided(claim, given, notation, wrt, timeout=30):
    from derive.claims import decide
    from derive.errors import UsageError

    try:
        return decide(claim, given, wrt=wrt, notation=notation, timeout=timeout)
    except UsageError:
        return None


@pytest.mark.parametrize(
    "claim, given, notation, wrt, right", ISSUE_15, ids=[e[0] for e in ISSUE_15]
)
def test_every_example_of_the_issue_gets_the_right_answer(claim, given, notation, wrt, right):
    decision = _decided(claim, given, notation, wrt)
    kind = "error" if decision is None else decision.kind
    assert kind in right, (kind, decision and (decision.reason or decision.verdict))
    if kind == "undecided":
        assert decision.reason and "no method" not in decision.reason


def test_the_variance_of_a_wrong_law_is_named():
    decision = _decided(r"3X \sim N(30,12)", (r"X \sim N(10,4)",), None, None)
    assert decision.kind == "fails" and "variance 36, claimed 12" in decision.method


@pytest.mark.parametrize(
    "claim, what",
    [(r"\sqrt x\sqrt y=\sqrt{xy}", "implied by the claim"), (r"AB=BA", "a number")],
)
def test_a_claim_true_only_in_a_domain_says_which(claim, what):
    # true where the claim's own square roots are defined (x, y ≥ 0), and for numbers A, B:
    # it holds, and the verdict says what it assumed
    decision = _decided(claim, (), None, None)
    assert decision.kind == "holds"
    assert any(what in line for line in decision.assumptions), decision.assumptions


def test_a_tower_of_powers_ends_at_the_time_bound():
    decision = _decided(r"(10^{9999})^{9999}=1", (), None, None, timeout=2)
    assert decision.kind in FAILS_OR_UNDECIDED


def test_sympy_failing_inside_a_check_leaves_the_step_unverified():
    """∫₀¹ ⌊3x⌋ dx = 1 is true, but SymPy raises inside its evaluation (an mpmath number where
    it expects its own): the step is unverified with a reason naming where, never a crash, and
    never verified or refuted."""
    from sympy import Integer, Integral, floor

    from derive.core import EQ, Rule, Step, check_step

    x = Symbol("x", real=True)
    verdict = check_step(Integral(floor(3 * x), (x, 0, 1)), Step(EQ, Integer(1), Rule("r")))
    assert verdict.status == "unverified"
    assert verdict.reason.startswith("the checker could not evaluate this step (")


# --- numbers past Python's 4,300-digit limit for writing integers ----------------------------
BIG = Integer(2) ** 20000  # 6,021 digits


@pytest.mark.parametrize(
    "lhs, rhs",
    [
        (BIG, BIG + 1),
        (BIG * x, BIG * x + x),  # false at every x ≠ 0
        (Integer(10) ** 5000 + 1, Integer(10) ** 5000),
        (1 / BIG, Integer(0)),
        (BIG * p, (BIG + 1) * p),
    ],
    ids=["2^20000", "2^20000·x", "10^5000+1", "2^-20000", "2^20000·p"],
)
def test_a_false_identity_of_huge_numbers_is_refuted_and_can_be_written(lhs, rhs):
    verdict = check_equal(lhs, rhs, CheckContext())
    assert verdict.status == Status.REFUTED, describe(verdict)
    example = verdict.counterexample
    assert str(example.lhs) and str(example.rhs) and describe(verdict)


def test_a_true_identity_of_huge_numbers_is_proved():
    verdict = check_equal(BIG * BIG, Integer(2) ** 40000, CheckContext())
    assert verdict.status == Status.VERIFIED and verdict.strength == Strength.PROOF


@pytest.mark.parametrize(
    "claim, code", [(r"2^{20000}=2^{20000}+1", 1), (r"2^{20000}x=2^{20000}x+x", 1)]
)
def test_derive_check_decides_a_claim_with_a_6000_digit_number(capsys, claim, code):
    from derive.cli import main

    assert main(["check", claim, "--timeout", "20"]) == code
    captured = capsys.readouterr()
    assert "fails" in captured.out and "internal error" not in captured.err, captured


def test_a_number_too_long_to_write_is_one_line_and_exit_2(capsys):
    from derive.cli import main

    assert main(["check", r"2^{400000}+1=2^{400000}", "--timeout", "20"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("derive: error: a number") and "\n" not in err, err


# --- a refuted diffusion step whose counterexample holds a density, in every format ----------
BAD_DIFFUSION = """
from derive import Derivation, Rule, Source
from derive.diffusion import ConditionalDensity, ForwardChain, notation

NAME = "bad-diffusion"
TITLE = "A false step about the forward process"
SOURCE = Source("none", "§0")
TOPIC = "diffusion"


def build(name="ddpm"):
    chain = ForwardChain(notation(name))
    data, previous, current = chain.nodes
    q = ConditionalDensity
    d = Derivation(NAME, TITLE, SOURCE, start=q((previous,), (current, data)),
                   ranges=notation(name).ranges, definitions=dict(notation(name).definitions),
                   process=chain)
    return d.eq(q((previous,), (current,)), Rule("the data forgotten"))
"""


def test_a_refuted_step_whose_counterexample_holds_a_density_is_written_in_json(tmp_path, capsys):
    """q(x_{t−1} | x_t, x₀) = q(x_{t−1} | x_t) is false: refuted in a Gaussian instance whose
    data law q(x₀) is part of the counterexample; the JSON document names it."""
    import json

    from derive.cli import main

    script = tmp_path / "bad_diffusion.py"
    script.write_text(BAD_DIFFUSION)
    assert main(["render", str(script), "--format", "json", "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert "internal error" not in captured.err, captured.err
    (step,) = json.loads(captured.out)["steps"]
    assert step["check"]["status"] == "refuted"
    values = step["check"]["counterexample"]["values"]
    assert any(key.startswith("q(") and value.startswith("N(") for key, value in values.items())


# --- induction: the base case must be the claim's first member -------------------------------
def _induction_step(base_statement):
    """forward-marginal's induction step with its base case replaced by a derivation whose
    statement is ``base_statement`` (assumed, so that only the induction's fit is judged)."""
    from derive.core import Assumed, induction
    from derive.core.verify import context_of
    from derive.registry import load

    derivation = load("forward-marginal")
    last, before = derivation.steps[-1], derivation.steps[-2]
    base = Derivation("base", "A base", Source("notes", "§1"), start=base_statement.expr)
    base.step(SIM, base_statement.law, Assumed("given"))
    rule = induction(base, last.rule.index, last.rule.hypothesis, "induction")
    return check_step(before.expr, Step(last.relation, last.expr, rule), context_of(derivation))


@pytest.mark.parametrize("name", ["y_1", "x_5", "x_0", "x_{t}"])
def test_an_induction_whose_base_case_is_about_another_variable_is_not_verified(name):
    from derive.gaussian import Distributed
    from derive.registry import load

    original = load("forward-marginal").steps[-1].rule.derivation.statement  # x_1 ~ N(…)
    assert _induction_step(original).status == Status.VERIFIED  # the attack's control
    other = Distributed(RandomVariable(name), original.law)
    verdict = _induction_step(other)
    assert verdict.status != Status.VERIFIED, describe(verdict)


def test_an_induction_whose_base_case_is_the_wrong_law_is_not_verified():
    from derive.gaussian import Distributed
    from derive.registry import load

    original = load("forward-marginal").steps[-1].rule.derivation.statement
    wrong = Distributed(original.expr, Normal(original.law.mean, 2 * original.law.variance))
    assert _induction_step(wrong).status != Status.VERIFIED


# --- powers of a negative number with a letter in the exponent -------------------------------
# (−1)^y is a real number exactly where y is an integer (principal value e^{iπy}). A claim
# comparing real numbers is refuted only at a point where every side is real: each false claim
# below fails at such a point, which the test checks on an expression it builds itself.
NEGATIVE_BASE_FALSE = [
    (r"(-1)^{720720x} = 1", Integer(-1) ** (720720 * x), Integer(1)),
    (r"(-1)^{2x} = 1", Integer(-1) ** (2 * x), Integer(1)),
    (r"(-1)^{x} = 1", Integer(-1) ** x, Integer(1)),
    (r"(-1)^{x^2} = 1", Integer(-1) ** (x**2), Integer(1)),
    (r"(-1)^{x+1/2} = 1", Integer(-1) ** (x + Rational(1, 2)), Integer(1)),
    (r"(-1)^{x}(-1)^{y} = 1", Integer(-1) ** x * Integer(-1) ** y, Integer(1)),
    (r"(-1)^{x^2+y} = (-1)^{y}", Integer(-1) ** (x**2 + y), Integer(-1) ** y),
    (r"(-2)^{x} = 2^{x}", Integer(-2) ** x, Integer(2) ** x),
    (r"(-3)^{2x} = 9^{x}", Integer(-3) ** (2 * x), Integer(9) ** x),
    (r"(-1)^{x/7} = 1", Integer(-1) ** (x / 7), Integer(1)),
    (r"\sum_{k=1}^{3} (-1)^{kx} = 1", sum(Integer(-1) ** (j * x) for j in (1, 2, 3)), Integer(1)),
    # a letter as the base, negative at the point: (x^2)^{3/2} = |x|^3 against x^3
    (r"(x^a)^b = x^{ab}", (x**a) ** b, x ** (a * b)),
    (r"(x^2)^{a} = x^{2a}", (x**2) ** a, x ** (2 * a)),
]


@pytest.mark.parametrize(
    "claim, lhs, rhs", NEGATIVE_BASE_FALSE, ids=[c for c, _, _ in NEGATIVE_BASE_FALSE]
)
def test_a_false_claim_with_a_power_of_a_negative_number_fails_where_the_sides_are_real(
    claim, lhs, rhs
):
    decision = _decided(claim, (), None, None)
    assert decision is not None and decision.kind == "fails", decision and decision.reason
    point = {Symbol(str(k), real=True): v for k, v in decision.counterexample.values}
    left, right = lhs.xreplace(point), rhs.xreplace(point)
    assert left.is_extended_real and right.is_extended_real, (point, left, right)
    assert (left - right).is_zero is False, (point, left, right)


def test_a_power_of_a_family_member_fails_inside_the_notation_s_domain():
    # with --notation ddpm, 0 < β_t < 1: β_t = 1/194 makes the exponent 1
    decision = _decided(r"(-1)^{194\beta_t} = 1", (), "ddpm", None)
    assert decision.kind == "fails"
    values = {str(k): v for k, v in decision.counterexample.values}
    (beta,) = [v for k, v in values.items() if k.startswith("beta")]
    assert 0 < beta < 1 and (194 * beta).is_integer and (194 * beta) % 2 == 1


@pytest.mark.parametrize(
    "claim, given, notation",
    [
        (r"(-1)^{2t}\beta_t = \beta_t", (), "ddpm"),  # t is a whole step number there
        (r"(-1)^{x}(-1)^{-x} = 1", (), None),  # true for every real x
        (r"(-1)^{x+y} = (-1)^{x}(-1)^{y}", (), None),
        (r"(-1)^{x} = \cos(\pi x)", (r"x \in \mathbb{Z}",), None),
        (r"(-1)^{720720x} = 1", (r"x \in \mathbb{Z}",), None),
    ],
)
def test_a_true_claim_with_a_power_of_a_negative_number_holds(claim, given, notation):
    decision = _decided(claim, given, notation, None)
    assert decision.kind == "holds", decision.reason or decision.method


@pytest.mark.parametrize(
    "claim, notation, says",
    [
        # true where (−1)^x is real (x an integer), not real elsewhere: nothing to refute
        (r"(-1)^{x} = \cos(\pi x)", None, "at the 4 points tried where it is, the sides agree"),
        (r"(-1)^{3x} = (-1)^{x}", None, "the sides agree"),
        # 0 < β_t < 1 under ddpm: the exponent is an integer nowhere in the domain
        (r"(-1)^{\beta_t} = 1", "ddpm", "no point of the claim's domain"),
    ],
)
def test_a_power_real_only_at_integers_is_undecided_saying_what_to_declare(claim, notation, says):
    decision = _decided(claim, (), notation, None)
    assert decision.kind == "undecided"
    assert "is an integer" in decision.reason or "are integers" in decision.reason
    assert says in decision.reason and r"\in \mathbb{Z}" in decision.reason, decision.reason
    assert "'a > 0'" not in decision.reason  # the old hint, which did not help


def test_a_number_whose_principal_value_is_not_real_names_no_letters():
    decision = _decided(r"(-8)^{1/3} = -2", (), None, None)
    assert decision.kind == "undecided"
    assert "principal value is 1 + 1.73205080757·i" in decision.reason
    assert "letters" not in decision.reason


def test_a_root_of_a_negative_side_names_the_claim_s_own_letter():
    decision = _decided(r"\sqrt[3]{x^3} = x", (), None, None)
    assert decision.kind == "undecided" and "--given 'x > 0'" in decision.reason


# --- an exception inside a claim's check is derive's limitation, never a verdict ------------
CRASHING = "a secret message of the exception"


def _crash(*args, **kwargs):
    raise ZeroDivisionError(CRASHING)


@pytest.mark.parametrize(
    "module, name, claim, given",
    [
        ("derive.claims.routes", "exact", r"a + 1 = a + 2", ()),
        ("derive.claims.routes", "calculus", r"\int_0^1 s \, ds = 1", ()),
        ("derive.claims.routes", "linear", r"2X \sim N(0, 4)", (N01,)),
        ("derive.claims.routes", "about_functions", r"f(x+y) = f(x)+f(y)", ()),
        ("derive.claims.routes", "inequality", r"x^2 \ge 0", ()),
        ("derive.claims.routes", "settled", r"\sin(x) = x", ()),
        ("derive.claims.negative_bases", "integer_exponent_points", r"(-1)^{2x} = 1", ()),
        ("derive.core.checker", "check_relation", r"\sin(x)^2 + \cos(x)^2 = 1", ()),
        ("derive.claims.question", "answer", r"E[X^2]", (N01,)),
    ],
)
def test_an_exception_inside_a_route_is_an_internal_limitation_not_no_method(
    monkeypatch, module, name, claim, given
):
    import importlib
    import json

    from derive.claims.report import report

    monkeypatch.setattr(importlib.import_module(module), name, _crash)
    decision = _decided(claim, given, None, None)
    assert decision.kind == "undecided", (decision.kind, decision.method)
    assert decision.internal.startswith("ZeroDivisionError"), decision.internal
    assert " in derive.claims." in decision.internal, decision.internal  # where it was called
    assert "internal limitation of derive" in decision.reason
    assert "no method" not in decision.reason and CRASHING not in decision.reason
    data = json.loads(report(decision, "json"))
    assert data["internal_error"] == decision.internal and CRASHING not in json.dumps(data)


def test_an_internal_limitation_is_shown_by_the_cli_with_exit_3(monkeypatch, capsys):
    import derive.claims.routes as routes
    from derive.cli import main

    monkeypatch.setattr(routes, "exact", _crash)
    assert main(["check", "a + 1 = a + 2"]) == 3
    captured = capsys.readouterr()
    assert "internal limitation of derive (ZeroDivisionError" in captured.out
    assert CRASHING not in captured.out + captured.err and "Traceback" not in captured.err


def test_derive_debug_raises_the_internal_exception(monkeypatch):
    import derive.claims.routes as routes
    from derive.claims import decide

    monkeypatch.setattr(routes, "exact", _crash)
    monkeypatch.setenv("DERIVE_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        decide("a + 1 = a + 2")


def test_deliberate_signals_of_a_route_keep_their_meaning(monkeypatch):
    """Running out of time is a reason of its own, and an input error stays an input error:
    neither is called an internal limitation."""
    import derive.claims.routes as routes
    from derive.claims import decide
    from derive.errors import CheckTimeout, UsageError

    def out_of_time(*args, **kwargs):
        raise CheckTimeout("the time bound of 5 s was reached")

    def asks(*args, **kwargs):
        raise UsageError("say which variable: --wrt VAR")

    monkeypatch.setattr(routes, "exact", out_of_time)
    decision = decide("a + 1 = a + 2")
    assert decision.kind == "undecided" and decision.reason.startswith("the time bound")
    assert not decision.internal
    monkeypatch.setattr(routes, "exact", asks)
    with pytest.raises(UsageError):
        decide("a + 1 = a + 2")


def test_no_example_of_the_issue_is_left_undecided_by_an_internal_error():
    for claim, given, notation, wrt, _ in ISSUE_15:
        decision = _decided(claim, given, notation, wrt)
        assert decision is None or not decision.internal, (claim, decision.reason)


# --- an exact refutation of huge numbers shows what differs -----------------------------------
@pytest.mark.parametrize(
    "claim, difference",
    [
        (r"2^{20000} = 2^{20000}+1", "-1"),
        (r"2^{20000}+7 = 2^{20000}", "7"),
        (r"3^{9000} = 3^{9000} - \frac{1}{2}", "1/2"),
        (r"1+10^{-60} = 1", "≈ 1e-60"),
    ],
)
def test_a_refutation_whose_sides_look_alike_shows_their_difference(claim, difference):
    import json

    from derive.claims.report import report

    decision = _decided(claim, (), None, None)
    assert decision.kind == "fails"
    text = report(decision)
    assert f"left − right {'' if difference.startswith('≈') else '= '}{difference}" in text, text
    assert json.loads(report(decision, "json"))["counterexample"]["difference"] == difference
    assert max(len(run) for run in re.findall(r"\d+", text)) <= 80  # no 6,021-digit line


def test_the_kernel_s_exact_refutation_keeps_the_exact_difference():
    # 2^20000·x against 2^20000·x + x: the difference at the point is −x, exactly
    verdict = check_equal(BIG * x, BIG * x + x, CheckContext())
    assert verdict.status == Status.REFUTED
    ((_, value),) = verdict.counterexample.values
    assert verdict.counterexample.difference == -value


def test_a_refutation_whose_sides_differ_visibly_is_not_cluttered():
    from derive.claims.report import report

    text = report(_decided("1 + 1 = 3", (), None, None))
    assert "left side = 2, right side = 3" in text and "left − right" not in text


def test_a_huge_number_is_read_as_its_first_and_last_digits():
    decision = _decided(r"2^{20000} = 2^{20000}+1", (), None, None)
    assert decision.read_as.endswith("398027684033…309377 (6,021 digits)"), decision.read_as
    assert r"\ldots" in decision.latex and "6{,}021" in decision.latex


def test_sympy_implementing_no_step_is_no_method_and_says_where(monkeypatch):
    """NotImplementedError is SymPy's own signal that it has no algorithm: the checker has no
    method (a limit of its methods, not a defect), and the reason says where, with no text of
    the exception."""
    import derive.claims.routes as routes

    def unimplemented(*args, **kwargs):
        raise NotImplementedError(CRASHING)

    monkeypatch.setattr(routes, "exact", unimplemented)
    decision = _decided("a + 1 = a + 2", (), None, None)
    assert decision.kind == "undecided" and not decision.internal
    assert (
        decision.reason.startswith("the checker has no method") and CRASHING not in decision.reason
    )
    assert "in derive.claims.run" in decision.reason


def test_a_tiny_nonzero_side_is_never_shown_as_0():
    # 10^-5000 underflows a float: shown in SymPy's floating point, and the sides visibly differ
    from derive.claims.report import report

    text = report(_decided(r"10^{-5000}=0", (), None, None))
    assert "left side = 1.00000000000e-5000, right side = 0" in text, text


def test_a_refuted_proportionality_shows_how_much_the_ratio_changes():
    # e^{-x²/2} / e^{-x²/2 + 10⁻⁴⁵x} = e^{-10⁻⁴⁵x}: it changes by about 10⁻⁴⁵·(x₂ − x₁)
    import json

    from derive.claims.report import report

    decision = _decided(r"e^{-x^2/2} \propto e^{-x^2/2+10^{-45}x}", (), None, "x")
    example = decision.counterexample
    ((_, x1),), ((_, x2),) = example.values, example.values2
    change = float(example.difference) * 1e45
    assert abs(change - (x2 - x1)) < 1e-6 * abs(x2 - x1), (change, x1, x2)
    assert "(the ratio changes by ≈ " in report(decision)
    data = json.loads(report(decision, "json"))["counterexample"]
    assert data["ratio_change"].startswith("≈ ") and data["values2"] and data["lhs2"]


def test_a_non_real_counterexample_names_a_letter_whose_sign_matters():
    # (xy)^a = x^a y^a: false only for negative x or y, and there non-real at the points tried;
    # the hint names x or y (declaring a's sign would not help), and with both positive it holds
    decision = _decided(r"(xy)^a=x^ay^a", (), None, None)
    assert decision.kind == "undecided"
    assert "--given 'x > 0'" in decision.reason or "--given 'y > 0'" in decision.reason
    assert _decided(r"(xy)^a=x^ay^a", ("x > 0", "y > 0"), None, None).kind == "holds"
