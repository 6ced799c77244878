"""The proof as plain Unicode text, for a terminal.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> d = d.eq(a**2 + 2*a*b + b**2, Rule("expand the square")).result("square")
    >>> print(render(verify(d)).splitlines()[5])
    Theorem. (a + b)² = a² + 2·a·b + b²
"""

from __future__ import annotations

from ..core.checker import Verdict
from ..core.verify import Report
from .counterexamples import Point, points
from .outline import Chain, Line, outline
from .printers import text
from .verdicts import BY_KEY, checked, kind, wording


def render(report: Report) -> str:
    """The whole proof document of ``report`` as text."""
    o = outline(report)
    out = [f"{o.name}: {o.title}", f"Source: {o.source}"]
    out.append("Marks: " + legend(o.tally))
    out.append("Assumptions: " + (", ".join(text(a) for a in o.assumptions) or "none"))
    if o.laws:
        out.append("Laws: " + ", ".join(f"{label} = {text(law)}" for label, law in o.laws))
    if o.variables:
        independent = " (independent)" if len(o.variables) > 1 else ""
        out.append("Random variables: " + ", ".join(text(v) for v in o.variables) + independent)
    if o.definitions:
        out.append("Definitions: " + ", ".join(f"{text(k)} = {text(v)}" for k, v in o.definitions))
    out += ["", "Theorem. " + statement(o.theorem)]
    out += [f"  {'where' if i == 0 else '  and'} {text(k)} = {text(v)}" for i, (k, v) in
            enumerate(o.where)]  # fmt: skip
    for block in o.lemmas:
        out += ["", f"Lemma {block.number} ({block.title}). {statement(block.proof)}"]
        out += ["Proof.", *_chain(block.proof)]
    out += ["", "Proof." if not o.lemmas else "Proof of the theorem.", *_chain(o.proof)]
    if o.unnamed:
        out += ["", "Results."] + [f"  {name} = {text(e)}" for name, e in o.unnamed.items()]
    for name, verified in o.cited:
        out.append(f"Uses the derivation '{name}' ({'verified' if verified else 'NOT verified'}).")
    out += ["", f"Checked: {checked(o.tally)}."]
    if not o.verified:
        out.append("NOT PROVED: some step or cited derivation is not verified.")
    return "\n".join(out) + "\n"


def statement(chain: Chain) -> str:
    """``start <relation> final`` of a chain (only ``final`` if it is a conclusion ``⇒``)."""
    relation = chain.relation
    if relation.symbol == "⇒":
        return text(chain.final)
    tail = f" (as functions of {text(relation.var)})" if relation.var is not None else ""
    return f"{text(chain.start)} {relation.symbol} {text(chain.final)}{tail}"


def _chain(chain: Chain) -> list[str]:
    lines = [f"    {text(chain.start)}"]
    for line in chain.lines:
        lines.append(f"  {line.relation.symbol} {text(line.expr)}")
        lines.append(f"      by {justification(line)}")
        lines.append(f"      {verdict_text(line.verdict)}")
        lines += [f"      assumed: {said}" for said in assumed(line, text)]
    return lines


def assumed(line: Line, printer) -> list[str]:
    """Each model assumption a line's verdict rests on: its name, and its formula as
    ``printer`` prints it."""
    return [name + ("" if f is None else f": {printer(f)}") for name, f in line.assumed]


def justification(line: Line) -> str:
    """The rule of a line in words, with its formula when it has one."""
    rule = line.rule
    words = rule.name if line.lemma_number is None else f"Lemma {line.lemma_number} ({rule.name})"
    if line.cites:
        words += f" (derivation {line.cites})"
    return words + "".join(
        f"{': ' if i == 0 else '; '}{text(f)}" for i, f in enumerate(rule.formulas)
    )


def legend(counts: dict) -> str:
    """The marks a document uses, each with what it means."""
    return "; ".join(f"{BY_KEY[key].mark} {BY_KEY[key].meaning}" for key in counts) + "."


def verdict_text(verdict: Verdict) -> str:
    """The checker's verdict on one line of text: its mark, strength and wording, and for a
    refutation the counterexample (:func:`derive.render.counterexamples.points`)."""
    k = kind(verdict)
    found = points(verdict)
    if not found:
        return f"{k.mark} {wording(verdict)}"
    how = f" ({verdict.method})" if verdict.method else ""
    if len(found) == 1:
        (point,) = found
        return f"{k.mark} {k.label} at {point.at()}: {sides(point)}{how}"
    first, second = found
    return (
        f"{k.mark} {k.label}: the ratio of the sides changes: at {first.at()}: "
        f"{sides(first, ratio=True)}; at {second.at()}: {sides(second, ratio=True)}{how}"
    )


def sides(point: Point, ratio: bool = False) -> str:
    """Both sides' values at ``point`` and their difference (their ratio for ``∝``)."""
    said = f"left side = {point.left.text}, right side = {point.right.text}"
    gap = point.gap(ratio)
    return said if gap is None else f"{said} ({gap[0]} {gap[1].text})"
