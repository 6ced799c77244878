"""A Gaussian instance of the process and of the model: a witness that can refute a step.

The diffusion steps hold for every data distribution q(x_0) and every model p_θ, so a step that
is false for one choice of them is false. Where the checker cannot decide a step (a density
the chain does not determine, such as q(x_{t−1} | x_t), or an ELBO term left abstract), it
evaluates both sides in an instance where every density is Gaussian and known:

- T = 4 steps; a sum over t runs over its limits, a free t takes the value 3;
- the schedule β_k = 1 − r_k² with random rationals r_k in (0, 1), so that √α_k = r_k and
  every number stays exact;
- the data x_0 ~ N(m, v) with random rationals m, v > 0;
- the model p(x_T) = N(a_T, s_T), p_θ(x_{k−1} | x_k) = N(c_k x_k + a_k, s_k), random rationals
  (the prior p and p_θ are one joint law).

Every conditional density of either joint law is then Gaussian (mean and covariance by the
Schur complement), and an expectation of logarithms of densities is a Gaussian moment of a
quadratic. The values of the variables left free are sampled by the checker as usual. Sides
that differ refute the step, and the instance is part of the counterexample; sides that agree
prove nothing (one instance says nothing about every data distribution), and the step stays
unverified.

Example:
    >>> from sympy import Symbol
    >>> from derive.diffusion import ConditionalDensity as q, ExpectationUnder, notation
    >>> nt = notation("ddpm")
    >>> x_0, x_1 = nt.data, nt.latent(1)
    >>> instance = Instance(nt, seed=1)
    >>> instance.value(ExpectationUnder(x_1, q((x_1,), (x_0,)))) == instance.roots[1] * x_0
    True
    >>> instance.value(q((x_1,), (Symbol("y"),))) is None  # y is not a variable of the process
    True
"""

from __future__ import annotations

import random
import re

from sympy import (
    Add,
    Basic,
    Expr,
    ImmutableMatrix,
    Indexed,
    Integer,
    Mul,
    Poly,
    PolynomialError,
    Pow,
    Product,
    Rational,
    Sum,
    Symbol,
    exp,
    expand,
    log,
    pi,
)

from ..gaussian import Normal
from .expectations import DivergenceKL, ExpectationUnder
from .notation import Notation
from .process import ConditionalDensity

STEPS = 4  # T in the instance
FREE_T = 3  # the value of a t that no sum binds
MODEL_LABELS = ("p", "p_theta")


class Unevaluable(Exception):
    """The expression has a part the instance gives no value to."""


class Degenerate(Unevaluable):
    """A density, once t and T have values, names a variable twice: it is not a density."""


def is_variable(symbol: Basic, notation: Notation) -> bool:
    """Whether ``symbol`` names a variable of the process: the data, or a latent at an index
    (1, t, t − 1, T, …).

    Example:
        >>> from sympy import Symbol
        >>> from derive.diffusion import notation
        >>> nt = notation("course")
        >>> is_variable(nt.latent(nt.t - 1), nt), is_variable(Symbol("z_t_m"), nt)
        (True, False)
    """
    return symbol == notation.data or _latent_index(symbol, notation) is not None


def _latent_index(symbol: Basic, notation: Notation) -> tuple[str, int] | None:
    """A latent's index as (base, offset): z_{t-1} → ('t', -1), z_3 → ('', 3)."""
    if not isinstance(symbol, Symbol):
        return None
    prefix = notation.latent_name + "_"
    if not symbol.name.startswith(prefix):
        return None
    written = symbol.name[len(prefix) :]
    written = written[1:-1] if written.startswith("{") and written.endswith("}") else written
    found = re.fullmatch(r"(?:([tT])([+-]\d+)?|(\d+))", written)
    if found is None:
        return None
    if found.group(3) is not None:
        return "", int(found.group(3))
    return found.group(1), int(found.group(2) or 0)


