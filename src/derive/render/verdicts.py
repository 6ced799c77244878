"""How strong each check is, said the same way in every format.

Every renderer asks :func:`kind` which mark a verdict gets, :func:`wording` for the one-line
sentence (``derive.core.verdict.describe`` when the kernel has it) and :func:`tally` /
:func:`checked` for the "Checked" line, so that a step's strength reads alike in text, Markdown,
LaTeX, JSON and HTML (a refutation's values come from :mod:`derive.render.counterexamples`).

Example:
    >>> from derive.core.verdict import Verdict
    >>> kind(Verdict.refuted("numeric evaluation", None)).mark
    '✗'
    >>> wording(Verdict.at_sizes("exact random matrices", sizes=(3, 4)))
    'checked at n = 3, 4 only: exact random matrices'
    >>> checked({"proof": 3, "numeric": 1})
    '4 steps: 3 proved, 1 numeric evidence only'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One mark: its key, its Unicode sign, its LaTeX sign, a short label and what it means."""

    key: str
    mark: str
    tex: str
    label: str
    meaning: str


# In the order of the "Checked" line and of the prefaces: strongest first, failures last.
KINDS = (
    Kind("proof", "✓", r"$\checkmark$", "proved", "proved symbolically, for every value"),
    Kind(
        "sizes", "✓ₙ", r"$\checkmark_{n}$", "at sizes",
        "a matrix identity proved at the listed dimensions n only (evidence for other n)",
    ),
    Kind(
        "numeric", "≈", r"$\approx$", "numeric evidence only",
        "both sides agree to many digits at random points; evidence, not a proof",
    ),
    Kind(
        "assumption", "†", r"\dag", "by assumption",
        "true given an assumption of the model, named under the step (not proved; the rest "
        "of the step is checked)",
    ),
    Kind("unverified", "?", r"\textbf{?}", "UNVERIFIED", "the checker could not decide the step"),
    Kind(
        "ill-formed", "⊘", r"$\oslash$", "ILL-FORMED",
        "the step is not a well-formed statement about the model",
    ),
    Kind(
        "refuted", "✗", r"$\boldsymbol{\times}$", "REFUTED",
        "false: a counterexample (values of the symbols and both sides) is shown",
    ),
)  # fmt: skip
BY_KEY = {k.key: k for k in KINDS}
_STRENGTH = {
    "proof": "proof", "at sizes": "sizes", "numeric": "numeric", "by assumption": "assumption",
}  # fmt: skip


def kind(verdict) -> Kind:
    """The mark of ``verdict``: its status, and for a verified one its strength."""
    if str(verdict.status) != "verified":
        return BY_KEY[str(verdict.status)]
    return BY_KEY[_STRENGTH[str(verdict.strength)]]


def wording(verdict) -> str:
    """The kernel's one-line sentence for ``verdict`` (:func:`derive.core.verdict.describe`),
    its leading status word in capitals when the step is not verified."""
    from ..core.verdict import describe

    said = describe(verdict)
    if kind(verdict).key in ("unverified", "ill-formed", "refuted"):
        head, colon, rest = said.partition(":")
        said = head.upper() + colon + rest
    return said


def parts(verdict) -> tuple[str, str]:
    """:func:`wording` split into its strength (or status) and the route: ``("proof",
    "symbolic: …")``, for renderers that set the first part in bold."""
    head, _, rest = wording(verdict).partition(": ")
    return head, rest


def tally(verdicts) -> dict[str, int]:
    """How many of ``verdicts`` get each mark (keys of :data:`BY_KEY` that occur)."""
    found: dict[str, int] = {}
    for verdict in verdicts:
        key = kind(verdict).key
        found[key] = found.get(key, 0) + 1
    return {k.key: found[k.key] for k in KINDS if k.key in found}


def checked(counts: dict[str, int]) -> str:
    """The "Checked" sentence: the steps, then each mark's count apart."""
    total = sum(counts.values())
    parts = ", ".join(f"{n} {BY_KEY[key].label}" for key, n in counts.items())
    return f"{total} step{'s' if total != 1 else ''}: {parts}" if parts else "no steps"


def legend() -> list[Kind]:
    """Every mark, in the order a preface explains them."""
    return list(KINDS)
