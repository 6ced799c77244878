"""The checker: decides each step on its own, by a route independent of the script's.

Both sides of a step are first reduced by :func:`derive.core.reduction.reduce`, with the
reducers the domains registered (the Gaussian domain: densities by their formula, KL and
entropy by their definitions, expectations by Gaussian integrals against the declared laws);
the checker never looks at how the script built the new side. Then:

1. both sides are evaluated to 50 digits at random points of the symbols' domain (exact
   rational coordinates, drawn from a seed fixed by the step's content): a disagreement refutes
   the step, with the point and both values as the counterexample;
2. the difference is simplified symbolically: zero proves the step ("symbolic");
3. otherwise agreement at every point verifies it as "numeric", and says so.

``∝ x`` is checked on the ratio of the sides, which must not depend on ``x``. Domains add what
their objects need through plug-ins (:mod:`derive.core.plugins`): the Gaussian domain decides
``~`` (a random expression has a law) by comparing characteristic functions, ``⇒ Z ~ law`` the
same way, and the side conditions of the theorems that carry a step
(:mod:`derive.gaussian.theorems`); the
diffusion domain refuses densities of symbols that are not variables of its process, proves
steps that are the same ratio of joint densities, and evaluates a step left undecided in a
Gaussian instance of the process, which can refute it but never verifies it.
Anything the checker cannot decide, including running out of time, is *unverified*, with the
reason.

Example:
    >>> from sympy import symbols
    >>> from derive.core.model import EQ, Step
    >>> from derive.core.rules import Rule
    >>> a, b = symbols("a b", positive=True)
    >>> str(check_step((a + b)**2, Step(EQ, a**2 + 2*a*b + b**2, Rule("expand"))).status)
    'verified'
    >>> str(check_step((a + b)**2, Step(EQ, a**2 + b**2, Rule("expand"))).status)
    'refuted'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sympy import Basic, Float, Indexed, IndexedBase, MatrixBase, MatrixExpr, MatrixSymbol, Symbol
from sympy.core.function import UndefinedFunction

from ..errors import CheckTimeout
from . import symbolic
from .compare import compare_values, is_exact
from .config import DEFAULT, Config
from .divergence import divergent_integral
from .functions import instances, real_valued, undefined_functions
from .matrices import check_matrix_step, has_matrices
from .model import Step
from .plugins import PLUGINS
from .reduction import numeric_value, reduce
from .rules import Assumed, Definition, Induction, Lemma, Theorem
from .sampling import (
    in_exponents,
    instantiate,
    items,
    opaque_atoms,
    point_count,
    sample_points,
    seed_of,
    simple_members,
    simple_points,
    symbols_of,
)
from .timebound import time_bound
from .verdict import Counterexample, Verdict


@dataclass(frozen=True)
class CheckContext:
    """What the checker knows beyond the step.

    Attributes:
        ranges: open intervals for symbols (``{beta: (0, 1)}``).
        timeout: the time bound of one check, in seconds (``None``: unbounded).
        variables: declared random variables and their laws (independent).
        definitions: symbols that stand for expressions (substituted before checking).
        start: the first expression of the chain the step belongs to.
        nonzero: expressions the domain excludes the zeros of (a given ``a ≠ b`` is ``a - b``),
            matched to the points by the names of their symbols.
        facts: ``(name, value)`` strings a domain declared (which process the steps are
            about, see :class:`~derive.core.model.Declared`), read by its plug-ins only.
        assumed: the model's :class:`~derive.core.model.Assumption` s that ``definitions``
            encode; a step verified only with one is verified "by assumption".
    """

    ranges: dict = field(default_factory=dict)
    timeout: float | None = DEFAULT.timeout
    variables: dict = field(default_factory=dict)
    definitions: dict = field(default_factory=dict)
    start: Basic | None = None
    matrices: dict = field(default_factory=dict)
    sizes: tuple = ()
    groups: tuple = ()
    facts: tuple = ()
    config: Config = DEFAULT
    nonzero: tuple = ()
    assumed: tuple = ()

    def fact(self, name: str) -> str | None:
        """The value of the declared fact ``name``, or None."""
        return dict(self.facts).get(name)

    def instantiated(self, mapping: dict, groups: list) -> CheckContext:
        """This context at an explicit size: matrix symbols replaced by ``mapping``."""
        from .matrices import at_size

        return replace(
            self,
            variables={at_size(k, mapping): at_size(v, mapping) for k, v in self.variables.items()},
            definitions={k: at_size(v, mapping) for k, v in self.definitions.items()},
            start=None if self.start is None else at_size(self.start, mapping),
            groups=tuple(groups),
        )

    def points(
        self, symbols: list, seed: int, count: int | None = None, exponents=frozenset()
    ) -> list[dict]:
        """Random points for ``symbols`` (enough for every sign pattern, see
        :func:`~derive.core.sampling.point_count`); covariance entries jointly positive
        definite."""
        if count is None:
            config = self.config
            count = point_count(symbols, self.ranges, config.points, config.max_points)
        if self.groups:
            from .matrices import joint_points

            return joint_points(symbols, list(self.groups), self.ranges, seed, count)
        return sample_points(symbols, self.ranges, seed, count, exponents)


def check_step(lhs: Basic, step: Step, context: CheckContext | None = None) -> Verdict:
    """Decide ``lhs <step.relation> step.expr``."""
    context = context or CheckContext()
    if isinstance(step.rule, Assumed):
        return Verdict.unverified(f"assumed without a check: {step.rule.name}")
    try:
        with time_bound(context.timeout):
            false_formula = _false_formula(step.rule, context)
            if false_formula is not None:
                return false_formula
            if isinstance(step.rule, (Theorem, Induction)):
                return _check_theorem(lhs, step, context)
            verdict = check_relation(
                lhs, step.relation.symbol, step.expr, context, step.relation.var
            )
            return _apart_from_assumptions(lhs, step, context, verdict)
    except CheckTimeout as timeout:
        return Verdict.unverified(str(timeout))
    except RecursionError:
        return Verdict.unverified("the step is nested too deeply for the checker")
    except Exception as error:  # noqa: BLE001 - SymPy failing inside a check decides nothing
        return Verdict.unverified(f"the checker could not evaluate this step ({_kind(error)})")


def _apart_from_assumptions(lhs, step: Step, context: CheckContext, verdict: Verdict) -> Verdict:
    """``verdict``, or, if the step is verified only because the definitions encode one of the
    model's assumptions, the same verdict "by assumption", naming it: the step is checked again
    with the objects the assumption reduces left as its ``without`` says (the algebra apart from
    the declared fact); if that check does not verify it, the step rests on the assumption."""
    if not verdict.verified:
        return verdict
    for assumption in context.assumed:
        changed = {k: v for k, v in assumption.without if context.definitions.get(k) != v}
        if not changed or not any(side.has(*changed) for side in (lhs, step.expr)):
            continue
        alternative = replace(context, definitions={**context.definitions, **changed}, assumed=())
        if check_step(lhs, step, alternative).verified:
            continue
        verdict = Verdict.assumed(
            verdict.method,
            assumptions=tuple(dict.fromkeys((*verdict.assumptions, assumption.name))),
        )
    return verdict


def _kind(error: Exception) -> str:
    """What failed and in which package, for a report (never the exception's own text)."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    where = frame.tb_frame.f_globals.get("__name__", "?") if frame is not None else "?"
    return f"{type(error).__name__} in {where.split('.')[0]}"


def _check_theorem(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    """The side conditions of the theorem that carries ``step``, as its domain checks them."""
    kind = "induction" if isinstance(step.rule, Induction) else step.rule.kind
    check = PLUGINS.theorems.get(kind)
    if check is None:  # no domain that knows the theorem was imported
        return Verdict.unverified(f"no check of the side conditions of '{kind}' is known")
    return check(lhs, step, context)


def _false_formula(rule, context: CheckContext) -> Verdict | None:
    """An unverified verdict if an equation the rule quotes is false in the step's context
    (a justification must be true where it is used), else None. Lemmas' statements are
    verified with their derivations, and definitions and substitutions are not claims."""
    if isinstance(rule, (Lemma, Definition)):
        return None
    for formula in rule.formulas:
        if getattr(formula, "rel_op", None) != "==" or isinstance(formula.lhs, (Symbol, Indexed)):
            continue  # not an equation, or a substitution (u = x − μ) rather than an identity
        verdict = check_relation(formula.lhs, "=", formula.rhs, context)
        if verdict.status == "refuted":
            values = ", ".join(f"{k} = {v}" for k, v in verdict.counterexample.values)
            return Verdict.unverified(
                f"the rule quotes a false formula: {formula.lhs} = {formula.rhs} fails at {values}"
            )
    return None


def check_relation(lhs, symbol: str, rhs, context: CheckContext, var=None) -> Verdict:
    """Decide ``lhs <symbol> rhs`` for the relations the checker knows, with the plug-ins the
    domains registered (see :mod:`derive.core.plugins`): guards first, then a domain's own
    check or the kernel's, then, for a step left unverified, alternative proofs and refuters.
    """
    guarded = PLUGINS.first(PLUGINS.guards, lhs, symbol, rhs, context, var)
    if guarded is not None:
        return guarded
    for side in (lhs, rhs):
        diverges = divergent_integral(side) if isinstance(side, Basic) else None
        if diverges:
            return Verdict.ill_formed(diverges)
    verdict = PLUGINS.first(PLUGINS.relations, lhs, symbol, rhs, context, var)
    if verdict is None:
        verdict = _check_relation(lhs, symbol, rhs, context, var)
    if verdict.status != "unverified":
        return verdict
    for kind in (PLUGINS.alternatives, PLUGINS.refuters):
        found = PLUGINS.first(kind, lhs, symbol, rhs, context, var)
        if found is not None:
            return found
    return verdict


def _check_relation(lhs, symbol: str, rhs, context: CheckContext, var=None) -> Verdict:
    if has_matrices(lhs, rhs):
        return check_matrix_step(lhs, symbol, rhs, context, var)
    if symbol == "=":
        return check_equal(lhs, rhs, context)
    decided = PLUGINS.first(PLUGINS.decisions, lhs, symbol, rhs, context, var)
    if decided is not None:  # what a domain gives a meaning to (a law, a conclusion Z ~ law)
        return decided
    if symbol == "∝":
        return check_proportional(lhs, rhs, var, context)
    if symbol == "≤":
        return check_at_most(lhs, rhs, context)
    return Verdict.unverified(f"no check for the relation '{symbol}'")


def check_equal(lhs: Basic, rhs: Basic, context: CheckContext) -> Verdict:
    """``lhs = rhs``: numbers, or two laws (equal parameters).

    A few random points first (a disagreement refutes at once), then a symbolic proof; if
    there is none, every point of the full set: agreement there is numeric evidence only. Two
    numbers with no symbol are compared once, exactly where both are exact (an exact agreement
    is a proof).
    """
    decided = PLUGINS.first(PLUGINS.decisions, lhs, "=", rhs, context, None)
    if decided is not None:  # two objects of a domain (two laws) equal by its own rule
        return decided
    if has_matrices(lhs, rhs):
        return check_matrix_step(lhs, "=", rhs, context)
    left, right = prepare(lhs, context), prepare(rhs, context)
    if undefined_functions(left, right):
        return _check_for_every_function(lhs, rhs, left, right, context)
    unknowns = {
        atom: Symbol(f"_u{i}", real=True) for i, atom in enumerate(opaque_atoms(left, right))
    }
    left, right = left.xreplace(unknowns), right.xreplace(unknowns)
    named = {symbol: atom for atom, symbol in unknowns.items()}
    symbols = symbols_of(left, right)
    constant = not symbols and not any(side.has(Indexed) for side in (left, right))
    seed = 0 if constant else seed_of(lhs, rhs)
    points = [{}] if constant else context.points(symbols, seed, None, in_exponents(left, right))
    config = context.config
    outcomes = []

    def evaluate(batch, digits):
        for point in batch:
            (a, b), full = exact_values([left, right], point, context, seed)
            comparison = compare_values(a, b, digits)
            if comparison.outcome == "differ":
                if comparison.exact:  # (values from quadrature: not worth more integrals)
                    (a, b), full, comparison = _readable(
                        left, right, point, context, seed, digits
                    ) or ((a, b), full, comparison)
                values = tuple((named.get(s, s), v) for s, v in items(full))
                return _refuted(values, a, b, comparison.exact, context)
            outcomes.append(comparison)
        return None

    quick = points if constant else points[: config.quick_points]
    refuted = evaluate(quick, config.max_digits)
    if refuted:
        return refuted
    if constant and outcomes[0].outcome == "agree" and outcomes[0].exact:
        return Verdict.proof("exact evaluation: both sides are the same number")
    proof = symbolic.equal(left, right, context.ranges)
    if proof:
        return Verdict.proof(f"symbolic: {_route(lhs, rhs)}{proof}")
    refuted = evaluate(points[len(quick) :], config.more_digits)
    if refuted:
        return refuted
    if outcomes and all(c.outcome == "agree" for c in outcomes):
        digits = min(c.digits if not c.exact else config.more_digits for c in outcomes)
        if constant:
            return Verdict.numeric(f"equal to {digits} digits", points=0, digits=digits)
        where = f"at {len(points)} random points"
        return Verdict.numeric(f"equal {where}", points=len(points), digits=digits)
    reasons = [c.reason for c in outcomes if c.outcome == "unknown" and c.reason]
    if reasons:
        return Verdict.unverified(f"not simplified to zero, and {reasons[0]}")
    return Verdict.unverified("not simplified to zero, and not evaluable at every point")


def _check_for_every_function(lhs, rhs, left, right, context: CheckContext) -> Verdict:
    """``left = right`` for every function put in for the undefined ones: a symbolic proof
    with them abstract (real-valued, if that is what it takes, and then said), or a concrete
    function that refutes it; else unverified, naming the functions tried."""
    proof = symbolic.equal(left, right, context.ranges)
    if proof:
        return Verdict.proof(f"symbolic, for every function: {proof}")
    real_left, real_right, assumed = real_valued(left, right)
    if assumed:
        proof = symbolic.equal(real_left, real_right, context.ranges)
        if proof:
            return Verdict.proof(f"symbolic, for every function: {proof}", assumptions=assumed)
    agreed, undecided = [], []
    for shown, concrete_left, concrete_right in instances(left, right, seed_of(lhs, rhs)):
        verdict = check_equal(concrete_left, concrete_right, context)
        if verdict.status == "refuted":
            example = verdict.counterexample
            return Verdict.refuted(f"{verdict.method} with {shown}", example)
        (agreed if verdict.status == "verified" else undecided).append(shown)
    reason = "the functions are arbitrary and no proof covers them all; the sides agree for "
    reason += " and for ".join(agreed) if agreed else "none of the functions tried"
    if undecided:
        reason += "; undecided for " + " and for ".join(undecided)
    return Verdict.unverified(reason)


def _readable(left, right, point: dict, context: CheckContext, seed: int, digits: int):
    """A refutation at small values instead of the random ``point`` where the sides differ:
    ``((a, b), point, comparison)`` at the first simple point where they differ exactly, or
    None (then the random point is the counterexample)."""
    for simple in simple_points(list(point), context.ranges, point):
        if excluded(simple, context.nonzero):
            continue
        simple = {**simple, **simple_members([left, right], simple, context.ranges)}
        try:
            (a, b), full = exact_values([left, right], simple, context, seed)
            comparison = compare_values(a, b, digits)
        except CheckTimeout:  # the time bound is spent: the random point will do
            return None
        except Exception:  # noqa: BLE001  (a value undefined there: try the next point)
            continue
        if comparison.outcome == "differ" and comparison.exact:
            return (a, b), full, comparison
    return None


def excluded(point: dict, nonzero: tuple) -> bool:
    """Whether ``point`` is a zero of one of the ``nonzero`` expressions (or may be one)."""
    by_name = {str(s): v for s, v in point.items()}
    for expr in nonzero:
        value = expr.subs({s: by_name[str(s)] for s in expr.free_symbols if str(s) in by_name})
        if value.free_symbols or value.is_zero is not False:
            return True
    return False


def _refuted(values, a, b, exact: bool, context: CheckContext) -> Verdict:
    how = "exact evaluation" if exact else "numeric evaluation"
    difference = shown_value(a - b) if exact else None  # what differs, however long the sides
    return Verdict.refuted(
        how, Counterexample(values, shown_value(a), shown_value(b), difference=difference)
    )


def shown_value(value: Basic) -> Basic:
    """A value as a counterexample shows it: exact if short, else to 20 digits."""
    if getattr(value, "is_Rational", False) and _digits(value.p) + _digits(value.q) <= 40:
        return value
    try:
        return value.evalf(20)
    except (TypeError, ValueError, ArithmeticError):
        return value


def _digits(number: int) -> int:
    """An upper bound of the decimal digits of ``number``, without converting it to text
    (which Python refuses past a limit, and which takes quadratic time)."""
    return int(abs(number).bit_length() * 0.30103) + 1


def check_proportional(lhs: Basic, rhs: Basic, var: Symbol, context: CheckContext) -> Verdict:
    """``lhs ∝ rhs`` as functions of ``var``: the ratio does not depend on ``var``."""
    left, right = prepare(lhs, context), prepare(rhs, context)
    variables = list(var) if isinstance(var, MatrixBase) else [var]
    others = [s for s in symbols_of(left, right) if s not in variables]
    config = context.config
    exponents = in_exponents(left, right)
    base_points = context.points(others, seed_of(lhs, rhs), None, exponents)
    count = len(base_points)
    var_points = sample_points(variables, context.ranges, seed_of(rhs, lhs), 2 * count, exponents)
    seed = seed_of(lhs, rhs)
    outcomes = []

    def evaluate(indices, digits):
        for i in indices:
            point = base_points[i]
            evaluated = [
                exact_values([left, right], {**point, **var_points[2 * i + k]}, context, seed)
                for k in (0, 1)
            ]
            sides = [tuple(values) for values, _ in evaluated]
            at = [full for _, full in evaluated]
            if any(compare_values(b, 0).outcome != "differ" for _, b in sides):
                continue  # the ratio is undefined at this point
            comparison = compare_values(
                sides[0][0] * sides[1][1], sides[1][0] * sides[0][1], digits
            )
            if comparison.outcome == "differ":
                (a, b), (c, d) = ((shown_value(x) for x in pair) for pair in sides)
                (p, q), (r, u) = sides  # the change of the ratio, however long the sides
                change = shown_value(p / q - r / u) if comparison.exact else None
                example = Counterexample(
                    items(at[0]), a, b, values2=items(at[1]), lhs2=c, rhs2=d, difference=change
                )
                how = "exact evaluation" if comparison.exact else "numeric evaluation"
                return Verdict.refuted(how, example)
            outcomes.append(comparison)
        return None

    quick = min(config.quick_points, count)
    refuted = evaluate(range(quick), config.max_digits)
    if refuted:
        return refuted
    proof = symbolic.constant_ratio(left, right, variables)
    if proof:
        route = _route(lhs, rhs)
        return Verdict.proof(f"symbolic: ratio constant in {var}: {route}{proof}")
    refuted = evaluate(range(quick, count), config.more_digits)
    if refuted:
        return refuted
    if len(outcomes) == count and all(c.outcome == "agree" for c in outcomes):
        digits = min(c.digits if not c.exact else config.more_digits for c in outcomes)
        return Verdict.numeric(
            f"ratio constant in {var} at {count} random points", points=count, digits=digits
        )
    return Verdict.unverified(f"could not show the ratio is constant in {var}")


def check_at_most(lhs: Basic, rhs: Basic, context: CheckContext) -> Verdict:
    """``lhs ≤ rhs`` with no theorem named: it can be refuted, not proved."""
    left, right = prepare(lhs, context), prepare(rhs, context)
    seed = seed_of(lhs, rhs)
    exponents = in_exponents(left, right)
    for point in context.points(symbols_of(left, right), seed, None, exponents):
        (a, b), point = exact_values([left, right], point, context, seed)
        comparison = compare_values(a, b, context.config.max_digits)
        if comparison.outcome == "differ" and (a - b).is_positive:
            return _refuted(items(point), a, b, comparison.exact, context)
    return Verdict.unverified("an inequality needs a named theorem to be proved")


def prepare(expr: Basic, context: CheckContext) -> Basic:
    """``expr`` as the checker compares it: definitions substituted, then reduced against the
    declared laws."""
    return reduce(substitute(expr, context.definitions), _laws(context))


def _laws(context: CheckContext) -> dict:
    """The declared random variables' laws, with definitions substituted."""
    return {v: substitute(law, context.definitions) for v, law in context.variables.items()}


def substitute(expr: Basic, definitions: dict) -> Basic:
    """Replace defined symbols by their definitions, until none is left (a definition may use
    another); an indexed family (``abar``) or a function (``f``) is defined by a
    :class:`~sympy.Lambda` (``abar[k] = Product(alpha[s], (s, 1, k))``)."""
    for _ in range(len(definitions) + 1):
        before = expr
        for name, value in definitions.items():
            if isinstance(name, UndefinedFunction):
                expr = expr.replace(name, value)
            elif isinstance(name, IndexedBase):
                expr = expr.replace(
                    lambda e, name=name: isinstance(e, Indexed) and e.base == name,
                    lambda e, value=value: value(*e.indices),
                )
            elif isinstance(name, MatrixSymbol) and not isinstance(value, MatrixExpr):
                expr = expr.xreplace(_as_number(name, value))  # A = √(1 − β): Aᵀ is √(1 − β)
            else:
                expr = expr.xreplace({name: value})
        if expr == before:
            break
    return expr


def _as_number(name, value) -> dict:
    """A matrix symbol defined as a number: its transpose and inverse are that number's."""
    from sympy import Inverse, Transpose

    return {Transpose(name): value, Inverse(name): 1 / value, name: value}


def exact_values(exprs: list[Basic], point: dict, context: CheckContext, seed: int):
    """Both sides' values at ``point`` (completed with the members of indexed families):
    exact where the reduction leaves arithmetic only, numerically integrated otherwise.

    A symbol in an exponent takes its value as a float of the working precision plus 50
    digits: exact rational powers (b^(p/q) with large b) can take SymPy minutes, and such
    values are then compared as numbers (evidence), not exactly."""
    laws = _laws(context)
    exponents = in_exponents(*exprs)
    digits = context.config.digits + 50
    shown = dict(point)
    point = {s: Float(v, digits) if s in exponents else v for s, v in point.items()}
    done, point = instantiate([*exprs, *laws.values()], point, context.ranges, seed)
    point = {s: shown.get(s, v) for s, v in point.items()}
    numeric_laws = dict(zip(laws, done[len(exprs) :], strict=True))
    values = []
    for expr in done[: len(exprs)]:
        value = reduce(expr, numeric_laws)
        if not is_exact(value):
            value = numeric_value(value, {}, context.config.digits, numeric_laws)
        values.append(value)
    return values, point


def _route(lhs: Basic, rhs: Basic) -> str:
    """How the sides were reduced, as a domain names it ("Gaussian integrals; "), or ""."""
    for route in PLUGINS.routes:
        named = route(lhs, rhs)
        if named:
            return named
    return ""