class _LinearGaussian:
    """A joint normal law built node by node: each new node is coefficient × parent + shift +
    independent noise of the given variance."""

    def __init__(self):
        self.mean: dict[int, Expr] = {}
        self.cov: dict[tuple[int, int], Expr] = {}

    def add(self, node: int, parent: int | None, coefficient, shift, noise) -> None:
        known = list(self.mean)
        if parent is None:
            self.mean[node] = shift
            for other in known:
                self.cov[node, other] = self.cov[other, node] = Integer(0)
            self.cov[node, node] = noise
            return
        self.mean[node] = coefficient * self.mean[parent] + shift
        for other in known:
            self.cov[node, other] = self.cov[other, node] = coefficient * self.cov[parent, other]
        self.cov[node, node] = coefficient**2 * self.cov[parent, parent] + noise

    def log_density(self, targets: list[int], conditions: list[int], values: dict) -> Expr:
        """log of the conditional density of ``targets`` given ``conditions`` at the symbols
        ``values[node]``: a quadratic polynomial in them."""
        mean, cov = self.conditional(targets, conditions, values)
        gap = ImmutableMatrix([values[k] for k in targets]) - mean
        form = (gap.T * cov.inv() * gap)[0, 0]
        size = len(targets)
        return expand(-form / 2 - size * log(2 * pi) / 2 - log(cov.det()) / 2)

    def conditional(self, targets: list[int], conditions: list[int], values: dict):
        """The mean (in the conditions' symbols) and the covariance of ``targets`` given
        ``conditions``."""

        def block(rows, cols):
            return ImmutableMatrix([[self.cov[i, j] for j in cols] for i in rows])

        mean_t = ImmutableMatrix([self.mean[k] for k in targets])
        if not conditions:
            return mean_t, block(targets, targets)
        gain = block(targets, conditions) * block(conditions, conditions).inv()
        observed = ImmutableMatrix([values[k] - self.mean[k] for k in conditions])
        mean = mean_t + gain * observed
        return mean, block(targets, targets) - gain * block(conditions, targets)


