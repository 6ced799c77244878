"""Side conditions of the named theorems a step may rest on.

- ``uniqueness`` (``⇒ Z ~ law``): the chain started from φ_Z(t), and the expression reached
  equals the characteristic function of ``law`` for every t. Then Z has that law.
- ``gibbs`` (``a ≤ b``): the rule's formula is ``D_KL(P ‖ Q) ≥ 0`` and ``b - a`` equals that
  divergence. Then ``a ≤ b``.

Example:
    >>> sorted(CHECKS)
    ['gibbs', 'uniqueness']
"""

from __future__ import annotations

from sympy import Basic, I, MatMul, MatrixSymbol, Transpose, exp

from ..gaussian import (
    BOUND,
    KL,
    CharacteristicFunction,
    Distributed,
    Expectation,
    MvNormal,
    Normal,
    Scalar,
)
from .checker import CheckContext, Verdict, check_equal
from .model import Step
from .rules import Induction


def check_theorem(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    """Check the side conditions of the theorem that carries ``step``."""
    if isinstance(step.rule, Induction):
        return _induction(lhs, step, context)
    return CHECKS[step.rule.kind](lhs, step, context)


def _induction(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    """``⇒ Z ~ law(t + 1)`` for every t: the chain went from Z to ``law(t + 1)`` assuming the
    hypothesis variable has ``law(t)``, and the base case proves ``law(1)``."""
    rule, claim = step.rule, step.expr
    if step.relation.symbol != "⇒" or not isinstance(claim, Distributed):
        return Verdict("unverified", reason="induction concludes a statement 'Z ~ law' by ⇒")
    if claim.expr != context.start:
        return Verdict("unverified", reason=f"the chain does not start from {claim.expr}")
    base = rule.derivation.statement
    if not isinstance(base, Distributed) or rule.hypothesis not in context.variables:
        return Verdict("unverified", reason="the base case or the hypothesis is not a law")
    t = rule.index
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
        if verdict.status != "verified":
            return Verdict(
                verdict.status, verdict.method, verdict.counterexample, f"{what}: {verdict.reason}"
            )
        methods.append(verdict.method)
    return Verdict(
        "verified", "induction: step, hypothesis and base case fit the claim; " + methods[-1]
    )


def _uniqueness(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    claim, start = step.expr, context.start
    if step.relation.symbol != "⇒" or not isinstance(claim, Distributed):
        return Verdict("unverified", reason="uniqueness concludes a statement 'Z ~ law' by ⇒")
    if not isinstance(start, CharacteristicFunction) or start.argument != claim.expr:
        return Verdict(
            "unverified",
            reason=f"the chain does not start from the characteristic function of {claim.expr}",
        )
    if isinstance(claim.law, MvNormal):  # φ(t) = E[exp(i tᵀy)], y ~ law
        y = MatrixSymbol("y_", claim.law.dimension, 1)
        phi_law = Expectation(exp(I * Scalar(MatMul(Transpose(start.t), y))), y, claim.law)
    elif isinstance(claim.law, Normal):
        phi_law = Expectation(exp(I * start.t * BOUND), BOUND, claim.law)
    else:
        return Verdict("unverified", reason="only normal laws are compared")
    verdict = check_equal(lhs, phi_law, context)
    if verdict.status != "verified":
        return verdict
    return Verdict("verified", f"side condition φ = φ of the law for all t; {verdict.method}")


def _gibbs(lhs: Basic, step: Step, context: CheckContext) -> Verdict:
    formula = step.rule.formula
    is_instance = (
        getattr(formula, "rel_op", None) == ">="
        and isinstance(formula.lhs, KL)
        and formula.rhs == 0
    )
    if step.relation.symbol != "≤" or not is_instance:
        return Verdict(
            "unverified", reason="Gibbs' inequality takes the formula D_KL(P ‖ Q) ≥ 0 and a step ≤"
        )
    verdict = check_equal(step.expr - lhs, formula.lhs, context)
    if verdict.status != "verified":
        return verdict
    return Verdict("verified", f"the gap is D_KL ≥ 0; {verdict.method}")


CHECKS = {"uniqueness": _uniqueness, "gibbs": _gibbs}
