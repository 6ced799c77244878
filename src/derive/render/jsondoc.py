"""The proof as JSON: the contract other tools and the tests rely on.

Schema: ``{"name", "title", "source", "assumptions": [str], "steps": [{"relation", "latex",
"expr" (SymPy srepr), "justification", "check": {"status", "strength" (null unless verified),
"mark", "said", "method", "assumed"? (a "by assumption" step's model assumptions, each
{"name", "latex", "text"}), "counterexample"?, "reason"?}}], "results": {NAME: {"latex", "expr",
"symbol"? (the name the theorem states it by)}}, "checked": {MARK: count}, "verified": bool}``,
plus ``"lemmas"``: the inline lemmas, each ``{"title", "steps", "verified"}``. Marks are the
keys of :data:`derive.render.verdicts.BY_KEY`. A counterexample is ``{"values": {NAME: text},
"at": [{"symbol", "text", "latex", "value", "value_latex"}], "lhs", "rhs", "difference"?,
"ratio"? (each also as ``KEY_latex``), "second"?}`` (the second point of a refuted ``∝``), the
values every other format shows (:mod:`derive.render.counterexamples`).

Example:
    >>> import json
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> doc = json.loads(render(verify(d.eq(a**2 + 2*a*b + b**2, Rule("expand")))))
    >>> doc["steps"][0]["check"]["status"], doc["verified"]
    ('verified', True)
"""

from __future__ import annotations

import json

from sympy import srepr

from ..core.checker import Verdict
from ..core.verify import Report
from .counterexamples import Point, points
from .outline import Chain, outline
from .printers import latex, text
from .text import justification
from .verdicts import kind, wording


def render(report: Report) -> str:
    """The whole proof of ``report`` as a JSON document (indented, keys in a fixed order)."""
    o = outline(report)
    document = {
        "name": o.name,
        "title": o.title,
        "source": {"document": o.source.document, "section": o.source.section},
        "assumptions": [text(a) for a in o.assumptions]
        + [text(v) for v in o.variables]
        + [f"{text(k)} = {text(v)}" for k, v in o.definitions],
        "start": {"latex": latex(o.proof.start), "expr": srepr(o.proof.start)},
        "steps": _steps(o.proof),
        "lemmas": [
            {"title": b.title, "steps": _steps(b.proof), "verified": _all_verified(b.proof)}
            for b in o.lemmas
        ],
        "results": {n: _result(e, o.where) for n, e in o.results.items()},
        "cited": [{"name": n, "verified": v} for n, v in o.cited],
        "checked": o.tally,
        "verified": o.verified,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _result(expr, where) -> dict:
    """A result's LaTeX and srepr, and the name the theorem states it by, if any."""
    found = {"latex": latex(expr), "expr": srepr(expr)}
    for name, value in where:
        if value == expr:
            found["symbol"] = latex(name)
    return found


def _steps(chain: Chain) -> list[dict]:
    return [
        {
            "relation": line.relation.symbol,
            "latex": latex(line.expr),
            "expr": srepr(line.expr),
            "justification": justification(line),
            "check": _check(line.verdict) | _assumed(line),
        }
        for line in chain.lines
    ]


def _all_verified(chain: Chain) -> bool:
    return all(line.verdict.status == "verified" for line in chain.lines)


def _assumed(line) -> dict:
    """The model assumptions a "by assumption" step rests on, with their formulas."""
    if not line.assumed:
        return {}
    return {
        "assumed": [
            {"name": name, "latex": None if f is None else latex(f),
             "text": None if f is None else text(f)}
            for name, f in line.assumed
        ]
    }  # fmt: skip


def _check(verdict: Verdict) -> dict:
    strength = verdict.strength
    check = {
        "status": str(verdict.status),
        "strength": None if strength is None else str(strength),
        "mark": kind(verdict).key,
        "said": wording(verdict),
        "method": verdict.method,
    }
    for field in ("sizes", "points", "digits", "assumptions"):
        found = getattr(verdict, field)
        if found:
            check[field] = list(found) if isinstance(found, tuple) else found
    if verdict.reason:
        check["reason"] = verdict.reason
    found = points(verdict)
    if found:
        check["counterexample"] = _point(found[0])
        if len(found) == 2:
            check["counterexample"]["second"] = _point(found[1])
    return check


def _point(point: Point) -> dict:
    """One point of a counterexample (:func:`derive.render.counterexamples.points`): the
    values by symbol name as text, and every value again with the symbol's and its LaTeX."""
    shown = {
        "values": {v.name: v.value.text for v in point.values},
        "at": [
            {"symbol": v.name, "text": v.symbol.text, "latex": v.symbol.latex,
             "value": v.value.text, "value_latex": v.value.latex}
            for v in point.values
        ],
    }  # fmt: skip
    for key, value in (("lhs", point.left), ("rhs", point.right)):
        shown[key], shown[f"{key}_latex"] = value.text, value.latex
    for key, value in (("difference", point.difference), ("ratio", point.ratio)):
        if value is not None:
            shown[key], shown[f"{key}_latex"] = value.text, value.latex
    return shown
