"""Claims about a variable of an unknown law (``\\mu \\sim g``, ``\\mathbf{x}_0 \\sim
p_{\\mathrm{data}}``: Tweedie's formula, a denoiser under an arbitrary data distribution). The
law is arbitrary, so the claim must hold for every law; it is tried with the law a normal one,
``\\mathcal{N}(a_{\\mathrm{prior}}, b_{\\mathrm{prior}})`` with its parameters left as letters
(``g(\\mu)`` in the givens becomes that normal density), and decided as usual. A refutation of
that instance refutes the claim (a normal law is one of the laws it speaks of); a proof of it
covers the normal laws only, so the claim stays undecided and the verdict says so.

Example:
    >>> given = (r"\\mu \\sim g", r"z \\mid \\mu \\sim \\mathcal{N}(\\mu, 1)")
    >>> unknown_law(given)[1]
    'g'
    >>> instance(given, "\\\\mu", "g")[0]
    '\\\\mu \\\\sim \\\\mathcal{N}(a_{\\\\mathrm{prior}}, b_{\\\\mathrm{prior}})'
"""

from __future__ import annotations

import re

# a law written as a bare name: a letter (or a Greek one), with an optional subscript
_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{(?:[^{}]|\{[^{}]*\})*\}|_[A-Za-z0-9])?"
_GIVEN = re.compile(r"^\s*(?P<x>.+?)\s*(?:\\sim|~)\s*(?P<law>" + _NAME + r")\s*$")
_KNOWN = {"N", "\\mathcal{N}", "U"}  # U: the uniform law to many readers, not arbitrary
MEAN, VARIANCE = "a_{\\mathrm{prior}}", "b_{\\mathrm{prior}}"


def unknown_law(given) -> tuple | None:
    """(variable, law) of the one given ``X \\sim g`` whose law is a bare name no other given
    defines, or None."""
    found = []
    for text in given:
        match = _GIVEN.match(text)
        if match and match["law"] not in _KNOWN and not match["law"].startswith("\\mathcal"):
            found.append((match["x"], match["law"]))
    if len(found) != 1:
        return None
    law = found[0][1]
    head = re.compile(r"^\s*" + re.escape(law) + r"\s*(\(|=|:=|\\coloneqq|\\triangleq)")
    if any(head.match(text) for text in given):
        return None  # g(μ) = …: the law is defined, not arbitrary
    return found[0]


def instance(given, variable: str, law: str) -> list:
    """The givens with ``variable \\sim law`` a normal law (of a vector, for a bold variable:
    mean a vector, covariance b·I), each density ``law(u)`` written as the normal density."""
    bold = variable.lstrip().startswith(("\\mathbf", "\\boldsymbol", "\\bm"))
    mean = "\\mathbf{a}_{\\mathrm{prior}}" if bold else MEAN
    variance = VARIANCE + ("\\mathbf{I}" if bold else "")
    applied = re.compile(r"(?<![\\A-Za-z])" + re.escape(law) + r"\s*\(")
    out = []
    for text in given:
        match = _GIVEN.match(text)
        if match and match["law"] == law:
            out.append(f"{variable} \\sim \\mathcal{{N}}({mean}, {variance})")
            continue
        out.append(_densities(text, applied, mean, variance))
    return [*out, f"{VARIANCE} > 0"]


def _densities(text: str, applied, mean: str, variance: str) -> str:
    """``text`` with each ``g(u)`` written ``\\mathcal{N}(u; mean, variance)``."""
    while True:
        match = applied.search(text)
        if match is None:
            return text
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        if depth:
            return text  # unbalanced: left as written (the usual reading refuses it)
        argument = text[match.end() : end - 1]
        text = f"{text[: match.start()]}\\mathcal{{N}}({argument}; {mean}, {variance}){text[end:]}"


_DENSITY = re.compile(
    r"(?<![\\A-Za-z])(?P<p>[pq](?:_\{(?:[^{}]|\{[^{}]*\})*\}|_[A-Za-z0-9])?)\s*\("
)


