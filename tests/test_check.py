"""``derive check``: the issue's examples, the vocabulary, every verdict and exit code, and a
fuzzed parser that only ever raises the documented error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derive.claims import decide
from derive.claims.parse import parse
from derive.errors import UsageError

KL_UNIVARIATE = (
    r"D_{KL}(\mathcal{N}(\mu_1,\sigma_1^2)\|\mathcal{N}(\mu_2,\sigma_2^2)) = \log\frac{\sigma_2}"
    r"{\sigma_1} + \frac{\sigma_1^2+(\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac{1}{2}"
)
KL_MULTIVARIATE = (
    r"D_{KL}(\mathcal{N}(\mu_1,\Sigma_1)\|\mathcal{N}(\mu_2,\Sigma_2)) = \frac{1}{2}\left[\log"
    r"\frac{|\Sigma_2|}{|\Sigma_1|} - n + \operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + "
    r"(\mu_2-\mu_1)^T\Sigma_2^{-1}(\mu_2-\mu_1)\right]"
)


def test_univariate_kl_holds():
    assert decide(KL_UNIVARIATE).verdict == "holds"


def test_sum_of_independent_normals_holds_and_says_independent():
    decision = decide(
        r"X + Y \sim \mathcal{N}(\mu_x+\mu_y, \sigma_x^2+\sigma_y^2)",
        (r"X \sim \mathcal{N}(\mu_x,\sigma_x^2)", r"Y \sim \mathcal{N}(\mu_y,\sigma_y^2)"),
    )
    assert decision.verdict.startswith("holds")
    assert any("independent" in line for line in decision.assumptions)


def test_change_of_variable_holds_in_y():
    claim = r"\mathcal{N}(x; a y, b) \propto \mathcal{N}(y; \frac{x}{a}, \frac{b}{a^2})"
    assert decide(claim, wrt="y").verdict == "holds"
    # here the ratio is even 1/a, free of x too; with the variance b it is not proportional
    assert decide(claim, wrt="x").verdict == "holds"
    wrong = r"\mathcal{N}(x; a y, b) \propto \mathcal{N}(y; \frac{x}{a}, b)"
    assert decide(wrong, wrt="y").verdict == "fails"


def test_named_result_in_a_notation():
    claim = r"\tilde{\beta}_t = \frac{1-\bar{\alpha}_{t-1}}{1-\bar{\alpha}_t}\beta_t"
    assert decide(claim, notation="ddpm").verdict == "holds"
    course = r"\tilde{\beta}_t = \frac{1-\alpha_{t-1}}{1-\alpha_t}\beta_t"
    assert decide(course, notation="course").verdict == "holds"
    assert decide(course, notation="ddpm").verdict == "fails"  # α means one step there


def test_named_mean_written_as_a_function():
    claim = (
        r"\tilde{\mu}_t(x_t, x_0) = \frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0 + "
        r"\frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t"
    )
    assert decide(claim, notation="ddpm").verdict == "holds"


def test_multivariate_kl_holds_and_the_missing_inverse_fails_at_small_n():
    assert decide(KL_MULTIVARIATE, timeout=120).verdict.startswith("holds")
    wrong = decide(KL_MULTIVARIATE.replace(r"\Sigma_2^{-1}(\mu_2", r"\Sigma_2(\mu_2"))
    assert wrong.verdict == "fails" and "n = 1" in wrong.method
    assert wrong.counterexample.values


def test_an_ill_formed_product_fails_and_says_why(derive_cli):
    claim = r"\mathbf{tr}[\Sigma^{-1} (x - \mu)^T (x - \mu)] = (x - \mu)^T \Sigma^{-1} (x - \mu)"
    decision = decide(claim)
    assert decision.verdict == "fails" and "not well-formed" in decision.method
    assert derive_cli("check", claim).returncode == 1


def test_ascii_form():
    claim = "KL(N(mu1, s1^2) || N(mu2, s2^2)) = log(s2/s1) + (s1^2 + (mu1-mu2)^2)/(2*s2^2) - 1/2"
    assert decide(claim, ("s1 > 0", "s2 > 0")).verdict == "holds"
    # undeclared signs: a counterexample with s2/s1 < 0 would make log(s2/s1) non-real
    assert decide(claim).kind == "undecided"


@pytest.mark.parametrize(
    "claim, verdict",
    [
        (r"\log(ab) = \log a + \log b", "holds"),  # a, b > 0: implied by log a, log b
        (r"\log(a + b) = \log a + \log b", "fails"),
        (r"\ln(e^{x}) = x", "holds"),
        (r"\exp(x) e^{y} = e^{x+y}", "holds"),
        (r"\sqrt{x^2} = x", "fails"),
        (r"\frac{1}{2} \cdot 4 = 2", "holds"),
        (r"\left( a + b \right)^2 = a^2 + 2 a b + b^2", "holds"),
        (r"\left[ a \right] \times 3 = 3a", "holds"),
        (r"h(\mathcal{N}(\mu, \sigma^2)) = \frac{1}{2}\log(2\pi e \sigma^2)", "holds"),
        (r"H(N(\mu, \sigma^2)) = \log(\sigma)", "fails"),
        (r"\mathbb{E}_{x\sim\mathcal{N}(\mu,\sigma^2)}[x^2] = \mu^2 + \sigma^2", "holds"),
        (r"\mathbb{E}[X^2] = \mu^2 + \sigma^2", "holds"),
        (r"E[X] = 0", "fails"),
        (r"\mathrm{KL}(\mathcal{N}(m, s^2)\|\mathcal{N}(m, s^2)) = 0", "holds"),
        (r"D_{\mathrm{KL}}(N(a, 1) \parallel N(b, 1)) = \frac{(a-b)^2}{2}", "holds"),
        (r"\sqrt[3]{8} = 2", "holds"),
        ("sqrt(4) = 2", "holds"),
        ("exp(x) * exp(y) = exp(x + y)", "holds"),
        ("a**2 - b**2 = (a - b)*(a + b)", "holds"),
        (r"\bar{x}' + \hat{y} = \hat{y} + \bar{x}'", "holds"),
        (r"\mathbf{x} = x", "holds"),
        (r"\mathrm{y} + \boldsymbol{\mu} = y + \mu", "holds"),
        (r"(A + I)^\top = A^T + I", "holds"),
        (r"x_{t-1} + x_\theta = x_\theta + x_{t-1}", "holds"),
        (r"a\,b\;c\ d = d c b a", "holds"),
        (r"\operatorname{tr}(A B) = \mathrm{tr}(B A)", "holds"),
        (r"\det(A B) = |A| \det B", "holds"),
        (r"\|v\|^2 = v^\top v", "holds"),
        (r"(A^T)^{-1} = (A^{-1})^T", "holds"),
        (r"\varphi_X(t) = \exp(i \mu t - \frac{\sigma^2 t^2}{2})", "holds"),
        (r"\phi_X(t) = \exp(i \mu t - \sigma^2 t^2)", "fails"),
    ],
)
def test_vocabulary(claim, verdict):
    assert decide(
        claim, given=(r"X \sim N(\mu, \sigma^2)",) if "X" in claim else ()
    ).verdict.startswith(verdict)


def test_laws_named_by_givens():
    decision = decide(
        r"D_{KL}(P \| Q) = \log\frac{s}{r} + \frac{r^2 + (a - b)^2}{2 s^2} - \frac{1}{2}",
        (r"P = \mathcal{N}(a, r^2)", r"Q = \mathcal{N}(b, s^2)", "r > 0", "s > 0"),
    )
    assert decision.verdict == "holds"


def test_variance_of_a_declared_variable():
    decision = decide(
        r"\operatorname{Var}[2X] = 4\sigma^2", (r"X \sim \mathcal{N}(\mu, \sigma^2)",)
    )
    assert decision.verdict.startswith("holds")


def test_a_definition_given_is_substituted():
    decision = decide(
        r"\frac{x_t - \sqrt{1-\bar\alpha_t}\epsilon}{\sqrt{\bar\alpha_t}} = x_0",
        (r"x_t = \sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\epsilon",),
        notation="ddpm",
    )
    assert decision.verdict == "holds"


@pytest.mark.parametrize(
    "claim, says",
    [
        ("", "empty"),
        (r"\frac{1}{2 = x", "position 12"),
        (r"\foo = 1", "unknown command"),
        ("__import__('os').system('echo hacked')", "position 1"),
        ("lambda: 0", "position"),
        ("a = " + "b + " * 2000 + "c", "at most"),
        (r"\mathcal{N}(0, -1) = \mathcal{N}(0, 1)", "positive variance"),
        (r"KL(a \| b) = 0", "two normal laws"),
        (r"\mathcal{N}(x; \mu, A \Sigma) = \mathcal{N}(x; \mu, \Sigma)", "not symmetric"),
    ],
)
def test_input_errors(claim, says):
    with pytest.raises(UsageError, match=says):
        decide(claim)


def test_undecided_when_time_runs_out():
    decision = decide(KL_MULTIVARIATE, timeout=0.01)
    assert decision.verdict == "undecided" and decision.exit_code == 3
    assert decision.reason


@pytest.mark.parametrize(
    "args, code",
    [
        (["check", "a + b = b + a"], 0),
        (["check", r"\log(a + b) = \log a + \log b"], 1),
        (["check", KL_MULTIVARIATE, "--timeout", "0.01"], 3),
        (["check", r"\frac{1}{2 = x"], 2),
        (["check", "a = b", "--notation", "nope"], 2),
        (["check", "a = b", "--given", "nonsense +"], 2),
        (["check", "a = b", "--given", r"y = \Sigma x^T"], 2),
    ],
)
def test_exit_codes(derive_cli, args, code):
    done = derive_cli(*args)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    if code == 2:
        assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""


def test_json_format(derive_cli):
    import json

    done = derive_cli("check", r"\log(a+b) = \log a + \log b", "--format", "json")
    data = json.loads(done.stdout)
    assert data["verdict"] == "fails" and data["counterexample"]["values"]


TOKENS = [*"ab12+-*/^_=(){}[]|;,~ \\", r"\frac", r"\sqrt", r"\mathcal{N}", r"\sigma", r"\|"]
TOKENS += ["N", "KL", r"\left(", r"\right)", r"\log", "e^", r"\propto", r"\sim"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
def test_fuzzed_claims_only_raise_the_documented_error(text):
    try:
        parse(text)
    except UsageError:
        pass


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_fuzzed_claims_are_decided_or_refused(text):
    try:
        decision = decide(text, timeout=2)
    except UsageError:
        return
    assert decision.kind in {"holds", "holds at sizes", "holds numerically", "fails", "undecided"}
    assert "Error" not in decision.reason and "object" not in decision.reason


# --- what derive prints, derive check reads back ----------------------------------------------


def _results():
    from derive.registry import entries

    for entry in entries():
        for document, notation in entry.documents():
            yield entry.name, notation, document


@pytest.mark.parametrize("name, notation, document", list(_results()), ids=lambda v: str(v))
def test_printed_results_parse_back_to_the_same_value(name, notation, document):
    """Every result's LaTeX, read in the derivation's context (its symbols, its families),
    is the same value: equal by the checker, or identical."""
    from sympy import Indexed, Sum

    from derive.claims.build import build
    from derive.claims.decide import _profile
    from derive.claims.names import Names
    from derive.core import CheckContext
    from derive.core.checker import check_relation
    from derive.diffusion import ConditionalDensity
    from derive.gaussian import Moments
    from derive.registry import load
    from derive.render.printers import latex

    derivation = load(name, notation)
    profile = _profile(notation)
    for result, value in derivation.results.items():
        known = {s.name: s for s in value.free_symbols if hasattr(s, "name")}
        for density in value.atoms(ConditionalDensity):  # its variables, as the process has them
            known.update({s.name: s for s in (*density.targets, *density.conditions)})
        for total in value.atoms(Sum):  # a sum's index, as the derivation declared it
            known.update({index.name: index for index, *_ in total.limits})
        known.update({law.label: law for law in value.atoms(Moments) if law.label})  # h(G)
        families = {i.base.label.name: i.base for i in value.atoms(Indexed)}
        families.update(profile["families"])
        tree = parse(f"{latex(value)} = 0")
        claim = build(tree, Names(frozenset(), families, profile["named"], known))
        if claim.lhs == value:
            continue
        context = CheckContext(
            ranges=derivation.ranges,
            definitions={**derivation.definitions, **profile["definitions"]},
            matrices=derivation.matrices,
        )
        verdict = check_relation(claim.lhs, "=", value, context)
        assert verdict.status == "verified", (result, latex(value), claim.lhs, verdict)


def test_towers_of_exponents_end_within_the_time_bound(derive_cli):
    import time

    started = time.perf_counter()
    done = derive_cli("check", "x^{10^{10^{10}}} = x", "--timeout", "3")
    assert done.returncode in (1, 3) and "Traceback" not in done.stderr
    assert time.perf_counter() - started < 60


def test_a_100_kb_claim_is_an_input_error(derive_cli):
    done = derive_cli("check", "x = " + "x + " * 25_000 + "x")
    assert done.returncode == 2 and "at most" in done.stderr


def test_densities_expectations_and_kl_between_densities():
    kl = r" = D_{KL}(q(a|c) \| p(a|c))"
    claim = r"\mathbb{E}_{q(a \mid c)}\left[\log\frac{q(a \mid c)}{p(a \mid c)}\right]"
    assert decide(claim + kl).verdict == "holds"
    swapped = r"\mathbb{E}_{q(a \mid c)}\left[\log\frac{p(a \mid c)}{q(a \mid c)}\right]"
    assert decide(swapped + kl).verdict == "undecided"
    summed = r"\sum_{t=2}^{T} (a_t + b_t) = \sum_{t=2}^{T} a_t + \sum_{t=2}^{T} b_t"
    assert decide(summed).verdict == "holds"
