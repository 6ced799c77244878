"""The proof as a standalone LaTeX document (article, amsmath, amssymb, amsthm).

The statement is a theorem, inline lemmas are lemmas, and the proof is an ``align*`` in which
every step is followed by its justification and, in small type, how the checker verified it. Every
expression goes through :class:`~derive.render.printers.ProofLatexPrinter`.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> tex = render(verify(d.eq(a**2 + 2*a*b + b**2, Rule("expand the square"))))
    >>> "\\\\begin{theorem}" in tex and tex.rstrip().endswith("\\\\end{document}")
    True
"""

from __future__ import annotations

import re

from sympy import Eq

from ..core.checker import Verdict
from ..core.verify import Report
from .breaking import LINE, split, width
from .counterexamples import Point, points
from .mathtext import escape
from .outline import Chain, Line, Outline, outline
from .printers import SYMBOLS, display_fractions, latex
from .verdicts import BY_KEY, checked, kind, legend, parts

# A fraction or root holding a fraction: too small set in a line of text.
NESTED = re.compile(r"\\(frac|sqrt)\{[^{}]*(\{[^{}]*\}[^{}]*)*\\frac")

__all__ = ["escape", "render", "body", "statement", "justification", "verdict_tex", "marks"]

PACKAGES = r"""\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{lmodern}
\usepackage[T1]{fontenc}
\usepackage{amsmath,amssymb,amsthm}
\usepackage{xcolor,graphicx,listings}
\lstset{basicstyle=\footnotesize\ttfamily,columns=fullflexible,keepspaces,breaklines,
  postbreak=\mbox{$\hookrightarrow$\space},upquote=false}
\ifdefined\pdftrailerid\pdftrailerid{}\fi
\allowdisplaybreaks
% A figure goes with the text, at the top or bottom of a page, rather than alone on a page of
% its own: a float may fill most of a page, and a page of floats only must be nearly full.
\renewcommand{\topfraction}{0.85}\renewcommand{\bottomfraction}{0.7}
\renewcommand{\textfraction}{0.1}\renewcommand{\floatpagefraction}{0.85}
"""
# The check lines are small: grey at 80% ink and a dark red keep them legible in print
# (contrast with white paper above 7:1, tests/test_pdf_quality.py).
MACROS = r"""\newcommand{\checkedby}[2]{{\footnotesize\color{black!80}#1~#2}}
\newcommand{\failedby}[2]{{\small\color{red!65!black}#1~#2}}
\newcommand{\justified}[1]{\parbox[t]{0.8\linewidth}{\raggedright\small #1}}
"""
PREAMBLE = (
    "\\documentclass[11pt]{article}\n" + PACKAGES
    + "\\newtheorem{theorem}{Theorem}\n\\newtheorem{lemma}{Lemma}\n" + MACROS
)  # fmt: skip


def render(report: Report) -> str:
    """The whole proof document of ``report`` as LaTeX source."""
    o = outline(report)
    out = [PREAMBLE, rf"\title{{{escape(o.title)}}}", r"\author{\texttt{derive " + o.name + "}}"]
    out += [r"\date{}", r"\begin{document}", r"\maketitle", ""]
    return "\n".join([*out, *body(o), r"\end{document}"]) + "\n"