def unknown_density(claim: str, given) -> str | None:
    r"""The one density letter applied in an integral claim (``p_{\mathrm{data}}`` in
    ``\int x\,p_{\mathrm{data}}(x)\,dx = 0``) that no given names, applied only at points
    (no conditional bar), or None.

    Example:
        >>> unknown_density(r"\int x\,p_{\mathrm{data}}(x)\,dx = 0", ())
        'p_{\\mathrm{data}}'
        >>> unknown_density(r"\int x\,p(x)\,dx = 0", (r"p(x) = \mathcal{N}(x; 0, 1)",)) is None
        True
    """
    if "\\int" not in claim:
        return None
    letters = {m["p"] for m in _DENSITY.finditer(claim)}
    if len(letters) != 1:
        return None
    (letter,) = letters
    named = re.compile(r"(?<![\\A-Za-z])" + re.escape(letter) + r"(?![A-Za-z_])")
    if any(named.search(text) for text in given) or re.search(r"\\mid|\\vert|\|", claim):
        return None  # a given about it, or a conditional density: not a bare arbitrary one
    return letter


def density_instance_decision(read_and_run, claim, given, wrt, notation, timeout):
    """An integral claim about an arbitrary density (p_data) tried with that density a normal
    one, N(a_prior, b_prior) with letters for its parameters: a refutation of the instance
    refutes the claim; a proof of it covers the normal densities only (undecided, said so).
    None where the claim has no such density or the instance decides nothing."""
    from ..errors import UsageError

    letter = None if notation else unknown_density(claim, given)  # a notation's p, q are its own
    if letter is None or "prior" in claim or any("prior" in text for text in given):
        return None
    applied = re.compile(r"(?<![\\A-Za-z])" + re.escape(letter) + r"\s*\(")
    text = _densities(claim, applied, MEAN, VARIANCE)
    try:
        decided = read_and_run(text, (*given, f"{VARIANCE} > 0"), wrt, notation, timeout)
    except UsageError:
        return None
    return _instance_verdict(decided, claim, letter, "density")


def instance_decision(read_and_run, claim, given, wrt, notation, timeout):
    """The decision on ``claim`` from its normal instance, or None when no given declares a
    variable of an unknown law or the instance decides nothing."""
    from ..errors import UsageError

    found = unknown_law(given)
    if found is None or re.search(r"(?<![\\A-Za-z])" + re.escape(found[1]) + r"\s*\(", claim):
        return None  # g(μ) in the claim itself: a density, not only a law; left as read
    if any("prior" in text for text in (claim, *given)):
        return None  # the instance's letters a_prior, b_prior would meet the claim's own
    variable, law = found
    try:
        decided = read_and_run(claim, tuple(instance(given, variable, law)), wrt, notation, timeout)
    except UsageError:
        return None
    return _instance_verdict(decided, claim, law, "law")


def _instance_verdict(decided, claim, law, what):
    """The claim's decision from its normal instance's: a refutation stands; a proof covers
    the normal laws only, so the claim stays undecided; None for anything else."""
    from .parse import quoted

    normal = f"{law} = N({MEAN.split('_')[0]}, {VARIANCE.split('_')[0]})"
    if decided.kind == "fails":
        decided.claim = claim
        decided.method = (
            f"with the arbitrary {what} {quoted(law)} a normal one, {normal} (a, b > 0 letters): "
            f"{decided.method}"
        )
        decided.notes.append(
            f"{quoted(law)} is arbitrary: the claim fails for the normal {what} {normal}, one "
            f"of the {what}s it speaks of"
        )
        return decided
    if decided.kind.startswith("holds"):
        decided.claim = claim
        decided.counterexample = None
        decided.reason = (
            f"it holds for every normal {what} {normal} ({decided.verdict}: {decided.method}), "
            f"but {quoted(law)} is arbitrary and derive has no proof for every {what}"
        )
        decided.kind, decided.verdict, decided.method = "undecided", "undecided", ""
        return decided
    return None
