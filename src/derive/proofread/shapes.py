r"""When a line that is not well-formed is a slip: only when its shapes are the document's.

The claim grammar infers shapes from the letters (a capital is a matrix, a letter with a
transpose a vector). A product that does not match, ``\Sigma^{-1} (x - \mu)^T``, is then either
the document's slip or derive's guess gone wrong. It is the document's when the context
declares the shape of every letter of the line: ``vectors`` (column vectors), ``symmetric``
(covariances), the dimension, a law the document defines, a name a notation knows, or a name
defined from those. Then the line is decided again with the vectors declared as givens
(``x \in \mathbb{R}^n``), and a line still not well-formed fails.

Example:
    >>> from derive.proofread.context import Context
    >>> context = Context(vectors=("x", r"\mu"), symmetric=(r"\Sigma",))
    >>> undeclared(r"\mathbf{tr}[\Sigma^{-1} (x - \mu)^T (x - \mu)] = c", context)
    ['c']
    >>> undeclared(r"\mathbf{tr}[\Sigma^{-1} (x - \mu)^T (x - \mu)] = 0", context)
    []
"""

from __future__ import annotations

import re

from .names import known_to_notation, tokens

# Not letters of the line: operators spelled with letters, the transpose, the identity.
_NOT_NAMES = re.compile(
    r"\\mathbb\{?[A-Z]\}?|\\mathcal\{N\}|\\(?:text|operatorname|mathrm|mathbf)\{[A-Za-z]{2,}\}"
    r"|\^\{?(?:T|\\top)\}?"
)
_IDENTITY = {"I", "I_n", "I_d"}


def letters(claim: str) -> set[str]:
    r"""The names of ``claim`` (fonts removed), operators and transposes left out.

    Example:
        >>> sorted(letters(r"\mathbb{E}_P[\mathbf{x}^T \boldsymbol{\Sigma}_1 \mathbf{x}]"))
        ['P', '\\Sigma_1', 'x']
    """
    return tokens(_NOT_NAMES.sub(" ", claim))


def undeclared(claim: str, context, defined: dict | None = None, laws=()) -> list[str]:
    """The names of ``claim`` whose shape ``context`` does not declare (sorted). ``defined``
    maps the document's names to their definitions (a name defined from declared names is
    declared too); ``laws`` are the names of laws (``P = N(μ, Σ)``)."""
    known = set(context.vectors) | set(context.symmetric) | _IDENTITY | {"n"} | set(laws)
    if context.dimension:
        known.add(context.dimension)
    defined = dict(defined or {})
    changed = True
    while changed:  # δ = μ₁ − μ₂ with μ₁, μ₂ declared: δ's shape is declared
        changed = False
        for name, given in list(defined.items()):
            if _unknown(letters(given.split("=", 1)[-1]), known) == []:
                known.add(name)
                del defined[name]
                changed = True
    return _unknown(letters(claim), known)


def _unknown(names: set, known: set) -> list[str]:
    return sorted(name for name in names if name not in known and not known_to_notation(name))


def vector_givens(claim: str, context) -> tuple:
    r"""``x \in \mathbb{R}^n`` for each declared vector ``claim`` uses.

    Example:
        >>> from derive.proofread.context import Context
        >>> vector_givens(r"x^T y = 1", Context(vectors=("x", "y", "z")))
        ('x \\in \\mathbb{R}^n', 'y \\in \\mathbb{R}^n')
    """
    used = letters(claim)
    return tuple(f"{name} \\in \\mathbb{{R}}^n" for name in context.vectors if name in used)