class Instance:
    """The process of ``notation`` with T = 4, a random schedule and a random normal law of the
    data, and a random normal model; drawn from ``seed``."""

    def __init__(self, notation: Notation, seed: int):
        rng = random.Random(seed)
        self.notation = notation
        self.roots = {k: Rational(rng.randint(4, 19), 20) for k in range(1, STEPS + 1)}
        self.betas = {k: 1 - r**2 for k, r in self.roots.items()}
        data_mean, data_variance = Rational(rng.randint(-8, 8), 4), Rational(rng.randint(2, 12), 4)
        self.data_law = Normal(data_mean, data_variance)
        self.forward = _LinearGaussian()
        self.forward.add(0, None, 0, data_mean, data_variance)
        for k in range(1, STEPS + 1):
            self.forward.add(k, k - 1, self.roots[k], 0, self.betas[k])
        self.model = _LinearGaussian()
        self.steps = {}  # k -> (c_k, a_k, s_k) of p_θ(x_{k−1} | x_k); k = T + 1: the prior
        prior = (0, Rational(rng.randint(-4, 4), 4), Rational(rng.randint(2, 8), 4))
        self.steps[STEPS + 1] = prior
        self.model.add(STEPS, None, 0, prior[1], prior[2])
        for k in range(STEPS, 0, -1):
            step = (
                Rational(rng.randint(3, 15), 10),
                Rational(rng.randint(-5, 5), 5),
                Rational(rng.randint(2, 10), 8),
            )
            self.steps[k] = step
            self.model.add(k - 1, k, step[0], step[1], step[2])
        self.nodes = {0: notation.data, **{k: notation.latent(k) for k in range(1, STEPS + 1)}}

    def description(self, model: bool) -> tuple[tuple[Basic, Basic], ...]:
        """The instance as (name, value) pairs for a counterexample: T, the schedule, the law
        of the data and, if ``model``, the model's densities."""
        q = ConditionalDensity
        pairs = [(Symbol("T"), Integer(STEPS))]
        pairs += [(self.notation.beta[k], value) for k, value in self.betas.items()]
        pairs.append((q((self.nodes[0],)), self.data_law))
        if model:
            _, mean, variance = self.steps[STEPS + 1]
            pairs.append((q((self.nodes[STEPS],), (), "p"), Normal(mean, variance)))
            for k in range(STEPS, 0, -1):
                c, a, s = self.steps[k]
                law = Normal(c * self.nodes[k] + a, s)
                pairs.append((q((self.nodes[k - 1],), (self.nodes[k],), "p_theta"), law))
        return tuple(pairs)

    def value(self, expr: Basic) -> Basic | None:
        """``expr`` in this instance: sums over t carried out, every variable of the process
        renamed to the node it is at, every conditional density, expectation and divergence
        replaced by its Gaussian value; None if some part has no value here. Raises
        :class:`Degenerate` if a density names a variable twice once t and T have values."""
        try:
            return self._evaluate(self._concrete(expr, FREE_T))
        except Degenerate:
            raise
        except Unevaluable:
            return None

    def _concrete(self, expr: Basic, t_value: int) -> Basic:
        """Sums expanded, t and T replaced, variables renamed to nodes, families evaluated."""
        nt = self.notation
        if isinstance(expr, Sum):
            (index, low, high), *more = expr.limits
            if more or index != nt.t:
                raise Unevaluable(expr)
            first, last = (self._concrete(bound, t_value) for bound in (low, high))
            if not (first.is_Integer and last.is_Integer):
                raise Unevaluable(expr)
            return Add(*(self._concrete(expr.function, k) for k in range(first, last + 1)))
        if isinstance(expr, Symbol):
            if expr == nt.t:
                return Integer(t_value)
            if expr.name == "T":
                return Integer(STEPS)
            if expr == nt.data:
                return self.nodes[0]
            found = _latent_index(expr, nt)
            if found is None:
                return expr
            base, offset = found
            node = offset + {"": 0, "t": t_value, "T": STEPS}[base]
            if node not in self.nodes:
                raise Unevaluable(expr)
            return self.nodes[node]
        if isinstance(expr, Indexed):
            index = self._concrete(expr.indices[0], t_value)
            if not index.is_Integer:
                raise Unevaluable(expr)
            family = nt.definitions.get(expr.base)
            if family is not None:
                return self._concrete(family(index).doit(), t_value)
            if expr.base == nt.beta and int(index) in self.betas:
                return self.betas[int(index)]
            raise Unevaluable(expr)
        if isinstance(expr, Product):
            (index, low, high), *more = expr.limits
            if more:
                raise Unevaluable(expr)
            first, last = (self._concrete(bound, t_value) for bound in (low, high))
            return self._concrete(Product(expr.function, (index, first, last)).doit(), t_value)
        if not expr.args:
            return expr
        return expr.func(*(self._concrete(a, t_value) for a in expr.args))

    def _evaluate(self, expr: Basic) -> Basic:
        """Conditional densities, expectations and divergences replaced by their values."""
        if isinstance(expr, ConditionalDensity):
            return exp(self._log_density(expr))
        if isinstance(expr, log):
            inner = expr.args[0]
            if inner.has(ConditionalDensity):
                return Add(*(self._log_factor(f) for f in _factors(inner)))
        if isinstance(expr, DivergenceKL):
            p, q = expr.p, expr.q
            if not isinstance(q, ConditionalDensity) or set(self._split(p)[0]) != set(
                self._split(q)[0]
            ):
                raise Unevaluable(expr)
            return self._expect(self._log_density(p) - self._log_density(q), p)
        if isinstance(expr, ExpectationUnder):
            return self._expect(self._evaluate(expr.body), expr.density)
        if not expr.args or isinstance(expr, ConditionalDensity):
            return expr
        return expr.func(*(self._evaluate(a) for a in expr.args))

    def _log_factor(self, factor: tuple[Basic, Integer]) -> Basic:
        base, power = factor
        if isinstance(base, ConditionalDensity):
            return power * self._log_density(base)
        return power * log(self._evaluate(base))

    def _joint(self, density: ConditionalDensity) -> _LinearGaussian:
        label = density.label
        if label == "q":
            return self.forward
        if label in MODEL_LABELS:
            return self.model
        raise Unevaluable(density)

    def _indices(self, variables: tuple) -> list[int]:
        found = {v: k for k, v in self.nodes.items()}
        if any(v not in found for v in variables):
            raise Unevaluable(variables)
        return [found[v] for v in variables]

    def _split(self, density: Basic) -> tuple[list[int], list[int]]:
        """The nodes of a density's targets and conditions (each variable once)."""
        if not isinstance(density, ConditionalDensity):
            raise Unevaluable(density)
        targets, conditions = (self._indices(v) for v in (density.targets, density.conditions))
        if not targets:
            raise Unevaluable(density)
        if len(set(targets + conditions)) != len(targets) + len(conditions):
            raise Degenerate(density)
        return targets, conditions

    def _log_density(self, density: ConditionalDensity) -> Expr:
        targets, conditions = self._split(density)
        return self._joint(density).log_density(targets, conditions, self.nodes)

    def _expect(self, body: Expr, density: ConditionalDensity) -> Expr:
        """E over ``density``'s targets of ``body``, a polynomial of degree ≤ 2 in them."""
        targets, conditions = self._split(density)
        mean, cov = self._joint(density).conditional(targets, conditions, self.nodes)
        symbols = [self.nodes[k] for k in targets]
        try:
            poly = Poly(expand(body), *symbols)
        except PolynomialError as error:
            raise Unevaluable(body) from error
        if poly.total_degree() > 2:
            raise Unevaluable(body)
        total = Integer(0)
        for powers, coefficient in poly.terms():
            used = [i for i, p in enumerate(powers) for _ in range(p)]
            if not used:
                moment = Integer(1)
            elif len(used) == 1:
                moment = mean[used[0]]
            else:
                i, j = used
                moment = cov[i, j] + mean[i] * mean[j]
            total += coefficient * moment
        return expand(total)


