r"""Second readings of a line that fails as first read, for notations whose authors mean less
than the literal claim: a failure survives only when every reading fails.

- ``\log p(x) \propto -\frac{x^2}{2}``: between logarithms (log-densities) ``\propto`` means
  "equal up to an additive constant", so the line is read again as the proportionality of the
  exponentials; it holds when that holds (the reason says so), fails when that fails too, and
  is undecided otherwise.
- ``\frac{dz}{dx}`` (Leibniz's notation, rewritten as the derivative of ``z``): a letter the
  document makes a function of ``x`` in words (``z = (x - μ)/σ``) is a constant to the checker,
  so a failure there is undecided, not a slip.
- ``\operatorname{Var}(x_t) = α_t \operatorname{Var}(x_{t-1}) + …``: a letter whose variance or
  mean is taken but which nothing declares random nor defines (the document gives ``x_t`` by a
  recurrence, which is not substituted) is a constant to the checker: a failure is undecided.
- ``\operatorname{tr}(I_k) = k``: ``I_k`` is the identity of size ``k``, which the checker
  knows only when the context declares ``dimension = "k"``; otherwise it is a matrix of its
  own, and a failure is undecided.
- ``q(x_{t-1} \mid x_t, x_0) \propto …`` with no variable declared: it is read in the variable
  of the left side's density, ``x_{t-1}``; a line that holds so holds as functions of it, and a
  failure is undecided (the author's variable may be another).

Example:
    >>> from derive.proofread.model import Link
    >>> logarithmic(Link(3, "\\propto", "\\log p(x)", "-\\frac{x^2}{2}"))
    True
    >>> leibniz_letter("\\frac{d}{dx} (z) = \\frac{1}{\\sigma}")
    'z'
    >>> identity_sizes("\\frac{1}{2}tr(I_k) = \\frac{k}{2}")
    ['k']
    >>> conditioned_variable(Link(2, "\\propto", "q(x_{t-1} \\mid x_t, x_0)", "q(x_t | x_{t-1})"))
    ['x_{t-1}']
    >>> moment_letters("\\operatorname{Var}(x_t) = a \\operatorname{Var}(x_{t-1}) + 1")
    ['x_t', 'x_{t-1}']
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import FAILS, HOLDS, UNDECIDED, Checked, Link

# the form normalize gives Leibniz's dz/dx: \frac{d}{dx} (z), z one (decorated) letter
_LEIBNIZ_LETTER = re.compile(
    r"\\frac\{d\}\{d[^{}]+\} \(((?:\\[A-Za-z]+\{)?\\?[A-Za-z]+\}?(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\)"
)

_MOMENT = re.compile(
    r"(?:\\operatorname\{(?:Var|Cov|E)\}|\\(?:text|mathrm)\{(?:Var|Cov)\}|\\mathbb\{[EV]\}|Var|Cov)"
    r"\s*[(\[]\s*(\\?[A-Za-z]+(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*[)\]]"
)
_SIZED_IDENTITY = re.compile(
    r"(?<![\\A-Za-z])(?:\\math(?:bf|rm)\{I\}|I)_\{?([A-Za-z])\}?(?![A-Za-z])"
)
# a density's point before its conditions: q(x_{t-1} | …), p_\theta(x | y)
_CONDITIONED = re.compile(r"^\s*[A-Za-z](?:_\\theta|_\{\\theta\})?\(\s*([^|,;()]+?)\s*(?:\\mid|\|)")


def logarithmic(link: Link) -> bool:
    """Whether a side of a ``\\propto`` link is a logarithm (``\\log …``, ``-\\log …``)."""
    sides = (link.lhs.strip(), link.rhs.strip())
    return link.relation == "\\propto" and any(
        side.lstrip("-+ ").startswith(("\\log", "\\ln")) for side in sides
    )


def leibniz_letter(claim: str) -> str | None:
    """The letter a Leibniz derivative ``dz/dx`` differentiates in ``claim``, if any."""
    found = _LEIBNIZ_LETTER.search(claim)
    return found[1] if found else None


def exponentiated(link: Link) -> Link:
    """The link between the exponentials of its sides (the additive reading of ``\\propto``)."""
    return replace(link, lhs=f"\\exp({link.lhs})", rhs=f"\\exp({link.rhs})")


def additive(first: Checked, again: Checked) -> Checked:
    """The verdict on a ``\\propto`` between logarithms that failed as a ratio (``first``),
    given its additive reading's (``again``): it holds or fails with that reading, stated;
    otherwise undecided."""
    reading = "read as log-densities, equal up to an additive constant"
    if again.verdict == HOLDS:
        return replace(first, verdict=HOLDS, strength=again.strength,
                       reason=f"{reading}: {again.reason}", read_as=again.read_as)  # fmt: skip
    if again.verdict == FAILS:
        return replace(first, reason=f"{first.reason}; and {reading}: {again.reason}")
    reason = f"it fails as a ratio, and {reading} it is undecided ({again.reason})"
    return replace(first, verdict=UNDECIDED, strength="", reason=reason)


def leibniz(result: Checked) -> Checked:
    """A failing line with a Leibniz derivative of a letter: undecided (see the module)."""
    letter = leibniz_letter(result.link.claim)
    if result.verdict != FAILS or letter is None:
        return result
    reason = (
        f"it fails with {letter} a constant in d{letter}/d…, and the document may make {letter} "
        f"a function of the variable in words: not counted as a slip ({result.reason})"
    )
    return replace(result, verdict=UNDECIDED, strength="", reason=reason)


def moment_letters(claim: str) -> list[str]:
    """The letters ``claim`` takes a variance, covariance or mean of (``Var(x_t)``)."""
    return [m[1] for m in _MOMENT.finditer(claim)]


def moment_of_constant(result: Checked, constants: list[str]) -> Checked:
    """A failing line taking a moment of ``constants`` (letters nothing declares random nor
    defines): undecided (see the module)."""
    if result.verdict != FAILS or not constants:
        return result
    names = ", ".join(constants)
    reason = (
        f"it fails with {names} constant (nothing declares {names} random or defines it; a "
        f"recurrence is not substituted): not counted as a slip ({result.reason})"
    )
    return replace(result, verdict=UNDECIDED, strength="", reason=reason)


def identity_sizes(claim: str) -> list[str]:
    """The letters that size an identity matrix in ``claim`` (``I_k``, ``\\mathbf{I}_d``)."""
    return sorted({m[1] for m in _SIZED_IDENTITY.finditer(claim)})


def sized_identity(result: Checked, dimension: str | None) -> Checked:
    """A failing line with an identity ``I_k`` sized by a letter that is not the declared
    dimension: undecided (see the module)."""
    sizes = [k for k in identity_sizes(result.link.claim) if k != (dimension or "n")]
    if result.verdict != FAILS or not sizes:
        return result
    size = sizes[0]
    reason = (
        f"I_{size} is read as a matrix of its own, not the identity of size {size}: declare "
        f'dimension = "{size}" in the context to have it checked ({result.reason})'
    )
    return replace(result, verdict=UNDECIDED, strength="", reason=reason)


def conditioned_variable(link: Link) -> list[str]:
    """The point of the density the left side of ``link`` opens with (``q(x_{t-1} | …)``)."""
    found = _CONDITIONED.match(link.lhs)
    return [found[1]] if found else []


def inferred_variable(result: Checked, variables: list[str]) -> Checked:
    """A failing ``\\propto`` read in a variable nobody declared: undecided (see the module)."""
    if result.verdict != FAILS or not variables:
        return result
    reason = (
        f"it fails as functions of {variables[0]}, the variable read from its left side's "
        f"density, not declared: add wrt = [...] to the context ({result.reason})"
    )
    return replace(result, verdict=UNDECIDED, strength="", reason=reason)
