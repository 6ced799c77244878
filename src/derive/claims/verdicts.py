"""The wording of a verdict by its strength: "holds" only for a proof; "holds at n = 3, 4"
for a check at explicit sizes; "holds numerically (N points, D digits)" for numeric evidence.
All three exit 0 (documented in the README); "fails" exits 1, "undecided" 3.

The strength is the kernel's typed ``verdict.strength`` (:mod:`derive.core.verdict`), read in
one place, :func:`strength_of`; no code reads a verdict's method text.

Example:
    >>> wording("holds at sizes", sizes=(3, 4))
    'holds at n = 3, 4'
"""

from __future__ import annotations

EXIT = {
    "holds": 0,
    "holds at sizes": 0,
    "holds numerically": 0,
    "holds by assumption": 0,
    "fails": 1,
    "undecided": 3,
}


def strength_of(verdict) -> tuple[str, tuple, int, int]:
    """(kind, sizes, points, digits) of a verified kernel verdict, from its typed strength:
    kind is ``holds``, ``holds at sizes``, ``holds numerically`` or ``holds by assumption``."""
    from ..core.verdict import Strength

    strength = verdict.strength
    if strength is Strength.PROOF:
        return "holds", (), 0, 0
    if strength is Strength.SIZES:
        return "holds at sizes", tuple(verdict.sizes), 0, 0
    if strength is Strength.NUMERIC:
        return "holds numerically", (), verdict.points, verdict.digits
    return "holds by assumption", (), 0, 0


def wording(kind: str, sizes: tuple = (), points: int = 0, digits: int = 0) -> str:
    """The verdict as a reader sees it."""
    if kind == "holds at sizes":
        return "holds at n = " + ", ".join(str(n) for n in sizes)
    if kind == "holds numerically":
        precision = f"{digits} digits" if digits else "exact arithmetic"  # exact instances
        return f"holds numerically ({points} point{'s' * (points != 1)}, {precision})"
    return kind
