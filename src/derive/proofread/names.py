r"""Telling a name from an expression, on one side of one link: ``\mu``, ``\Sigma_{new}``,
``\tilde{\beta}_t``, ``\boldsymbol{\mu}_{\mathbf{z}_{t-1}}`` are names (what a definition
defines), and so is a squared name ``\sigma^2`` (a variance is defined by its square);
``\Sigma^{-1}``, ``f(x)``, ``a + b`` are not.

Example:
    >>> name_key(r"\boldsymbol{\Sigma}_{\text{new}}"), name_key(r"\Sigma^{-1}")
    ('\\Sigma_{\\text{new}}', None)
    >>> name_key(r"\sigma^2")
    '\\sigma^2'
"""

from __future__ import annotations

import re

_FONTS = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit|vec)\{([^{}]*)\}")
_ACCENT = re.compile(r"\\(bar|tilde|hat|overline|widetilde|widehat)\{(\\?[A-Za-z]+)\}")
_NAME = re.compile(
    r"(?:\\(?:bar|tilde|hat|overline|widetilde|widehat))?"  # an accent
    r"(?:\\[A-Za-z]+|[A-Za-z]|\{[A-Za-z]\})"  # a letter or a Greek letter
    r"(?:_(?:[A-Za-z0-9]|\\[A-Za-z]+|\{(?:[^{}]|\{[^{}]*\})*\}))?"  # a subscript
    r"(?:\^(?:2|\{2\}|\{\([A-Za-z0-9+-]+\)\}))?"  # squared (a variance), or N^{(t)}: an index
)
# Greek-letter commands that are not letters (operators the grammar reads).
_NOT_LETTERS = {"\\log", "\\exp", "\\sqrt", "\\frac", "\\det", "\\ln", "\\sum", "\\int"}
# Names a notation profile already knows (α_t, ᾱ_t, β_t, β̃_t, μ̃_t): a line about them is
# checked against the notation, never taken as the document's definition.
_NOTATION_BASES = {"\\alpha", "\\bar\\alpha", "\\beta", "\\tilde\\beta", "\\tilde\\mu"}


# A quantity named by a word, ``\text{Mean} = …`` (a connective is never one: normalize drops it)
_WORD = re.compile(r"\\(?:text|textrm|mathrm|operatorname)\{[A-Za-z][A-Za-z0-9]*\}")
# A name and the parameters it is written with: ``\sigma_t^2(\eta)``
_PARAMETRISED = re.compile(
    r"(?P<name>.+?)\((?P<parameters>\s*\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*\s*)\)"
)


def name_key(side: str) -> str | None:
    r"""The canonical spelling of ``side`` if it is a single name, else None.

    Example:
        >>> name_key(r"\text{Mean}"), name_key(r"\text{Mean} + 1"), name_key("N_i^{(t)}")
        ('\\text{Mean}', None, 'N_i^{(t)}')
    """
    text = "".join(side.split())
    if _WORD.fullmatch(text):
        return text
    previous = None
    while previous != text:
        previous, text = text, _FONTS.sub(r"\1", text)
    text = _ACCENT.sub(_accented, text)
    if not text or _NAME.fullmatch(text) is None:
        return None
    base = re.match(
        r"(?:\\(?:bar|tilde|hat|overline|widetilde|widehat))?(\\[A-Za-z]+|[A-Za-z])", text
    )
    if base is None or base.group(1) in _NOT_LETTERS:
        return None
    return text


def parametrised(side: str) -> str | None:
    r"""The squared name of ``side`` when the side is that name written with its parameters
    (``\sigma_t^2(\eta)``, a variance that depends on η), else None. The claim grammar reads
    such a side as σ_t² times η, so a line defining it would be checked as a step.

    Example:
        >>> parametrised(r"\sigma_t^2 (\eta)"), parametrised(r"f(x)"), parametrised(r"\sigma^2")
        ('\\sigma_t^2', None, None)
    """
    match = _PARAMETRISED.fullmatch(side.strip())
    if match is None:
        return None
    key = name_key(match["name"])
    return key if key is not None and key.endswith(("^2", "^{2}")) else None


def _accented(match: re.Match) -> str:
    letter = match[2]
    return f"\\{match[1]}" + (letter if letter.startswith("\\") else "{" + letter + "}")


def known_to_notation(key: str) -> bool:
    r"""Whether a notation profile knows the name (α_t, ᾱ_{t−1}, β_t, β̃_t, μ̃_t …).

    Example:
        >>> known_to_notation(name_key(r"\tilde{\beta}_t")), known_to_notation(r"\Sigma")
        (True, False)
    """
    base = key.split("_", 1)[0]
    return base in _NOTATION_BASES


_TOKEN = re.compile(
    r"(?:\\(?:bar|tilde|hat|overline|widetilde|widehat)(?:\{\\?[A-Za-z]+\}|\\[A-Za-z]+))"
    r"(?:_(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9]))?"
    r"|(?:\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])(?:_(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9]))?"
)
_COMMANDS = {
    "\\frac",
    "\\log",
    "\\exp",
    "\\sqrt",
    "\\cdot",
    "\\left",
    "\\right",
    "\\mathcal",
    "\\mathbb",
    "\\text",
    "\\det",
    "\\ln",
    "\\sum",
    "\\int",
    "\\times",
    "\\top",
    "\\parallel",
    "\\mid",
    "\\infty",
    "\\pi",
    "\\prod",
    "\\mathbf",
    "\\boldsymbol",
}


def tokens(text: str) -> set[str]:
    r"""The names ``text`` uses (fonts removed, operators left out).

    Example:
        >>> sorted(tokens(r"\boldsymbol{\Sigma}_{new}^{-1} \mu_y + \frac{1}{2}"))
        ['\\Sigma_{new}', '\\mu_y']
    """
    plain = re.sub(r"\s*([_^{}])\s*", r"\1", " ".join(text.split()))
    previous = None
    while previous != plain:
        previous, plain = plain, _FONTS.sub(r"\1", plain)
    found = set()
    for match in _TOKEN.finditer(plain):
        token = match.group(0)
        base = token.split("_", 1)[0]
        if base in _COMMANDS or (base.startswith("\\") and len(base) <= 2):
            continue
        found.add(token)
    return found
