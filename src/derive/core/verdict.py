"""Verdicts as data: a status, a strength, the assumptions used, and a counterexample.

No code decides anything by reading a verdict's ``method`` (a human-readable route): the
status says what was decided, the strength how firmly, and :func:`describe` is the one wording
every renderer uses.

* ``Status.VERIFIED`` with a ``Strength``: ``PROOF`` (for every value of the domain),
  ``SIZES`` (checked at the explicit sizes in ``sizes``: evidence there, not a proof for every
  n), ``NUMERIC`` (agreement at ``points`` points to ``digits`` digits: evidence), or
  ``ASSUMPTION`` (true because the derivation assumes it, e.g. a property of its model).
* ``Status.REFUTED`` with a :class:`Counterexample`.
* ``Status.UNVERIFIED`` with a ``reason``; ``Status.ILL_FORMED`` (a side has no meaning, with
  the reason).

Example:
    >>> v = Verdict.numeric("equal to 50 digits", points=24, digits=50)
    >>> v.status, v.strength, v.is_proof
    (<Status.VERIFIED: 'verified'>, <Strength.NUMERIC: 'numeric'>, False)
    >>> describe(v)
    'numeric evidence (24 points, 50 digits): equal to 50 digits'
    >>> describe(Verdict.at_sizes("exact random matrices", sizes=(1, 2, 3)))
    'checked at n = 1, 2, 3 only: exact random matrices'
    >>> weakest([Verdict.proof("a"), Verdict.at_sizes("b", sizes=(2,))]).strength
    <Strength.SIZES: 'at sizes'>
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Status(StrEnum):
    """What the checker decided about a step."""

    VERIFIED = "verified"
    REFUTED = "refuted"
    UNVERIFIED = "unverified"
    ILL_FORMED = "ill-formed"


class Strength(StrEnum):
    """How firmly a verified step was established, strongest first."""

    PROOF = "proof"
    SIZES = "at sizes"
    NUMERIC = "numeric"
    ASSUMPTION = "by assumption"


# Combining verdicts keeps the weakest: evidence at sizes or points is never upgraded to proof.
_RANK = {Strength.PROOF: 3, Strength.SIZES: 2, Strength.NUMERIC: 1, Strength.ASSUMPTION: 0}


@dataclass(frozen=True)
class Counterexample:
    """A point of the domain and both sides' values there (for ``∝``: at two values of the
    variable, ``lhs``/``rhs`` at ``values`` and ``lhs2``/``rhs2`` at ``values2``), and, where
    the sides were compared exactly, their difference ``lhs − rhs`` (what differs when both
    sides are too long to show in full: 2^20000 against 2^20000 + 1); for ``∝``, the change
    of the ratio, ``lhs/rhs − lhs2/rhs2``."""

    values: tuple = ()
    lhs: object = None
    rhs: object = None
    values2: tuple = ()
    lhs2: object = None
    rhs2: object = None
    difference: object = None


@dataclass(frozen=True)
class Verdict:
    """The decision on one step; build it with the class methods, which fill the fields each
    status needs.

    Attributes:
        status: what was decided.
        method: how, for a person to read (never parsed).
        counterexample: for a refuted step.
        reason: for an unverified or ill-formed step.
        strength: for a verified step.
        sizes: the explicit sizes a ``SIZES`` (or sized ``NUMERIC``) verdict was checked at.
        points: how many points a ``NUMERIC`` verdict agreed at.
        digits: the working precision of a ``NUMERIC`` verdict.
        assumptions: what the decision assumed (domains, kinds of symbols), as text.
    """

    status: Status
    method: str = ""
    counterexample: Counterexample | None = None
    reason: str = ""
    strength: Strength | None = None
    sizes: tuple = ()
    points: int = 0
    digits: int = 0
    assumptions: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "status", Status(self.status))
        if self.strength is not None:
            object.__setattr__(self, "strength", Strength(self.strength))
        if (self.status is Status.VERIFIED) != (self.strength is not None):
            raise ValueError("a verified verdict, and only one, has a strength")

    @classmethod
    def proof(cls, method: str, **fields) -> Verdict:
        """Verified for every value of the domain."""
        return cls(Status.VERIFIED, method, strength=Strength.PROOF, **fields)

    @classmethod
    def at_sizes(cls, method: str, sizes: tuple, **fields) -> Verdict:
        """Verified at the explicit sizes ``sizes`` only."""
        return cls(Status.VERIFIED, method, strength=Strength.SIZES, sizes=tuple(sizes), **fields)

    @classmethod
    def numeric(cls, method: str, points: int, digits: int, **fields) -> Verdict:
        """Agreement at ``points`` points to ``digits`` digits: evidence, not proof."""
        return cls(
            Status.VERIFIED, method, strength=Strength.NUMERIC, points=points, digits=digits,
            **fields,
        )  # fmt: skip

    @classmethod
    def assumed(cls, method: str, **fields) -> Verdict:
        """True because the derivation assumes it (a property of its model)."""
        return cls(Status.VERIFIED, method, strength=Strength.ASSUMPTION, **fields)

    @classmethod
    def refuted(cls, method: str, counterexample: Counterexample | None, **fields) -> Verdict:
        """False, with a point where the sides differ."""
        return cls(Status.REFUTED, method, counterexample, **fields)

    @classmethod
    def unverified(cls, reason: str, **fields) -> Verdict:
        """Neither shown nor refuted, with the reason."""
        return cls(Status.UNVERIFIED, reason=reason, **fields)

    @classmethod
    def ill_formed(cls, reason: str, **fields) -> Verdict:
        """A side has no meaning (at some size, or in the process), with the reason."""
        return cls(Status.ILL_FORMED, reason=reason, **fields)

    @property
    def verified(self) -> bool:
        """Whether the step was verified, at any strength."""
        return self.status is Status.VERIFIED

    @property
    def is_proof(self) -> bool:
        """Whether the step was proved for every value of its domain."""
        return self.strength is Strength.PROOF

    def with_method(self, method: str) -> Verdict:
        """The same decision, described by ``method``."""
        return replace(self, method=method)

    def with_reason(self, reason: str) -> Verdict:
        """The same decision, with ``reason``."""
        return replace(self, reason=reason)


def weakest(verdicts: list[Verdict], method: str | None = None) -> Verdict:
    """One verified verdict for several verified ones: the weakest strength, the union of the
    sizes, the fewest points, the lowest precision; ``method`` or the last one's."""
    verdicts = list(verdicts)
    if not verdicts or not all(v.verified for v in verdicts):
        raise ValueError("weakest() combines verified verdicts")
    low = min(verdicts, key=lambda v: _RANK[v.strength])
    sizes = tuple(sorted({s for v in verdicts for s in v.sizes}))
    numeric = [v for v in verdicts if v.strength is Strength.NUMERIC]
    assumptions = tuple(dict.fromkeys(a for v in verdicts for a in v.assumptions))
    return replace(
        low,
        method=verdicts[-1].method if method is None else method,
        sizes=sizes,
        points=min((v.points for v in numeric), default=0),
        digits=min((v.digits for v in numeric), default=0),
        assumptions=assumptions,
    )