def body(o: Outline, chapters: frozenset = frozenset()) -> list[str]:
    """The document's content, from its source to its check; a proof citing a derivation
    whose name is in ``chapters`` links to it (``derivation:NAME``, in the book)."""
    out = [
        r"{\raggedright",
        rf"\noindent\textbf{{Source.}} \texttt{{{escape(o.source.document)}}}, "
        rf"{escape(o.source.section)}.\\",
    ]
    out.append(rf"\textbf{{Marks.}} {marks(o.tally)}\\")
    assumed = ", ".join(f"${latex(a)}$" for a in o.assumptions) or "none"
    out.append(rf"\textbf{{Assumptions.}} {assumed}.\\")
    if o.laws:
        laws = ", ".join(f"${label} = {latex(law)}$" for label, law in o.laws)
        out.append(rf"\textbf{{Laws.}} {laws}.\\")
    if o.variables:
        independent = ", independent" if len(o.variables) > 1 else ""
        declared = ", ".join(f"${latex(v)}$" for v in o.variables)
        out.append(rf"\textbf{{Random variables.}} {declared}{independent}.\\")
    tall = [pair for pair in o.definitions if NESTED.search(latex(pair[1]))]
    if o.definitions and not tall:
        defined = ", ".join(f"${latex(k)} = {latex(v)}$" for k, v in o.definitions)
        out.append(rf"\textbf{{Definitions.}} {defined}.\\")
    out.append(r"\par}")
    if tall:  # a fraction in a fraction is unreadable in a line of text: displayed
        out.append(r"\noindent\textbf{Definitions.}")
        shown = [f"{latex(k)} = {latex(v)}" for k, v in o.definitions]
        if sum(width(d) + 4 for d in shown) <= LINE:
            joined = r", \qquad ".join(shown)
            out.append(display_fractions(rf"\[ {joined}. \]"))
        else:
            out += [_display([], split(Eq(k, v, evaluate=False))) for k, v in o.definitions]
    out += ["", r"\begin{theorem}", statement(o.theorem), *_where(o), r"\end{theorem}", ""]
    out += _figure(o)  # placed early, so that it floats among the proof's pages
    for block in o.lemmas:
        label = f"lemma:{o.name}:{block.number}"
        out += [rf"\begin{{lemma}}[{escape(block.title)}]\label{{{label}}}"]
        out += [statement(block.proof), r"\end{lemma}", *_proof(block.proof, o, chapters), ""]
    heading = "Proof of the theorem" if o.lemmas else None
    out += [*_proof(o.proof, o, chapters, heading), ""]
    if o.unnamed:
        out.append(r"\paragraph{Results.}")
        for n, e in o.unnamed.items():  # \text keeps the spaces of "prior matching"
            first, *more = split(e, LINE, LINE - width(n) - 2)
            out.append(_display([], [rf"\text{{{escape(n)}}} = {first}", *more]))
    out += _implementation(o)
    for name, verified in o.cited:
        state = "verified" if verified else r"\textcolor{red!65!black}{not verified}"
        out.append(rf"\noindent Uses the derivation {_cited(name, chapters)} ({state}).\\")
    summary = escape(checked(o.tally))
    if not o.verified:
        summary = r"\textcolor{red!65!black}{\textbf{Not proved:}} " + summary
    out.append(rf"\paragraph{{Checked.}} {summary}.")
    return out


def _cited(name: str, chapters: frozenset) -> str:
    if name in chapters:
        return rf"\texttt{{{escape(name)}}} (Chapter~\ref{{derivation:{name}}})"
    return rf"\texttt{{{escape(name)}}}"


def _implementation(o: Outline) -> list[str]:
    if o.code is None:
        return []
    computes = ", ".join(rf"\texttt{{{escape(r)}}}" for r in o.code.results)
    return [
        r"\paragraph{Implementation.}",
        r"{\raggedright",
        rf"The function \texttt{{{escape(o.code.name)}}} of the derivation script computes "
        rf"{computes}; a test compares it with the derived formula at random points.\par}}",
        r"\begin{lstlisting}",
        o.code.bare.rstrip("\n"),
        r"\end{lstlisting}",
    ]


def _figure(o: Outline) -> list[str]:
    if o.picture is None:
        return []
    path = f"{o.picture.path}.pdf"
    return [
        rf"\IfFileExists{{{path}}}{{\begin{{figure}}[tbp]\centering",
        rf"\includegraphics[width=0.8\linewidth]{{{path}}}",
        rf"\caption{{{escape(o.picture.caption)}}}\end{{figure}}}}{{}}",
    ]


def statement(chain: Chain) -> str:
    """The chain's statement as a display, broken into rows at its relation and its ``+``
    signs when it is wider than the line."""
    relation = chain.relation
    if relation.symbol == "⇒":
        return _display([], split(chain.final))
    symbol = SYMBOLS.get(relation.symbol, relation.symbol)
    tail = ""
    if relation.var is not None:
        tail = rf"\quad\text{{as functions of }} {latex(relation.var)}"
    start, final = latex(chain.start), latex(chain.final)
    if width(start) + width(final) + width(tail) + 3 <= LINE:
        return display_fractions(rf"\[ {start} {symbol} {final}{tail} \]")
    first, *more = split(chain.final, LINE, LINE - 4)
    return _display(split(chain.start), [f"{symbol} {first}", *more], tail)


