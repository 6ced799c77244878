"""The DDPM derivations: the posterior against the DDPM paper and against numpy, in both
notations and by both routes; the sources' slips refuted; the notation on the command line."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sympy import Add, Symbol, lambdify, simplify, sqrt

from derive.core import CheckContext, Step, check_step
from derive.core.model import EQ, proportional
from derive.core.rules import Rule
from derive.core.verify import context_of
from derive.diffusion import ConditionalDensity, ForwardChain, notation
from derive.diffusion.notation import alpha, alpha_bar, beta, t
from derive.registry import load

ROUTES = ("posterior", "posterior-product")
x_0, x_t, z_t, x = (Symbol(name, real=True) for name in ("x_0", "x_t", "z_t", "x"))


def eq7(name: str):
    """DDPM paper eq. 7 (Ho et al. 2020), written out here in each notation."""
    if name == "ddpm":
        mean = (
            sqrt(alpha_bar[t - 1]) * beta[t] / (1 - alpha_bar[t]) * x_0
            + sqrt(alpha[t]) * (1 - alpha_bar[t - 1]) / (1 - alpha_bar[t]) * x_t
        )
        return mean, (1 - alpha_bar[t - 1]) / (1 - alpha_bar[t]) * beta[t]
    # course: α is cumulative, the per-step factor is 1 − β_t; data x, latents z_t
    mean = (
        sqrt(alpha[t - 1]) * beta[t] / (1 - alpha[t]) * x
        + sqrt(1 - beta[t]) * (1 - alpha[t - 1]) / (1 - alpha[t]) * z_t
    )
    return mean, (1 - alpha[t - 1]) / (1 - alpha[t]) * beta[t]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", ["ddpm", "course"])
def test_posterior_is_ddpm_eq_7_symbolically(route, name):
    derived = load(route, name).results
    mean, variance = eq7(name)
    assert simplify(derived["mean"] - mean) == 0
    assert simplify(derived["variance"] - variance) == 0


def _linear_schedule(steps: int = 1000):
    return np.linspace(1e-4, 0.02, steps)


def _coefficients(name: str, route: str):
    """The derived mean's coefficients of the data and the latent, and the variance, as numpy
    functions of the schedule at step t (arrays over t = 2..T)."""
    results = load(route, name).results
    data, current = (x_0, x_t) if name == "ddpm" else (x, z_t)
    mean = results["mean"].expand()
    parts = [mean.coeff(data), mean.coeff(current), results["variance"]]
    b, a, k, k1 = (Symbol(n, positive=True) for n in ("b", "a", "k", "k1"))
    if name == "ddpm":  # α_t, ᾱ_t, ᾱ_{t−1}
        names = {beta[t]: b, alpha[t]: a, alpha_bar[t]: k, alpha_bar[t - 1]: k1}
    else:  # course: α_t, α_{t−1} are the cumulative products
        names = {beta[t]: b, alpha[t]: k, alpha[t - 1]: k1}
    functions = [lambdify((b, a, k, k1), p.xreplace(names), "numpy") for p in parts]
    betas = _linear_schedule()
    cumulative = np.cumprod(1 - betas)
    s = np.arange(1, len(betas))  # 0-based index of step t = 2..T
    args = (betas[s], 1 - betas[s], cumulative[s], cumulative[s - 1])
    return [np.broadcast_to(f(*args), s.shape) for f in functions]


def test_notations_and_routes_agree_on_the_linear_schedule():
    reference = _coefficients("ddpm", "posterior")
    for name in ("ddpm", "course"):
        for route in ROUTES:
            for got, expected in zip(_coefficients(name, route), reference, strict=True):
                assert np.allclose(got, expected, rtol=1e-12, atol=0)


def test_posterior_is_the_precision_weighted_product_at_every_step():
    """Directly with numpy: q(x_t | x_{t−1}) as a density in x_{t−1} is N(x_t/√α_t, β_t/α_t);
    times q(x_{t−1} | x_0) = N(√ᾱ_{t−1} x_0, 1 − ᾱ_{t−1}); precisions add."""
    betas = _linear_schedule()
    alphas = 1 - betas
    cumulative = np.cumprod(alphas)
    s = np.arange(1, len(betas))
    precision_1, precision_2 = alphas[s] / betas[s], 1 / (1 - cumulative[s - 1])
    variance = 1 / (precision_1 + precision_2)
    coefficient_xt = variance * precision_1 / np.sqrt(alphas[s])
    coefficient_x0 = variance * precision_2 * np.sqrt(cumulative[s - 1])
    for name in ("ddpm", "course"):
        got = _coefficients(name, "posterior")
        assert np.allclose(got[0], coefficient_x0, rtol=1e-10)
        assert np.allclose(got[1], coefficient_xt, rtol=1e-10)
        assert np.allclose(got[2], variance, rtol=1e-10)


def _context(derivation) -> CheckContext:
    """The context `derive verify` checks the derivation's steps in."""
    return context_of(derivation)


