"""The engine core: the proof model, rules, the checker and verification.

Example:
    >>> from derive.core import EQ, Rule
    >>> EQ.symbol, Rule("collect terms").name
    ('=', 'collect terms')
"""

from .checker import CheckContext, Counterexample, Verdict, check_step
from .errors import CheckTimeout, DerivationError, DeriveError, UsageError
from .model import EQ, Derivation, Relation, Source, Step, proportional
from .rules import Assumed, Definition, Lemma, Rule, lemma
from .verify import Report, verify

__all__ = [
    "EQ",
    "Assumed",
    "CheckContext",
    "CheckTimeout",
    "Counterexample",
    "Definition",
    "Derivation",
    "DerivationError",
    "DeriveError",
    "Lemma",
    "Relation",
    "Report",
    "Rule",
    "Source",
    "Step",
    "UsageError",
    "Verdict",
    "check_step",
    "lemma",
    "proportional",
    "verify",
]