def _factors(expr: Basic) -> list[tuple[Basic, Integer]]:
    """``expr`` as a product of powers (base, integer exponent); others raise Unevaluable."""
    found = []
    for factor in Mul.make_args(expr):
        base, power = (factor.base, factor.exp) if isinstance(factor, Pow) else (factor, 1)
        if not Integer(power).is_Integer:
            raise Unevaluable(expr)
        found.append((base, Integer(power)))
    return found


def refute_in_instance(lhs: Basic, symbol: str, rhs: Basic, var, notation: Notation, seed: int):
    """A refuting verdict if ``lhs <symbol> rhs`` (``=``, or ``∝`` in ``var``) is false in the
    instance drawn from ``seed``; None otherwise (true there, or not evaluable)."""
    from dataclasses import replace

    from ..core.checker import CheckContext, check_equal, check_proportional
    from ..core.verdict import Verdict

    instance = Instance(notation, seed)
    try:
        left, right = instance.value(lhs), instance.value(rhs)
    except Degenerate as error:
        return Verdict.ill_formed(
            f"with T = {STEPS}, a term has the density "
            f"{_written(error.args[0])}, which names a variable twice",
        )
    if left is None or right is None or symbol not in ("=", "∝"):
        return None
    if symbol == "=":
        verdict = check_equal(left, right, CheckContext())
    else:
        variable = instance.value(var)
        if variable is None or not isinstance(variable, Symbol):
            return None
        verdict = check_proportional(left, right, variable, CheckContext())
    if verdict.status != "refuted":
        return None
    densities = lhs.atoms(ConditionalDensity) | rhs.atoms(ConditionalDensity)
    model = any(d.label in MODEL_LABELS for d in densities)
    example = verdict.counterexample
    example = replace(example, values=instance.description(model) + example.values)
    return Verdict.refuted(f"{verdict.method} in a Gaussian instance of the process", example)


def _written(density: ConditionalDensity) -> str:
    """q(a, b | c) as plain text."""
    targets = ", ".join(map(str, density.targets))
    if not density.conditions:
        return f"{density.label}({targets})"
    return f"{density.label}({targets} | {', '.join(map(str, density.conditions))})"
