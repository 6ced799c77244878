"""What failed in a verified document, one line per step: where, and the verdict's reason.

``derive verify`` prints these under its table, so a failure names the derivation, the step
(numbered from 1, as in the documents) and why, without opening the document.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a = symbols("a", positive=True)
    >>> wrong = Derivation("demo", "A demo", Source("notes", "§1"), start=a + a)
    >>> report = verify(wrong.eq(2 * a, Rule("collect")).eq(3 * a, Rule("wrong")))
    >>> failures(report)  # doctest: +ELLIPSIS
    ['step 2: ✗ REFUTED at a = ...: left side = ..., right side = ...']
"""

from __future__ import annotations


def one_line(verdict) -> str:
    """The verdict's wording on one line: a refutation with its counterexample (the values and
    both sides there), anything else in the kernel's shared wording."""
    if verdict.status == "refuted" and verdict.counterexample is not None:
        from .render.text import verdict_text as describe
    else:
        try:
            from .core.verdict import describe
        except ImportError:  # the kernel before typed verdicts
            from .render.text import verdict_text as describe
    return " ".join(describe(verdict).split())


def failures(report) -> list[str]:
    """``step N: reason`` for each step of ``report`` that is not verified, then those of the
    lemmas proved inside its document (``lemma NAME, step N: reason``), then a line for each
    cited lemma that is not verified."""
    lines = _steps(report, "")
    inline = report.inline_lemmas
    for lemma in inline:
        lines += _steps(lemma, f"lemma {lemma.derivation.name}, ")
    for lemma in report.lemmas:
        if not lemma.verified and all(lemma is not shown for shown in inline):
            lines.append(f"the cited lemma {lemma.derivation.name} is not verified")
    return lines


def _steps(report, where: str) -> list[str]:
    return [
        f"{where}step {number}: {one_line(verdict)}"
        for number, verdict in enumerate(report.verdicts, 1)
        if verdict.status != "verified"
    ]
