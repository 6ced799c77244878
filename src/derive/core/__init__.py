"""The engine core: the proof model, rules, the checker and verification. It knows no domain:
the domains (derive.gaussian, derive.diffusion) register their plug-ins with it at their import
(:mod:`derive.core.plugins`), and an import-linter contract keeps it that way.

Example:
    >>> from derive.core import EQ, Rule
    >>> EQ.symbol, Rule("collect terms").name
    ('=', 'collect terms')
"""

import sys
from types import ModuleType

from .._lazy import lazy_exports

# Imported on first use, so that the light modules of the kernel (its configuration, the time
# bound) can be read by the command line without SymPy.
_WHERE = {
    **dict.fromkeys(["CheckContext", "Counterexample", "Verdict", "check_step"], "checker"),
    **dict.fromkeys(
        ["AT_MOST", "EQ", "IMPLIES", "SIM", "Derivation", "Relation", "Source", "Step"], "model"
    ),
    "proportional": "model",
    **dict.fromkeys(
        ["Assumed", "Definition", "Induction", "Lemma", "Rule", "Theorem", "induction", "lemma"],
        "rules",
    ),
    **dict.fromkeys(["Report", "verify"], "verify"),
}


class _Core(ModuleType):
    """The package, whose function ``verify`` stays its attribute when the submodule of that
    name is imported (Python's import stores a submodule on its package; the function was
    re-exported, and remains so)."""

    def __setattr__(self, name, value):
        if not (isinstance(value, ModuleType) and name in _WHERE):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Core


__getattr__, _dir = lazy_exports(__name__, _WHERE, globals())


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
