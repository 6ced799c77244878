"""Justifications: the rule that carries each step, printed beside it.

A rule is words (``name``) and, where it helps, the formula it stands for (``formula``, a SymPy
relation the renderers print). Rules never decide truth: the checker does. Some rules change
what the checker does: :class:`Lemma` makes the step's verification depend on a cited
derivation, :class:`Theorem` and :class:`Induction` have the checker check side conditions,
and :class:`Assumed` marks a step the engine does not check (always unverified).

Example:
    >>> from sympy import Eq, symbols
    >>> a, b = symbols("a b", positive=True)
    >>> Rule("log a - log b = log(a/b)").name
    'log a - log b = log(a/b)'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sympy import Basic

from ..errors import DerivationError

if TYPE_CHECKING:
    from .model import Derivation


@dataclass(frozen=True)
class Rule:
    """An algebraic or probabilistic rule: ``name`` (words), and optionally the ``formula`` it
    uses (a SymPy relation, or a tuple of them) and the derivation it ``cites`` by name (one
    proved in a document of its own whose result the rule uses: the documents refer to it, the
    book to its chapter)."""

    name: str
    formula: Basic | tuple | None = None
    cites: str = ""

    def __post_init__(self):
        for formula in self.formulas:
            if formula.is_Boolean and formula.is_Atom:  # Eq(a, b) evaluated to True or False
                raise DerivationError(
                    f"the formula of rule '{self.name}' evaluated to {formula}; "
                    "build it with Eq(..., evaluate=False)"
                )

    @property
    def formulas(self) -> tuple:
        """The formulas of the rule, as a tuple (empty if it has none)."""
        if self.formula is None:
            return ()
        return self.formula if isinstance(self.formula, tuple) else (self.formula,)


@dataclass(frozen=True)
class Definition(Rule):
    """Unfolding a definition: ``formula`` is the definition used."""


@dataclass(frozen=True, eq=False)
class Lemma(Rule):
    """A step that uses another derivation's result; it is proved only if that derivation is.

    ``inline`` lemmas are printed in full inside the citing document; others are referred to
    by name.
    """

    derivation: Derivation | None = None
    inline: bool = True


THEOREMS = {
    "uniqueness": "a law is determined by its characteristic function",
    "gibbs": "a KL divergence is never negative (Gibbs' inequality)",
    "factorization": "a joint density that factorises as p(x_a | x_b) p(x_b) gives both laws",
    "normalization": "two densities of the same variable that are proportional are equal",
}


@dataclass(frozen=True)
class Theorem(Rule):
    """A named theorem (one of :data:`THEOREMS`): the checker checks its side conditions on
    the step, instead of the step's relation directly."""

    kind: str = ""

    def __post_init__(self):
        super().__post_init__()
        if self.kind not in THEOREMS:
            raise DerivationError(f"unknown theorem {self.kind!r}; known: {', '.join(THEOREMS)}")


@dataclass(frozen=True, eq=False)
class Induction(Lemma):
    """Induction on ``index``: the cited ``derivation`` is the base case, the chain is the step
    from ``index`` to ``index + 1`` under the ``hypothesis`` (a declared random variable whose
    law is the claim at ``index``). The checker checks that all three fit the claim."""

    index: Basic | None = None
    hypothesis: Basic | None = None


@dataclass(frozen=True)
class Assumed(Rule):
    """A step the engine does not check: shown, and counted, as unverified, with ``name`` as
    the reason."""


def lemma(derivation: Derivation, name: str | None = None, inline: bool = True) -> Lemma:
    """Cite ``derivation``: its statement becomes the rule's formula.

    Example:
        >>> from sympy import Symbol
        >>> from derive.core.model import Derivation, Source
        >>> a = Symbol("a")
        >>> d = Derivation("square", "A square", Source("notes", "§1"), start=(a + 1)**2)
        >>> lemma(d.eq(a**2 + 2*a + 1, Rule("expand")), "the square").formula
        Eq((a + 1)**2, a**2 + 2*a + 1)
    """
    return Lemma(
        name or derivation.title, derivation.statement, derivation=derivation, inline=inline
    )


def induction(base: Derivation, index, hypothesis, name: str) -> Induction:
    """Conclude by induction on ``index`` from the base case ``base`` and the chain's step."""
    return Induction(
        name, base.statement, derivation=base, inline=True, index=index, hypothesis=hypothesis
    )