def test_the_sources_sign_slip_in_the_precision_is_refuted():
    """Seed 001 §1.1.4(d): (1 − β_t)(1 − α_{t−1}) + β_t = 1 − α_{t−1} − β_t − β_t α_{t−1} + β_t."""
    nt = notation("course")
    b, a1 = nt.beta[t], nt.cumulative(t - 1)
    wrong = Step(EQ, 1 - a1 - b - b * a1 + b, Rule("expand"))
    verdict = check_step((1 - b) * (1 - a1) + b, wrong, CheckContext(ranges=nt.ranges))
    assert verdict.status == "refuted"
    right = Step(EQ, 1 - a1 - b + b * a1 + b, Rule("expand"))
    assert check_step((1 - b) * (1 - a1) + b, right, CheckContext(ranges=nt.ranges)).status == (
        "verified"
    )


def test_dropping_the_wrong_factor_is_refuted():
    """Seed 002 says q(x_t | x_{t−1}) is the factor constant in x_{t−1}; it is q(x_t | x_0)."""
    derivation = load("bayes-markov", "ddpm")
    data, previous, current = ForwardChain(notation("ddpm")).nodes
    q = ConditionalDensity
    before_last = derivation.steps[-2].expr
    wrong = Step(proportional(previous), q((previous,), (data,)), Rule("drop a constant"))
    assert check_step(before_last, wrong, _context(derivation)).status == "refuted"
    right = derivation.steps[-1]
    assert check_step(before_last, right, _context(derivation)).status == "verified"


def test_the_weight_one_over_two_beta_is_refuted():
    """Seed 002's final objective weighs ‖μ̃ − μ_θ‖² by 1/(2β_t); the KL gives 1/(2β̃_t)."""
    derivation = load("kl-mse", "ddpm")
    module = __import__("derive.derivations.kl_mse", fromlist=["build"])
    beta_t = Symbol("beta_t", positive=True)
    final = derivation.steps[-1]
    wrong = Step(EQ, final.expr.xreplace({module.beta_tilde: beta_t}), final.rule)
    verdict = check_step(derivation.steps[-2].expr, wrong, context_of(derivation))
    assert verdict.status == "refuted"


def _eps_mean(wrong=None):
    """eps-param's derived mean as a numpy function of (β_t, α_t, ᾱ_t, x_t, ε); ``wrong``: a
    deliberately wrong variant (the noise scaled by β_t/(1 − ᾱ_t), without the root)."""
    derived = load("eps-param", "ddpm").results["mean"]
    epsilon = Symbol("epsilon", real=True)
    assert derived.has(epsilon) and not derived.has(x_0)
    if wrong == "no square root":
        derived = derived.xreplace({sqrt(1 - alpha_bar[t]): 1 - alpha_bar[t]})
    b, a, k = (Symbol(n, positive=True) for n in ("b", "a", "k"))
    named = derived.xreplace({beta[t]: b, alpha[t]: a, alpha_bar[t]: k})
    assert named.free_symbols == {b, a, k, x_t, epsilon}, named.free_symbols
    return lambdify((b, a, k, x_t, epsilon), named, "numpy")


@pytest.mark.parametrize("wrong", [None, "no square root"])
def test_eps_parametrization_numerically(wrong):
    """eps-param's derived μ̃_t(x_t, ε) equals the posterior's μ̃_t(x_t, x_0) for sampled x_0
    and ε, with x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, at every step of the linear schedule."""
    rng = np.random.default_rng(7)
    betas = _linear_schedule()
    alphas, cumulative = 1 - betas, np.cumprod(1 - betas)
    coefficient_x0, coefficient_xt, _ = _coefficients("ddpm", "posterior")
    s = np.arange(1, len(betas))
    data, noise = rng.normal(size=s.shape), rng.normal(size=s.shape)
    latent = np.sqrt(cumulative[s]) * data + np.sqrt(1 - cumulative[s]) * noise
    posterior_mean = coefficient_x0 * data + coefficient_xt * latent
    derived = _eps_mean(wrong)(betas[s], alphas[s], cumulative[s], latent, noise)
    agrees = np.allclose(posterior_mean, derived, rtol=1e-9, atol=1e-12)
    assert bool(agrees) is (wrong is None)


def test_a_density_the_process_does_not_determine_stays_unverified():
    """q(x_{t−1} | x_t) needs the law of the data: the chain does not reduce it, and a step
    that equates it with the posterior is not verified."""
    derivation = load("posterior", "ddpm")
    _, previous, current = ForwardChain(notation("ddpm")).nodes
    start = ConditionalDensity((previous,), (current,))
    claim = Step(EQ, derivation.steps[-2].expr, Rule("guess"))
    verdict = check_step(start, claim, _context(derivation))
    assert verdict.status != "verified"  # unverified, or refuted in a Gaussian instance


