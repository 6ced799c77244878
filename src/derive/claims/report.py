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
        if decision.internal:  # a defect of derive, not a property of the claim
            data["internal_error"] = decision.internal
        if decision.answer:
            data["answer"] = decision.answer
            data["value"] = decision.value
        if example is not None:
            data["counterexample"] = {
                "values": {text(k): text(v) for k, v in example.values},
                "lhs": short(example.lhs),
                "rhs": short(example.rhs),
            }
            if example.values2:  # ∝: the second point, where the ratio is another
                data["counterexample"]["values2"] = {text(k): text(v) for k, v in example.values2}
                data["counterexample"]["lhs2"] = short(example.lhs2)
                data["counterexample"]["rhs2"] = short(example.rhs2)
            if difference(example):  # for ∝: how much the ratio of the sides changes
                key = "ratio_change" if example.values2 else "difference"
                data["counterexample"][key] = difference(example)
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
        lines.append(sides(example))
        if example.values2:
            values2 = ", ".join(f"{text(k)} = {text(v)}" for k, v in example.values2)
            change = difference(example)
            by = f" by {change}" if change else ""
            lines.append(
                f"and at {values2}: left = {short(example.lhs2)}, right = "
                f"{short(example.rhs2)} (the ratio changes{by})"
            )
    elif decision.kind == "undecided":
        lines.append(f"verdict: undecided ({decision.reason})")
    else:
        lines.append(f"verdict: {decision.verdict} ({decision.method})")
    return "\n".join(lines) + "\n"


def sides(example) -> str:
    """Both sides of a counterexample, abbreviated, and their difference where the
    abbreviations look alike (two 6,021-digit numbers that differ by 1).

    Example:
        >>> from sympy import Integer
        >>> from derive.core.verdict import Counterexample
        >>> big = Integer(2) ** 20000
        >>> sides(Counterexample((), big, big + 1, difference=Integer(-1)))
        'left side = 3.98027684034e+6020, right side = 3.98027684034e+6020; left − right = -1'
    """
    left, right = short(example.lhs), short(example.rhs)
    line = f"left side = {left}, right side = {right}"
    shown = difference(example) if not example.values2 else ""  # ∝: the ratio's change
    if shown and left == right:
        line += f"; left − right {shown if shown.startswith('≈') else '= ' + shown}"
    return line


def difference(example) -> str:
    """``lhs − rhs`` of a counterexample whose sides were compared exactly: exactly if it is
    a rational of at most 40 digits, else ``≈`` to 12 significant digits; '' if unknown.

    Example:
        >>> from sympy import Integer, Rational
        >>> from derive.core.verdict import Counterexample
        >>> difference(Counterexample((), Integer(1), Integer(2), difference=Integer(-1)))
        '-1'
        >>> difference(Counterexample((), 1, 1, difference=Rational(1, 10**60)))
        '≈ 1e-60'
    """
    value = getattr(example, "difference", None)
    if value is None:
        return ""
    digits = lambda n: int(abs(n).bit_length() * 0.30103) + 1  # noqa: E731 (no str() of it)
    if getattr(value, "is_Rational", False) and digits(value.p) + digits(value.q) <= 40:
        return str(value)
    return f"≈ {short(value)}"


def short(value) -> str:
    """A value to 12 significant digits (a complex value as a + b·i); past a float's range
    in SymPy's floating point, never ``inf``, and never ``0`` for a number that is not 0.

    Example:
        >>> from sympy import Integer
        >>> short(Integer(2) ** 2000), short(Integer(3) / 4), short(Integer(10) ** -5000)
        ('1.14813069527e+602', '0.75', '1.00000000000e-5000')
    """
    import math

    try:
        number = float(value)
        underflow = number == 0 and getattr(value, "is_zero", True) is False
        if math.isfinite(number) and not underflow:
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
