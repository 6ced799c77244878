"""The wording of a verdict by its strength: "holds" only for a proof; "holds at n = 3, 4"
for a check at explicit sizes; "holds numerically (N points, D digits)" for numeric evidence.
All three exit 0 (documented in the README); "fails" exits 1, "undecided" 3.

The strength is read from the kernel's typed ``verdict.strength`` where it exists; until the
kernel has it, :func:`strength_of` is the one place that infers it.

Example:
    >>> wording("holds at sizes", sizes=(3, 4))
    'holds at n = 3, 4'
"""

from __future__ import annotations

import re

EXIT = {"holds": 0, "holds at sizes": 0, "holds numerically": 0, "fails": 1, "undecided": 3}


def strength_of(verdict) -> tuple[str, tuple, int, int]:
    """(kind, sizes, points, digits) of a verified kernel verdict: kind is ``holds``,
    ``holds at sizes`` or ``holds numerically``."""
    strength = getattr(verdict, "strength", None)
    if strength is not None:
        value = str(getattr(strength, "value", strength))
        sizes = tuple(getattr(verdict, "sizes", ()) or ())
        points, digits = getattr(verdict, "points", 0) or 0, getattr(verdict, "digits", 0) or 0
        if value == "at sizes":
            return "holds at sizes", sizes, 0, 0
        if value == "numeric":
            return "holds numerically", (), points, digits
        if value == "proof":
            return "holds", (), 0, 0
        return "undecided", (), 0, 0  # "by assumption" is not a decision about the claim
    return _inferred(verdict.method)


def _inferred(method: str) -> tuple[str, tuple, int, int]:
    """The strength today's kernel writes only into its method text (to be removed when the
    kernel's typed strength lands on main)."""
    sizes = ()
    if "random n" in method or "at n" in method:
        found = re.findall(r"n = ([0-9, ]+)", method)
        sizes = tuple(sorted({int(v) for f in found for v in f.replace(" ", "").split(",") if v}))
        if "n ≤ 2" in method:
            sizes = tuple(sorted({1, 2, *sizes}))
        if sizes:
            return "holds at sizes", sizes, 0, 0
    if "numeric" in method:
        points = re.search(r"at (\d+) random points", method)
        digits = re.search(r"to (\d+) digits", method)
        return (
            "holds numerically",
            (),
            int(points.group(1)) if points else 1,
            int(digits.group(1)) if digits else 0,
        )
    return "holds", (), 0, 0


def wording(kind: str, sizes: tuple = (), points: int = 0, digits: int = 0) -> str:
    """The verdict as a reader sees it."""
    if kind == "holds at sizes":
        return "holds at n = " + ", ".join(str(n) for n in sizes)
    if kind == "holds numerically":
        return f"holds numerically ({points} point{'s' * (points != 1)}, {digits} digits)"
    return kind
