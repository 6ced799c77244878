r"""The givens that can bear on a claim, so that each link is decided with those alone.

Every given costs the checker a parse and a build (the Earley parse of a given is most of a
link's time), and a document's definitions pile up: seed 001 checks some lines with a dozen
givens of which one or two name a letter of the line. The givens kept are a closure:

* a definition (``A = …``, ``A := …``, a law ``X \sim …`` or ``P = \mathcal{N}(…)``) is kept
  when the name it defines is a letter of the claim or of a given kept: a definition of a
  letter the claim does not use cannot change what the claim's letters mean;
* any other given (a domain, a shape, a constraint, a function's definition ``p(x) = …``) is
  kept when it shares a letter with the claim or with a given kept.

Letters are compared by their base (``\Sigma_1`` by ``\Sigma``, ``\bar{\alpha}_{t-1}`` by
``\alpha``, ``\mathbf{x}_t`` by ``x``), coarser than the checker's reading, so that a given is
never dropped when a family member, an accent or a font could tie it to the claim: too many
givens cost time, too few would change a verdict.

Example:
    >>> relevant("a + b = c", ("c = 2 a", "d = 1", "a = e^2", "e > 0", "f = a"))
    ('c = 2 a', 'a = e^2', 'e > 0')
"""

from __future__ import annotations

import re

from .names import name_key, tokens

_ACCENTS = re.compile(r"^\\(?:bar|tilde|hat|overline|widetilde|widehat)\{?")
# Commands that are relations or operators, not letters: every law has a \sim.
# Operators spelled with letters: the normal law's N, E, R, words such as tr, KL, Var (a name
# spelled in a font, such as \mathcal{L}, is left as its letter).
_OPERATORS = re.compile(
    r"\\mathcal\{N\}|\\mathbb\{?[A-Z]\}?|\\(?:text|operatorname|mathrm|mathbf)\{[A-Za-z]{2,}\}"
)
_NOT_LETTERS = {"\\sim", "\\in", "\\succ", "\\succeq", "\\operatorname", "\\mathrm", "\\nabla"}


def bases(text: str) -> frozenset[str]:
    r"""The base letters of the names ``text`` uses (accents, fonts and subscripts removed).

    Example:
        >>> sorted(bases(r"\bar{\alpha}_{t-1} + \mathbf{x}_t \beta"))
        ['\\alpha', '\\beta', 'x']
    """
    found = set()
    for token in tokens(_OPERATORS.sub(" ", text)):
        base = _ACCENTS.sub("", token.split("_", 1)[0]).rstrip("}")
        if base not in _NOT_LETTERS:
            found.add(base)
    return frozenset(found)


def relevant(claim: str, givens: tuple) -> tuple:
    """The ``givens`` (in their order) that bear on ``claim`` (see the module's docstring)."""
    wanted = set(bases(claim))
    kinds = [(defined_base(given), bases(given)) for given in givens]
    kept = [False] * len(givens)
    changed = True
    while changed:
        changed = False
        for i, (name, own) in enumerate(kinds):
            if kept[i] or not (name in wanted if name is not None else own & wanted):
                continue
            kept[i], changed = True, True
            wanted |= own
    return tuple(given for given, keep in zip(givens, kept, strict=True) if keep)


def defined_base(given: str) -> str | None:
    r"""The base letter of the name ``given`` defines (``A = …``, ``X \sim …``), or None for
    a given that defines no name (a domain, a constraint, ``p(x) = …``).

    Example:
        >>> defined_base(r"\boldsymbol{\Sigma}_1 = \beta I"), defined_base(r"a \in \mathbb{R}^n")
        ('\\Sigma', None)
    """
    for relation in (":=", "\\sim", "="):
        if relation in given:
            key = name_key(given.split(relation, 1)[0])
            if key is None:
                return None
            found = bases(key)
            return next(iter(found)) if len(found) == 1 else None
    return None