def test_notation_on_the_command_line(derive_cli, tmp_path):
    done = derive_cli("posterior", "--notation", "course")
    assert done.returncode == 0 and "posterior-course" in done.stdout and "zₜ₋₁" in done.stdout
    done = derive_cli("posterior", "--route", "product")
    assert done.returncode == 0 and done.stdout.startswith("posterior-product:")
    done = derive_cli("verify", "bayes-markov", "--notation", "course")
    assert done.returncode == 0 and "bayes-markov-course" in done.stdout
    assert "\nbayes-markov " not in done.stdout
    done = derive_cli("kl", "--notation", "course")
    assert done.returncode == 2 and "--notation" in done.stderr


# --- the ELBO's rewrites: rules whose conditions are checked ------------------------------------


def _elbo_step(index: int, expr):
    derivation = load("elbo", "ddpm")
    context = context_of(derivation)
    lhs = derivation.start if index == 0 else derivation.steps[index - 1].expr
    return check_step(lhs, Step(EQ, expr, derivation.steps[index].rule), context)


def test_elbo_iterated_expectation_needs_the_right_inner_density():
    """E over q(x_{t−1}, x_t | x_0) is not E over q(x_t | x_0) of E over q(x_{t−1} | x_t)."""
    from derive.diffusion import ExpectationUnder

    derivation = load("elbo", "ddpm")
    _, previous, current = ForwardChain(notation("ddpm")).nodes
    right = derivation.steps[0].expr
    inner = [e for e in right.atoms(ExpectationUnder) if e.body.has(ExpectationUnder) is False]
    wrong_density = ConditionalDensity((previous,), (current,))
    wrong = right.xreplace(
        {
            e: ExpectationUnder(e.body, wrong_density)
            for e in inner
            if e.density.targets == (previous,)
        }
    )
    assert wrong != right
    assert _elbo_step(0, right).status == "verified"
    assert _elbo_step(0, wrong).status == "refuted"  # in a Gaussian instance of the process


def test_elbo_sign_and_order_slips_are_refuted():
    from derive.diffusion import DivergenceKL

    derivation = load("elbo", "ddpm")
    final = derivation.steps[-1].expr
    swapped = final.replace(lambda e: isinstance(e, DivergenceKL), lambda e: DivergenceKL(e.q, e.p))
    assert _elbo_step(2, swapped).status == "refuted"
    before = derivation.steps[1].expr
    first, *rest = Add.make_args(before)
    flipped = Add(-first, *rest)  # the sign of one term slipped
    assert flipped != before
    assert _elbo_step(1, flipped).status == "refuted"
    assert _elbo_step(1, -before).status == "refuted"  # the whole side's sign
    assert _elbo_step(2, final + 1).status == "refuted"


# --- a Gaussian instance of the process: refuting what the rules leave open ---------------------

PROCESS_DOCUMENTS = [
    (name, nt) for name in ("bayes-markov", "elbo", "posterior") for nt in ("ddpm", "course")
]


def _without_densities(expr, derivation):
    """``expr`` with the derivation's definitions substituted, except the process's densities
    (the instance gives those their values), as the checker does before using the instance."""
    from derive.core.checker import substitute

    plain = {
        k: v for k, v in derivation.definitions.items() if not isinstance(k, ConditionalDensity)
    }
    return substitute(expr, {**plain, **notation_definitions(derivation)})


def notation_definitions(derivation):
    return dict(_process(derivation).notation.definitions)


@pytest.mark.parametrize("name, nt", PROCESS_DOCUMENTS)
def test_the_instance_agrees_with_every_true_step(name, nt):
    """No false alarm from the instance: each true step of the documents with a process holds
    in it (and the sides do have values there, so that this says something)."""
    from derive.core.sampling import seed_of
    from derive.diffusion.instance import Instance, refute_in_instance

    derivation = load(name, nt)
    lhs, evaluated = derivation.start, 0
    for step in derivation.steps:
        symbol = step.relation.symbol
        if symbol in ("=", "∝"):
            left, right = (_without_densities(e, derivation) for e in (lhs, step.expr))
            seed = seed_of(lhs, step.expr)
            var = step.relation.var
            assert (
                refute_in_instance(left, symbol, right, var, _process(derivation).notation, seed)
                is None
            )
            instance = Instance(_process(derivation).notation, seed)
            evaluated += instance.value(left) is not None and instance.value(right) is not None
        lhs = step.expr
    assert evaluated >= 3


