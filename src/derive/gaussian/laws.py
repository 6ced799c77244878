"""What the Gaussian domain decides for the checker: laws of random expressions, and equality
of two laws.

``Z ~ N(m, v)`` holds when the characteristic function of Z (over the declared random
variables, independent) equals that of the law for every t; two laws of one family are equal
when their parameters are. A normal law whose variance is negative somewhere in the domain has
no meaning: the step is ill-formed. Registered with the kernel as a *decision*
(:mod:`derive.core.plugins`), consulted once matrices are at explicit sizes.

Example:
    >>> from sympy import Symbol
    >>> from derive.core.checker import CheckContext
    >>> X = Symbol("X", real=True)
    >>> context = CheckContext(variables={X: Normal(0, 1)})
    >>> str(check_law(3 * X, Normal(0, 9), context).status)
    'verified'
    >>> str(check_law(3 * X, Normal(0, 3), context).status)
    'refuted'
"""

from __future__ import annotations

from sympy import Basic, I, Symbol, exp

from ..core.checker import CheckContext, check_equal, exact_values, prepare, shown_value
from ..core.compare import compare_values
from ..core.sampling import in_exponents, items, seed_of, symbols_of
from ..core.statements import Distributed
from ..core.verdict import Verdict, weakest
from .objects import CharacteristicFunction, Expectation, Moments, Normal
from .reduce import BOUND

T = Symbol("_t", real=True)  # the argument of characteristic functions the checker builds


def decide(lhs, symbol: str, rhs, context: CheckContext, var) -> Verdict | None:
    """The decision this domain registers: ``Z ~ law``, ``⇒ Z ~ law``, and two laws equal;
    None for anything else."""
    if symbol == "~":
        return check_law(lhs, rhs, context)
    if symbol == "⇒" and isinstance(rhs, Distributed):
        return check_law(rhs.expr, rhs.law, context)
    if symbol == "=" and isinstance(lhs, Moments) and isinstance(rhs, Moments):
        return equal_parameters(lhs, rhs, context)
    return None


def check_law(expr: Basic, law: Basic, context: CheckContext) -> Verdict:
    """``expr ~ law``: the characteristic function of ``expr`` (over the declared random
    variables) equals that of ``law``, for every t."""
    if not isinstance(law, Normal):
        return Verdict.unverified("only normal laws are compared")
    phi_expr = CharacteristicFunction(expr, T)
    phi_law = Expectation(exp(I * T * BOUND), BOUND, law)
    verdict = check_equal(phi_expr, phi_law, context)
    if verdict.verified:
        return verdict.with_method("characteristic functions agree; " + verdict.method)
    if verdict.status == "unverified":
        return negative_variance(law, context) or verdict
    return verdict


def negative_variance(law: Normal, context: CheckContext) -> Verdict | None:
    """An ill-formed verdict if the variance of ``law`` is negative at a point of the domain
    (a law with no meaning: no normal law has a negative variance), else None."""
    variance = prepare(law.variance, context)
    seed = seed_of(variance, law)
    symbols = symbols_of(variance)
    for point in context.points(symbols, seed, None, in_exponents(variance))[:3]:
        (value,), full = exact_values([variance], point, context, seed)
        if compare_values(value, 0).outcome == "differ" and bool(value.is_negative):
            at = ", ".join(f"{s} = {shown_value(v)}" for s, v in items(full))
            return Verdict.ill_formed(f"the variance {law.variance} is negative at {at}")
    return None


def equal_parameters(lhs: Basic, rhs: Basic, context: CheckContext) -> Verdict:
    """Two laws of one family given by their parameters are equal if every parameter is; laws
    of different families (a normal law, a law known only by two moments) are not decided by
    their moments."""
    if type(lhs) is not type(rhs):
        for part_left, part_right in zip(lhs.args[:2], rhs.args[:2], strict=True):
            verdict = check_equal(part_left, part_right, context)
            if verdict.status == "refuted":
                return verdict
        return Verdict.unverified(
            "the laws agree in mean and variance, which does not make them equal"
        )
    verdicts = []
    for part_left, part_right in zip(lhs.args[:2], rhs.args[:2], strict=True):
        verdict = check_equal(part_left, part_right, context)
        if not verdict.verified:
            return verdict
        verdicts.append(verdict)
    return weakest(verdicts, "equal parameters; " + verdicts[-1].method)
