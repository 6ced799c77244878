"""The engine core: the proof model, rules, the checker and verification. It knows no domain:
the domains (derive.gaussian, derive.diffusion) register their plug-ins with it at their import
(:mod:`derive.core.plugins`), and an import-linter contract keeps it that way.

Example:
    >>> from derive.core import EQ, Rule
    >>> EQ.symbol, Rule("collect terms").name
    ('=', 'collect terms')
"""

from .checker import CheckContext, Counterexample, Verdict, check_step
from .model import AT_MOST, EQ, IMPLIES, SIM, Derivation, Relation, Source, Step, proportional
from .rules import Assumed, Definition, Induction, Lemma, Rule, Theorem, induction, lemma
from .verify import Report, verify

__all__ = [
    "AT_MOST",
    "EQ",
    "IMPLIES",
    "SIM",
    "Theorem",
    "Induction",
    "induction",
    "Assumed",
    "CheckContext",
    "Counterexample",
    "Definition",
    "Derivation",
    "Lemma",
    "Relation",
    "Report",
    "Rule",
    "Source",
    "Step",
    "Verdict",
    "check_step",
    "lemma",
    "proportional",
    "verify",
]
