"""A decision as text (one block) or JSON: the claim, how it was read, what was assumed, the
verdict with its strength, and a counterexample or an answer.

Example:
    >>> from derive.claims import decide
    >>> print(report(decide("a + b = b + a")).splitlines()[-1])
    verdict: holds (symbolic: both sides are the same expression (definitions substituted))
"""

from __future__ import annotations


def report(decision, fmt: str = "txt") -> str:
    """The decision in ``fmt`` (``txt`` or ``json``)."""
    from ..render.printers import text

    example = decision.counterexample
    if fmt == "json":
        import json

        data = {
            "claim": decision.claim,
            "read_as": decision.read_as,
            "verdict": decision.verdict,
            "kind": decision.kind,
            "method": decision.method,
            "reason": decision.reason,
            "assumptions": decision.assumptions,
            "notes": decision.notes,
        }
        if decision.answer:
            data["answer"] = decision.answer
            data["value"] = decision.value
        if example is not None:
            data["counterexample"] = {
                "values": {text(k): text(v) for k, v in example.values},
                "lhs": _short(example.lhs),
                "rhs": _short(example.rhs),
            }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [f"claim: {decision.claim}", f"read as: {decision.read_as}"]
    if decision.assumptions:
        lines.append("assumed: " + "; ".join(decision.assumptions))
    lines += [f"note: {note}" for note in decision.notes]
    if decision.answer:
        value = f" ≈ {decision.value}" if decision.value else ""
        lines.append(f"answer: {decision.answer}{value}")
    if decision.kind == "fails" and example is not None:
        values = ", ".join(f"{text(k)} = {text(v)}" for k, v in example.values)
        lines.append(f"verdict: fails ({decision.method})")
        if values:
            lines.append(f"counterexample: {values}")
        lines.append(f"left side = {_short(example.lhs)}, right side = {_short(example.rhs)}")
        if example.values2:
            values2 = ", ".join(f"{text(k)} = {text(v)}" for k, v in example.values2)
            lines.append(
                f"and at {values2}: left = {_short(example.lhs2)}, right = "
                f"{_short(example.rhs2)} (the ratio changes)"
            )
    elif decision.kind == "undecided":
        lines.append(f"verdict: undecided ({decision.reason})")
    else:
        lines.append(f"verdict: {decision.verdict} ({decision.method})")
    return "\n".join(lines) + "\n"


def _short(value) -> str:
    """A value to 12 significant digits (a complex value as a + b·i); past a float's range
    in SymPy's floating point, never ``inf``.

    Example:
        >>> from sympy import Integer
        >>> _short(Integer(2) ** 2000), _short(Integer(3) / 4)
        ('1.14813069527e+602', '0.75')
    """
    import math

    try:
        number = float(value)
        if math.isfinite(number):
            return f"{number:.12g}"
    except (TypeError, ValueError, OverflowError):
        pass
    large = getattr(value, "is_extended_real", False) and getattr(value, "is_number", False)
    if large and not getattr(value, "is_infinite", False):
        return str(value.evalf(12))
    try:
        number = complex(value)
        return f"{number.real:.12g} + {number.imag:.12g}·i"
    except (TypeError, ValueError, OverflowError):
        from ..render.printers import text

        shown = text(value)
        return shown if len(shown) <= 80 else shown[:77] + "…"