def test_the_instance_computes_gaussian_values():
    """Moments, an entropy and the model's conditional mean, against their closed forms."""
    from sympy import E, Integer, log, pi, simplify

    from derive.diffusion import ExpectationUnder
    from derive.diffusion.instance import Instance

    nt = notation("ddpm")
    instance = Instance(nt, seed=5)
    q = ConditionalDensity
    x0, x1, x2, x3, x4 = (instance.nodes[k] for k in range(5))
    r = instance.roots
    assert instance.value(ExpectationUnder(x2, q((x2,), (x0,)))) == r[1] * r[2] * x0
    second = instance.value(ExpectationUnder(x1**2, q((x1,), (x0,))))
    assert simplify(second - (r[1] ** 2 * x0**2 + instance.betas[1])) == 0
    entropy = -instance.value(ExpectationUnder(log(q((x1,), (x0,))), q((x1,), (x0,))))
    assert simplify(entropy - log(2 * pi * E * instance.betas[1]) / 2) == 0
    c, a, _ = instance.steps[4]
    assert instance.value(ExpectationUnder(x3, q((x3,), (x4,), "p_theta"))) == c * x4 + a
    assert instance.value(ExpectationUnder(Integer(1), q((x4,), (), "p"))) == 1
    # The data's own law is the instance's: E[x_0] is its mean.
    assert instance.value(ExpectationUnder(x0, q((x0,)))) == instance.data_law.mean


def test_a_wrong_elbo_rewrite_is_refuted_in_an_instance():
    """Turning the KL divergences around is refuted: the counterexample is the instance (T, the
    schedule, the law of the data, the model) and a value of x_0."""
    from derive.diffusion import DivergenceKL

    derivation = load("elbo", "ddpm")
    final = derivation.steps[-1].expr
    swapped = final.replace(lambda e: isinstance(e, DivergenceKL), lambda e: DivergenceKL(e.q, e.p))
    verdict = _elbo_step(2, swapped)
    assert verdict.status == "refuted" and "Gaussian instance" in verdict.method
    names = [str(name) for name, _ in verdict.counterexample.values]
    assert "T" in names and "x_0" in names
    assert any(name.startswith("ConditionalDensity((x_3,), (x_4,), p_theta)") for name in names)


def test_bayes_rule_is_proved_for_every_joint_law():
    """q(x_0 | x_t) q(x_t) = q(x_t | x_0) q(x_0), which needs the law of the data: both are
    q(x_0, x_t); and q(a | b, c) q(b | c) = q(b | a, c) q(a | c) (both q(a, b, c) / q(c))."""
    from derive.core.checker import check_relation
    from derive.diffusion.process import joint_form

    derivation = load("bayes-markov", "ddpm")
    x0, previous, current = _process(derivation).nodes
    q = ConditionalDensity
    context = _context_with_process(derivation)
    bayes = q((x0,), (current,)) * q((current,))
    verdict = check_relation(bayes, "=", q((current,), (x0,)) * q((x0,)), context)
    assert verdict.status == "verified" and "q(A, C) / q(C)" in verdict.method
    wrong = check_relation(bayes, "=", q((current,), (x0,)) * q((current,)), context)
    assert wrong.status == "refuted"
    left = q((previous,), (current, x0)) * q((current,), (x0,))
    right = q((current,), (previous, x0)) * q((previous,), (x0,))
    other = q((current,), (previous,)) * q((previous,), (x0,))  # Markov: not by the definition
    assert check_relation(left, "=", right, context).status == "verified"
    assert joint_form(left) == joint_form(right) != joint_form(other)
    assert joint_form(q((current,), (current,))) is None  # not a density


def _context_with_process(derivation) -> CheckContext:
    """The context `derive verify` uses, with a generous time bound: these tests are about
    what the checker decides, not how fast (on a loaded machine 30 s can run out)."""
    return replace(context_of(derivation), timeout=120.0)


def test_a_conclusion_about_the_wrong_variable_is_refuted():
    """The posterior's conclusion, stated for x_0 given (x_t, x_{t−1}), is false in an instance;
    stated for a symbol that is no variable of the process, it is not well-formed."""
    from sympy import Tuple

    from derive.gaussian import Distributed, Given

    derivation = load("posterior", "ddpm")
    x0, previous, current = _process(derivation).nodes
    last = derivation.steps[-1]
    law = last.expr.law
    context = _context_with_process(derivation)
    wrong = Step(last.relation, Distributed(Given(x0, Tuple(current, previous)), law), last.rule)
    assert check_step(derivation.steps[-2].expr, wrong, context).status == "refuted"
    stranger = Symbol("y", real=True)
    odd = Step(last.relation, Distributed(Given(stranger, Tuple(current, x0)), law), last.rule)
    verdict = check_step(derivation.steps[-2].expr, odd, context)
    assert verdict.status == "ill-formed" and "not a variable" in verdict.reason


def _process(derivation):
    """The forward chain a derivation declared (the kernel holds its name only)."""
    from derive.diffusion.process import chain_of

    return chain_of(derivation.declared)
