"""Side conditions of the named theorems a step may rest on.

- ``uniqueness`` (``⇒ Z ~ law``): the chain started from φ_Z(t), and the expression reached
  equals the characteristic function of ``law`` for every t. Then Z has that law.
- ``factorization`` (``⇒ x_a | x_b ~ law``): the chain started from the joint density of a
  vector x whose two parts x_a, x_b are defined as complementary blocks of its rows, and
  reached a product N(x_a; m, S)·N(x_b; μ_b, Σ_b) in which the parameters do not depend on
  x_a. The first factor integrates to one over x_a, so the second is the marginal density of
  x_b, and the first, the joint divided by the marginal, is the conditional density of x_a.
- ``normalization`` (``⇒ y | c ~ law``): the chain started from a conditional density of y
  and reached the density of ``law`` at y by ``=`` and ``∝`` in y: two densities in y that are
  proportional are equal. The checker also compares the start with the law's density
  directly, where it can reduce the start (the conditional densities of a process).
- ``gibbs`` (``a ≤ b``): the rule's formula is ``D_KL(P ‖ Q) ≥ 0`` and ``b - a`` equals that
  divergence. Then ``a ≤ b``.

Each is registered with the kernel (:func:`derive.core.plugins.register_theorem`) when the
domain is imported, with ``induction`` for :class:`~derive.core.rules.Induction` (a law for
every index).

Example:
    >>> sorted(CHECKS)
    ['factorization', 'gibbs', 'normalization', 'uniqueness']
"""

from __future__ import annotations

from sympy import Basic, I, MatMul, MatrixSlice, MatrixSymbol, Mul, Transpose, Tuple, exp

from ..core.checker import CheckContext, check_equal, check_relation
from ..core.model import Step
from ..core.plugins import PLUGINS
from ..core.statements import Distributed
from ..core.verdict import Status, Verdict, strength_phrase, weakest
from .laws import T, check_law
from .multivariate import MvNormal, Scalar
from .objects import KL, Both, CharacteristicFunction, Density, Expectation, Given, Normal
from .reduce import BOUND


