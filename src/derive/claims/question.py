"""Questions: a left side alone (``D_{KL}(N(0,1) \\| N(1,4))``, ``X + Y``, ``E[(X-a)^2]``) is
answered with its closed form, simplified, its numeric value, and the strength with which the
checker confirms the answer (the answer is re-checked as the claim ``question = answer``).

Example:
    >>> from derive.claims import decide
    >>> decide(r"D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(1,4))").value
    '0.4431471806'
"""

from __future__ import annotations

from sympy import Expr, N, factor, logcombine, simplify


def answer(decision, main, context):
    """Answer the question ``main.lhs`` in ``decision``."""
    from ..core.checker import check_relation, substitute
    from ..gaussian import Normal, reduce
    from ..render.printers import text
    from . import laws
    from .routes import settled

    question = main.lhs
    variables = {v: substitute(law, context.definitions) for v, law in context.variables.items()}
    moments = laws.linear_law(substitute(question, context.definitions), variables)
    if moments is not None and not question.is_number:
        law = Normal(*(simplify(m) for m in moments))
        decision.answer = f"{text(question)} ~ {text(law)}"
        verdict = check_relation(question, "~", law, context)
        return settled(decision, verdict)
    value = reduce(substitute(question, context.definitions), variables)
    if not isinstance(value, Expr):
        decision.reason = "the question has no closed form derive can write"
        return decision
    closed = _tidy(value)
    decision.answer = f"{text(question)} = {text(closed)}"
    if closed.is_number:
        number = N(closed, 10)
        if number.is_real:
            decision.value = f"{float(number):.10g}"
    verdict = check_relation(question, "=", closed, context)
    return settled(decision, verdict)


def _tidy(value: Expr) -> Expr:
    """A closed form as a person writes it: the simplest of a few rewritings."""
    candidates = [value]
    for rewrite in (simplify, factor, lambda v: logcombine(v, force=True), lambda v: v.expand()):
        try:
            candidates.append(rewrite(value))
        except (TypeError, ValueError, AttributeError):
            continue
    candidates += _squares(value)
    return min(candidates, key=lambda c: (c.count_ops(), len(str(c))))


def _squares(value: Expr) -> list:
    """``value`` rewritten with one completed square (u − v)² or (u + v)², where that shortens it
    (σ² + (μ − a)² rather than a² − 2aμ + μ² + σ²)."""
    from itertools import combinations

    symbols = sorted(value.free_symbols, key=str)
    found = []
    if len(symbols) > 6:
        return found
    for u, v in combinations(symbols, 2):
        for square in ((u - v) ** 2, (u + v) ** 2):
            rest = (value - square).expand()
            if rest.count_ops() < value.expand().count_ops():
                found.append(rest + square)
    return found
