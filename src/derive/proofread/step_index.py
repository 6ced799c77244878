r"""The step index a document writes its schedule with: ``α_i``, ``ᾱ_{i−1}`` where a notation
profile (the DDPM paper's) names them ``α_t``, ``ᾱ_{t−1}``.

Renaming a letter that is free in a line (and in the givens it is checked with) to another
letter the line does not use changes nothing in its truth; it lets a notation that knows
``α_t`` read a document that counts its steps with ``i`` (a README's forward process).

Example:
    >>> step_letter(r"\sqrt{\bar{\alpha}_{i-1}} x_0 + \alpha_i")
    'i'
    >>> as_step(r"\sqrt{\bar{\alpha}_{i-1}} x_i + \pi", "i")
    '\\sqrt{\\bar{\\alpha}_{t-1}} x_t + \\pi'
"""

from __future__ import annotations

import re

# a schedule name of the notation (α, ᾱ, β, β̃), subscripted by a letter (± 1) other than t
_SCHEDULE = re.compile(
    r"\\(?:alpha|beta|bar\{\\alpha\}|bar\\alpha|tilde\{\\beta\}|tilde\\beta)"
    r"_(?:\{([a-su-zA-Z])(?:\s*[-+]\s*1)?\}|([a-su-zA-Z])(?![A-Za-z]))"
)


def _letter(letter: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])")


def step_letter(text: str) -> str | None:
    """The letter ``text`` indexes the notation's schedule with, when it is one letter other
    than ``t`` and ``t`` itself does not appear (then renaming it is safe); else None."""
    letters = {a or b for a, b in _SCHEDULE.findall(text)}
    if len(letters) != 1 or _letter("t").search(text):
        return None
    return letters.pop()


def uses_t(text: str) -> bool:
    """Whether ``text`` uses the letter t (then nothing may be renamed t in it)."""
    return _letter("t").search(text) is not None


def as_step(text: str, letter: str) -> str:
    """``text`` with the free letter ``letter`` renamed ``t``."""
    return _letter(letter).sub("t", text)