def strength_phrase(verdict: Verdict) -> str:
    """The strength in a few words ("proof", "checked at n = 2, 3 only", ...)."""
    if verdict.strength is Strength.PROOF:
        return "proof"
    if verdict.strength is Strength.SIZES:
        return f"checked at n = {', '.join(map(str, verdict.sizes))} only"
    if verdict.strength is Strength.NUMERIC:
        where = f"{verdict.points} point{'s' * (verdict.points != 1)}, " if verdict.points else ""
        at = f" at n = {', '.join(map(str, verdict.sizes))}" if verdict.sizes else ""
        return f"numeric evidence ({where}{verdict.digits} digits{at})"
    if verdict.strength is Strength.ASSUMPTION:
        return "by assumption"
    return str(verdict.status)


def describe(verdict: Verdict) -> str:
    """The one-line wording of a verdict, shared by every renderer."""
    if verdict.verified:
        phrase = strength_phrase(verdict)
        return f"{phrase}: {verdict.method}" if verdict.method else phrase
    if verdict.status is Status.REFUTED:
        return f"refuted: {verdict.method}" if verdict.method else "refuted"
    if verdict.status is Status.ILL_FORMED:
        return f"not well-formed: {verdict.reason}"
    return f"unverified: {verdict.reason}"


def to_record(verdict: Verdict) -> dict:
    """A verified verdict as plain data (for the cache); see :func:`from_record`.

    Example:
        >>> v = Verdict.at_sizes("exact random matrices", sizes=(3, 4))
        >>> from_record(to_record(v)) == v
        True
    """
    if not verdict.verified:
        raise ValueError("only verified verdicts are recorded")
    return {
        "method": verdict.method,
        "strength": str(verdict.strength),
        "sizes": list(verdict.sizes),
        "points": verdict.points,
        "digits": verdict.digits,
        "assumptions": list(verdict.assumptions),
    }


def from_record(record: dict) -> Verdict | None:
    """The verified verdict a record holds, or None if it is not a well-formed record."""
    try:
        return Verdict(
            Status.VERIFIED,
            str(record["method"]),
            strength=Strength(record["strength"]),
            sizes=tuple(int(s) for s in record["sizes"]),
            points=int(record["points"]),
            digits=int(record["digits"]),
            assumptions=tuple(str(a) for a in record["assumptions"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