def _where(o: Outline) -> list[str]:
    """What the theorem's names stand for: "where μ̃_t = …, and β̃_t = …", displays broken
    at their + signs like the statement's."""
    out = []
    for i, (name, formula) in enumerate(o.where):
        shown = latex(name)
        first, *more = split(formula, LINE, LINE - width(shown) - 4)
        out += [r"where" if i == 0 else r"and", _display([], [f"{shown} = {first}", *more])]
    return out


def _display(left: list[str], right: list[str], tail: str = "") -> str:
    """Rows of a broken display: the left side's, then the right side's, aligned at the
    relation (``left`` empty: the right side alone)."""
    rows = [f"& {r}" if i == 0 else rf"& \quad {r}" for i, r in enumerate(left)]
    rows += [f"& {r}" if i == 0 else rf"& \quad {r}" for i, r in enumerate(right)]
    rows[-1] += tail
    if len(rows) == 1:
        return display_fractions(rf"\[ {rows[0][2:]} \]")
    return display_fractions("\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}")


def _proof(chain: Chain, o: Outline, chapters: frozenset, heading: str | None = None) -> list[str]:
    start = (display_fractions(r) for r in split(chain.start))
    rows = [f"& {r}" if i == 0 else rf"& \quad {r}" for i, r in enumerate(start)]
    for line in chain.lines:
        symbol = SYMBOLS.get(line.relation.symbol, line.relation.symbol)
        said = verdict_tex(line.verdict, line.assumed)
        note = rf"{justification(line, o.name, chapters)}\\ {said}"
        # The justification goes on its own line under the step, so no expression, however
        # wide, pushes it off the page.
        first, *more = (display_fractions(r) for r in split(line.expr))
        rows.append(rf"{symbol}{{}} & {first}")
        rows += [rf"& \quad {r}" for r in more]
        rows.append(rf"& \qquad\justified{{{note}}}")
    begin = r"\begin{proof}" + (f"[{heading}]" if heading else "")
    return [begin, r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}", r"\end{proof}"]


def justification(line: Line, name: str, chapters: frozenset = frozenset()) -> str:
    """The rule of a line: its words, a reference to an inline lemma or to the chapter of a
    cited derivation (in the book), its formula."""
    rule = line.rule
    words = escape(rule.name)
    if line.lemma_number is not None:
        words = rf"Lemma~\ref{{lemma:{name}:{line.lemma_number}}} ({words})"
    elif line.cites:
        words += f" ({_cited(line.cites, chapters)})"
    if rule.formulas:
        words += ": " + "; ".join(f"${latex(f)}$" for f in rule.formulas)
    return words


def marks(counts: dict | None = None) -> str:
    """What the marks mean: those in ``counts`` (a document's), or all of them (the book)."""
    keys = list(counts) if counts is not None else [k.key for k in legend()]
    return "; ".join(f"{BY_KEY[key].tex}~{escape(BY_KEY[key].meaning)}" for key in keys) + "."


def verdict_tex(verdict: Verdict, assumed: tuple = ()) -> str:
    """The checker's verdict, small, under the step: mark, strength, wording, the model
    assumptions it rests on (``(name, formula)`` pairs), and for a refutation the
    counterexample."""
    k = kind(verdict)
    strength, route = parts(verdict)
    said = rf"\textbf{{{escape(strength)}}}" + (f": {escape(route)}" if route else "")
    for name, formula in assumed:
        said += f"; assumed: {escape(name)}" + ("" if formula is None else f": ${latex(formula)}$")
    if verdict.verified:
        return rf"\checkedby{{{k.tex}}}{{{said}}}"
    found = points(verdict)
    where = "; ".join(f"at ${p.at('latex')}$: {_sides(p, len(found) == 2)}" for p in found)
    if len(found) == 2:
        where = "the ratio of the sides changes: " + where
    return rf"\failedby{{{k.tex}}}{{{said}{'; ' + where if where else ''}}}"


def _sides(point: Point, ratio: bool) -> str:
    """Both sides' values at ``point``, and their difference (their ratio for ``∝``)."""
    said = f"left ${point.left.latex}$, right ${point.right.latex}$"
    gap = point.gap(ratio)
    return said if gap is None else f"{said}, {gap[0]} ${gap[1].latex}$"
