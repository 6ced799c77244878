"""Reports of many decided claims (``derive check --file F -o DIR``): plain
text, Markdown and LaTeX, each claim with its source, how derive read it, the verdict, and the
counterexample or the reason.

Example:
    >>> from derive.claims.batch import load_claims, run
    >>> rows = run(load_claims('[[claim]]\\nid = "c"\\nclaim = "a = a"'))
    >>> "## c" in report(rows, "md", "Claims")
    True
"""

from __future__ import annotations

import re

from ..render.breaking import break_printed
from ..render.latex import escape
from ..render.printers import latex
from .batch import Row
from .decide import report as decision_text
from .report import difference, short


def report(rows: list[Row], fmt: str, title: str) -> str:
    """All ``rows`` as one document in ``fmt`` (txt, md, tex)."""
    return {"txt": _text, "md": _markdown, "tex": _latex}[fmt](rows, title)


def _summary(rows: list[Row]) -> str:
    counts = {}
    for r in rows:
        counts[r.decision.verdict] = counts.get(r.decision.verdict, 0) + 1
    parts = "; ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items()))
    return f"{len(rows)} claims: {parts}."


def _text(rows: list[Row], title: str) -> str:
    out = [title, "=" * len(title), _summary(rows), ""]
    for r in rows:
        out += [f"[{r.entry.id}] {r.entry.source}".rstrip(), decision_text(r.decision)]
    return "\n".join(out)


def _why(row: Row, math) -> list[str]:
    d = row.decision
    if d.kind == "fails" and d.counterexample is None:
        return [f"**fails**: {d.method}."]
    if d.kind == "fails":
        example = d.counterexample
        values = ", ".join(f"{math(k)} = {math(v)}" for k, v in example.values)
        left, right = _short(example.lhs), _short(example.rhs)
        shown = difference(example) if left == right else ""  # 2^20000 against 2^20000 + 1
        apart = f" The sides differ by {shown}." if shown else ""
        where = f"Counterexample: {values}; left" if values else "Left"
        return [f"**fails** ({d.method}). {where} side ≈ {left}, right side ≈ {right}.{apart}"]
    if d.kind == "undecided":
        return [f"**undecided**: {d.reason}."]
    return [f"**{d.verdict}** ({d.method})."]


def _markdown(rows: list[Row], title: str) -> str:
    out = [f"# {title}", "", _summary(rows), ""]
    for r in rows:
        out += [f"## {r.entry.id}", "", f"Source: {r.entry.source}" if r.entry.source else ""]
        if r.decision.latex:
            out += ["", "$$", r.decision.latex, "$$", ""]
        else:  # not read as mathematics: shown as typed
            out += ["", f"`{r.entry.claim}`", ""]
        out += _why(r, lambda e: f"${latex(e)}$")
        out += [f"Note: {note}." for note in r.decision.notes]
        out += [f"Assumed: {'; '.join(r.decision.assumptions)}."] if r.decision.assumptions else []
        out += [""]
    return "\n".join(out)


def _latex(rows: list[Row], title: str) -> str:
    out = [
        r"\documentclass[11pt]{article}",
        r"\usepackage{amsmath,amssymb}",
        r"\usepackage[margin=2.2cm]{geometry}",
        r"\begin{document}",
        rf"\section*{{{escape(title)}}}",
        *latex_body(rows),
        r"\end{document}",
    ]
    return "\n".join(out) + "\n"


def latex_body(rows: list[Row], heading: str = "subsection*") -> list[str]:
    """The report's content in LaTeX, each claim under ``\\<heading>{id}``; a formula of one
    row in ``equation*``, a longer one broken into the rows of ``multline*``."""
    out = [_typeset(_summary(rows)), ""]
    for r in rows:
        out += [rf"\{heading}{{{escape(r.entry.id)}}}"]
        if r.entry.source:
            out.append(rf"Source: {escape(r.entry.source)}.")
        if r.decision.latex:
            broken = break_printed(r.decision.latex)
            if len(broken) == 1:
                out += [r"\begin{equation*}", broken[0], r"\end{equation*}"]
            else:
                out += [r"\begin{multline*}", " \\\\\n".join(broken), r"\end{multline*}"]
        else:  # not read as mathematics: shown as typed, broken at its spaces
            out += ["", rf"{{\raggedright\texttt{{{escape(r.entry.claim)}}}\par}}", ""]
        for line in _why(r, lambda e: f"${latex(e)}$"):
            bold = line.split("**")
            line = "".join(
                rf"\textbf{{{escape(p)}}}" if i % 2 else _mixed(p) for i, p in enumerate(bold)
            )
            out.append(line)
        out += [escape(f"Note: {note}.") for note in r.decision.notes]
        if r.decision.readings:
            out.append(f"Assumed: {'; '.join(_reading(a) for a in r.decision.readings)}.")
        out += [""]
    return out


def _typeset(words: str) -> str:
    """Plain text for LaTeX; a character LaTeX text cannot show becomes its compatibility
    form (ₓ is x), or ? if it has none. The text is escaped once, as a whole."""
    import unicodedata

    from ..errors import DerivationError

    shown = []
    for ch in words:
        try:
            escape(ch)
            shown.append(ch)
        except DerivationError:
            plain = unicodedata.normalize("NFKD", ch)
            shown.append(plain if plain.isascii() else "?")
    return escape("".join(shown))


def _reading(assumption) -> str:
    """One assumption in LaTeX: a symbol's name as mathematics, the given that declared it as
    the mathematics it was typed as."""
    from sympy import Symbol

    subject = assumption.subject
    if subject.isascii() and subject.isidentifier():  # a symbol's name, such as Sigma_1
        subject = f"${latex(Symbol(subject))}$"
    else:
        subject = _typeset(subject)
    source = assumption.source
    if source.startswith("declared: "):
        source = f"declared: ${source.removeprefix('declared: ')}$"
    else:
        source = _typeset(source)
    return f"{subject}: {_typeset(assumption.what)} ({source})"


def _mixed(words: str) -> str:
    """Text with $math$ pieces: the math kept, the rest escaped; a line may break after the
    commas of the mathematics (n = 1, 2, 3, 4, 6, 8 is one unbreakable formula otherwise)."""
    pieces = words.split("$")
    escaped = "".join(f"${p}$" if i % 2 else escape(p) for i, p in enumerate(pieces))
    pieces = re.split(r"(?<!\\)\$", escaped)  # at the $ of mathematics, not at a \$
    breakable = r",\allowbreak "
    return "$".join(p.replace(", ", breakable) if i % 2 else p for i, p in enumerate(pieces))


def _short(value) -> str:
    import math

    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.inf
    # past a float's range (SymPy's float() of 2^20000 is inf): 12 digits, never all 6,021
    return f"{number:.6g}" if math.isfinite(number) else short(value)