def induction(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    """``⇒ Z ~ law(t + 1)`` for every t: the chain went from Z to ``law(t + 1)`` assuming the
    hypothesis variable has ``law(t)``, and the base case proves ``law(1)``."""
    rule, claim = step.rule, step.expr
    if step.relation.symbol != "⇒" or not isinstance(claim, Distributed):
        return Verdict.unverified("induction concludes a statement 'Z ~ law' by ⇒")
    if claim.expr != context.start:
        # The induction cannot carry the step; the statement may still be seen to be false.
        verdict = check_law(claim.expr, claim.law, context)
        if verdict.status in ("refuted", "ill-formed"):
            return verdict
        return Verdict.unverified(f"the chain does not start from {claim.expr}")
    base = rule.derivation.statement
    if not isinstance(base, Distributed) or rule.hypothesis not in context.variables:
        return Verdict.unverified("the base case or the hypothesis is not a law")
    t = rule.index
    if not _first_member(base.expr, claim.expr, t) or base.expr in context.variables:
        return Verdict.unverified(
            f"the base case is a law of {base.expr}, not of {claim.expr} at the first index"
        )
    conditions = [
        ("the chain reaches the claimed law", lhs, claim.law),
        (
            "the hypothesis is the claim one index earlier",
            context.variables[rule.hypothesis],
            claim.law.xreplace({t: t - 1}),
        ),
        ("the base case is the claim at the first index", base.law, claim.law.xreplace({t: 0})),
    ]
    methods = []
    for what, left, right in conditions:
        verdict = check_equal(left, right, context)
        if not verdict.verified:
            return verdict.with_reason(f"{what}: {verdict.reason}")
        if not verdict.is_proof:  # evidence at some t says nothing of every t
            return Verdict.unverified(
                f"{what} only as {strength_phrase(verdict)}; induction needs it for every index"
            )
        methods.append(verdict)
    return weakest(
        methods, "induction: step, hypothesis and base case fit the claim; " + methods[-1].method
    )


def _first_member(base: Basic, claim: Basic, index: Basic) -> bool:
    """Whether ``base`` is the member of ``claim``'s family at the first index (``index`` = 0),
    by their names: x_1 for x_{t+1}, x_0 for x_t. A variable of another family (y_1), or
    another member (x_5), is not; nor is anything if the claim's subscript is not ``index``
    or ``index + 1``."""
    (stem, subscript), (other, first) = (_parts(s) for s in (claim, base))
    if stem != other:
        return False
    for member in (index, index + 1):
        if subscript == _compact(member):
            return first == _compact(member.xreplace({index: 0}))
    return False


def _parts(symbol: Basic) -> tuple[str, str]:
    """A variable's name split into its stem and its subscript, braces and spaces removed."""
    stem, _, subscript = getattr(symbol, "name", str(symbol)).partition("_")
    return stem, subscript.strip("{}").replace(" ", "")


def _compact(index: Basic) -> str:
    return str(index).replace(" ", "")


def _uniqueness(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    claim, start = step.expr, context.start
    if step.relation.symbol != "⇒" or not isinstance(claim, Distributed):
        return Verdict.unverified("uniqueness concludes a statement 'Z ~ law' by ⇒")
    from_phi = isinstance(start, CharacteristicFunction)
    t = start.t if from_phi else T
    phi_law = _characteristic_function(claim.law, t)
    if phi_law is None:
        return Verdict.unverified("only normal laws are compared")
    if not from_phi or start.argument != claim.expr:
        # The theorem cannot carry the step; the statement may still be seen to be false.
        verdict = check_equal(CharacteristicFunction(claim.expr, t), phi_law, context)
        if verdict.status == "refuted":
            return verdict
        return Verdict.unverified(
            f"the chain does not start from the characteristic function of {claim.expr}",
        )
    verdict = check_equal(lhs, phi_law, context)
    if verdict.status != "verified":
        return verdict
    said = "side condition: the chain's characteristic function is the concluded law's, for every t"
    return verdict.with_method(f"{said}; {verdict.method}")


def _characteristic_function(law: Basic, t: Basic) -> Basic | None:
    """φ(t) = E[exp(i tᵀy)] for y ~ ``law`` (normal laws only; else None)."""
    if isinstance(law, MvNormal):
        y = MatrixSymbol("y_", law.dimension, 1)
        return Expectation(exp(I * Scalar(MatMul(Transpose(t), y))), y, law)
    if isinstance(law, Normal):
        return Expectation(exp(I * t * BOUND), BOUND, law)
    return None


def _gibbs(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    formula = step.rule.formula
    is_instance = (
        getattr(formula, "rel_op", None) == ">="
        and isinstance(formula.lhs, KL)
        and formula.rhs == 0
    )
    if step.relation.symbol != "≤" or not is_instance:
        return Verdict.unverified(
            "Gibbs' inequality takes the formula D_KL(P ‖ Q) ≥ 0 and a step ≤"
        )
    verdict = check_equal(step.expr - lhs, formula.lhs, context)
    if verdict.status != "verified":
        return verdict
    return verdict.with_method(f"the gap is D_KL ≥ 0; {verdict.method}")


def _factorization(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    claim, start = step.expr, context.start
    statements = claim.args if isinstance(claim, Both) else ()
    shaped = (
        len(statements) == 2
        and all(isinstance(s, Distributed) for s in statements)
        and isinstance(statements[1].expr, Given)
        and statements[1].expr.condition == statements[0].expr
    )
    if step.relation.symbol != "⇒" or not shaped:
        return Verdict.unverified("factorization concludes 'x_b ~ law and x_a | x_b ~ law' by ⇒")
    marginal, conditional = statements
    target, condition = conditional.expr.target, marginal.expr
    if not isinstance(start, Density):
        return Verdict.unverified("the chain does not start from a joint density")
    for part in (target, condition):
        block = context.definitions.get(part)
        if not (isinstance(block, MatrixSlice) and block.parent == start.point):
            return Verdict.ill_formed(f"{part} is not a block of {start.point}")
    if not _complementary(start.point, target, condition, context.definitions):
        return Verdict.unverified(
            f"{target} and {condition} are not complementary blocks of {start.point}",
        )
    factors = {f.point: f for f in Mul.make_args(lhs) if isinstance(f, Density)}
    if len(Mul.make_args(lhs)) != 2 or set(factors) != {target, condition}:
        return Verdict.unverified(f"the chain does not reach p({target}) · p({condition})")
    laws = factors[target].dist, factors[condition].dist
    if any(law.has(target) for law in laws):
        return Verdict.unverified(f"a factor's parameters depend on {target}")
    verdicts = []
    for statement, law in zip((conditional, marginal), laws, strict=True):
        verdict = check_equal(statement.law, law, context)
        if not verdict.verified:
            return verdict
        verdicts.append(verdict)
    return weakest(
        verdicts,
        f"joint = conditional × marginal, the parameters free of {target}; " + verdict.method,
    )


def _complementary(whole: Basic, first: Basic, second: Basic, definitions: dict) -> bool:
    """Whether ``first`` and ``second`` are defined as the leading and trailing rows of
    ``whole`` (x_a := x[:k, :], x_b := x[k:, :])."""
    parts = [definitions.get(p) for p in (first, second)]
    if not all(isinstance(p, MatrixSlice) and p.parent == whole for p in parts):
        return False
    (start_a, stop_a, step_a), (start_b, stop_b, step_b) = (p.rowslice for p in parts)
    full_columns = all(p.colslice == (0, whole.shape[1], 1) for p in parts)
    covering = start_a == 0 and stop_a == start_b and stop_b == whole.shape[0]
    return full_columns and covering and step_a == step_b == 1


def _normalization(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    claim, start = step.expr, context.start
    if step.relation.symbol != "⇒" or not (
        isinstance(claim, Distributed) and isinstance(claim.expr, Given)
    ):
        return Verdict.unverified("normalization concludes 'y | c ~ law' by ⇒")
    variable = claim.expr.target
    targets = getattr(start, "targets", None)
    if targets != (variable,):
        given = claim.expr.condition
        conditions = tuple(given) if isinstance(given, Tuple) else (given,)
        label = getattr(start, "label", "q")
        stated = PLUGINS.density((variable,), conditions, label, context)
        if stated is not None:  # the conclusion, as a density, against the declared process
            verdict = check_relation(stated, "=", Density(claim.law, variable), context)
            if verdict.status in (Status.REFUTED, Status.ILL_FORMED):
                return verdict
        return Verdict.unverified(
            f"the chain does not start from a conditional density of {variable}",
        )
    if not isinstance(lhs, Density) or lhs.point != variable:
        return Verdict.unverified(f"the chain does not reach a density of {variable}")
    verdict = check_equal(claim.law, lhs.dist, context)
    if verdict.status != "verified":
        return verdict
    direct = check_equal(start, Density(claim.law, variable), context)
    if direct.status != "verified":
        return direct
    return weakest(
        [verdict, direct],
        f"proportional densities of {variable} are equal; directly: {direct.method}",
    )


CHECKS = {
    "uniqueness": _uniqueness,
    "gibbs": _gibbs,
    "factorization": _factorization,
    "normalization": _normalization,
}
