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

from ..core.checker import Verdict
from ..core.verify import Report
from ..errors import DerivationError
from .outline import Chain, Line, Outline, outline
from .printers import SYMBOLS, latex

PACKAGES = r"""\usepackage[a4paper,margin=2cm]{geometry}
\usepackage[T1]{fontenc}
\usepackage{amsmath,amssymb,amsthm}
\usepackage{xcolor,graphicx}
\ifdefined\pdftrailerid\pdftrailerid{}\fi
\allowdisplaybreaks
"""
MACROS = r"""\newcommand{\checkedby}[1]{{\scriptsize\color{gray}$\checkmark$~#1}}
\newcommand{\refuted}[1]{{\small\color{red}\textbf{REFUTED}~#1}}
\newcommand{\unverified}[1]{{\small\color{red}\textbf{UNVERIFIED}~#1}}
\newcommand{\justified}[1]{\parbox[t]{0.8\linewidth}{\raggedright\small #1}}
\newcommand{\fitwidth}[1]{\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{#1}}
"""
PREAMBLE = (
    "\\documentclass[11pt]{article}\n" + PACKAGES
    + "\\newtheorem{theorem}{Theorem}\n\\newtheorem{lemma}{Lemma}\n" + MACROS
)  # fmt: skip

# Text (rule names, titles, reasons) may hold a little Unicode mathematics.
_TEXT = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "−": "$-$", "‖": r"$\|$", "½": r"$\frac12$", "≤": r"$\le$", "≥": r"$\ge$", "∝": r"$\propto$",
    "·": r"$\cdot$", "×": r"$\times$", "²": r"$^2$", "³": r"$^3$", "⁻": r"$^-$", "¹": r"$^1$",
    "₀": r"$_0$", "₁": r"$_1$", "₂": r"$_2$", "₃": r"$_3$", "ₜ": r"$_t$", "∈": r"$\in$",
    "§": r"\S{}", "–": "--", "—": "---", "’": "'", "ℝ": r"$\mathbb{R}$", "⇒": r"$\Rightarrow$",
    "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$", "δ": r"$\delta$", "ε": r"$\varepsilon$",
    "θ": r"$\theta$", "μ": r"$\mu$", "π": r"$\pi$", "σ": r"$\sigma$", "φ": r"$\varphi$",
    "Σ": r"$\Sigma$", "ᾱ": r"$\bar\alpha$", "√": r"$\surd$", "∂": r"$\partial$", "′": "'",
    "∞": r"$\infty$", "≠": r"$\ne$", "∏": r"$\prod$", "∑": r"$\sum$", "ȳ": r"$\bar y$",
    "λ": r"$\lambda$", "τ": r"$\tau$", "ϕ": r"$\phi$", "ψ": r"$\psi$", "ω": r"$\omega$",
    "ᵢ": r"$_i$", "ₙ": r"$_n$", "⊤": r"$^\top$", "ᵀ": r"$^\top$", "…": r"\dots{}", "≻": r"$\succ$",
    "₋": r"$_-$", "ₛ": r"$_s$", "ₖ": r"$_k$", "ₐ": r"$_a$", "ⁿ": r"$^n$",
    "ϵ": r"$\epsilon$", "≈": r"$\approx$", "∫": r"$\int$", "⊥": r"$\perp$",
}  # fmt: skip
_COMBINING = {"\u0304": r"\bar", "\u0303": r"\tilde"}  # accents on the character before


def escape(words: str) -> str:
    """Plain text made safe for LaTeX; the few Unicode symbols it may hold become math.

    Example:
        >>> escape("σ₁ > 0 & 50%")
        '$\\\\sigma$$_1$ > 0 \\\\& 50\\\\%'
    """
    out = []
    for ch in words:
        if ch in _COMBINING and out:
            base = out[-1][1:-1] if out[-1].startswith("$") else out[-1]
            out[-1] = f"${_COMBINING[ch]}{{{base}}}$"
            continue
        if ch not in _TEXT and ord(ch) > 0xFF:
            raise DerivationError(f"cannot typeset {ch!r} in LaTeX text: {words!r}")
        out.append(_TEXT.get(ch, ch))
    return "".join(out)


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
        rf"\noindent\textbf{{Source.}} \texttt{{{escape(o.source.document)}}}, "
        rf"{escape(o.source.section)}.\\"
    ]
    assumed = ", ".join(f"${latex(a)}$" for a in o.assumptions) or "none"
    out.append(rf"\textbf{{Assumptions.}} {assumed}.\\")
    if o.laws:
        laws = ", ".join(f"${label} = {latex(law)}$" for label, law in o.laws)
        out.append(rf"\textbf{{Laws.}} {laws}.\\")
    if o.variables:
        independent = ", independent" if len(o.variables) > 1 else ""
        declared = ", ".join(f"${latex(v)}$" for v in o.variables)
        out.append(rf"\textbf{{Random variables.}} {declared}{independent}.\\")
    if o.definitions:
        defined = ", ".join(f"${latex(k)} = {latex(v)}$" for k, v in o.definitions)
        out.append(rf"\textbf{{Definitions.}} {defined}.\\")
    out += ["", r"\begin{theorem}", statement(o.proof), r"\end{theorem}", ""]
    for block in o.lemmas:
        label = f"lemma:{o.name}:{block.number}"
        out += [rf"\begin{{lemma}}[{escape(block.title)}]\label{{{label}}}"]
        out += [statement(block.proof), r"\end{lemma}", *_proof(block.proof, o, chapters), ""]
    heading = "Proof of the theorem" if o.lemmas else None
    out += [*_proof(o.proof, o, chapters, heading), ""]
    if o.results:
        out.append(r"\paragraph{Results.}")
        out += [rf"\[ \mathrm{{{escape(n)}}} = {latex(e)} \]" for n, e in o.results.items()]
    out += _implementation(o) + _figure(o)
    for name, verified in o.cited:
        state = "verified" if verified else r"\textcolor{red}{not verified}"
        out.append(rf"\noindent Uses the derivation {_cited(name, chapters)} ({state}).\\")
    c = o.counts
    summary = f"{c['verified']} of {c['steps']} steps verified by machine"
    if not o.verified:
        summary = r"\textcolor{red}{\textbf{Not proved:}} " + summary
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
        rf"The function \texttt{{{escape(o.code.name)}}} of the derivation script computes "
        rf"{computes}; a test compares it with the derived formula at random points.",
        r"{\footnotesize\begin{verbatim}",
        o.code.bare.rstrip("\n"),
        r"\end{verbatim}}",
        r"\noindent Rendered by latexify-py:",
        rf"\[ \fitwidth{{$\displaystyle {o.code.latex}$}} \]",
    ]


def _figure(o: Outline) -> list[str]:
    if o.picture is None:
        return []
    path = f"{o.picture.path}.pdf"
    return [
        rf"\IfFileExists{{{path}}}{{\begin{{figure}}[ht]\centering",
        rf"\includegraphics[width=0.8\linewidth]{{{path}}}",
        rf"\caption{{{escape(o.picture.caption)}}}\end{{figure}}}}{{}}",
    ]


def statement(chain: Chain) -> str:
    """The chain's statement as a display."""
    relation = chain.relation
    if relation.symbol == "⇒":
        return rf"\[ {latex(chain.final)} \]"
    symbol = SYMBOLS.get(relation.symbol, relation.symbol)
    tail = ""
    if relation.var is not None:
        tail = rf"\quad\text{{as functions of }} {latex(relation.var)}"
    return rf"\[ {latex(chain.start)} {symbol} {latex(chain.final)}{tail} \]"


def _proof(chain: Chain, o: Outline, chapters: frozenset, heading: str | None = None) -> list[str]:
    rows = [rf"& {latex(chain.start)}"]
    for line in chain.lines:
        symbol = SYMBOLS.get(line.relation.symbol, line.relation.symbol)
        note = rf"{justification(line, o.name, chapters)}\\ {verdict_tex(line.verdict)}"
        # The justification goes on its own line under the step, so no expression, however
        # wide, pushes it off the page.
        rows.append(rf"{symbol}{{}} & {latex(line.expr)}")
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
    elif line.cites in chapters:
        words += rf" (Chapter~\ref{{derivation:{line.cites}}})"
    if rule.formulas:
        words += ": " + "; ".join(f"${latex(f)}$" for f in rule.formulas)
    return words


def verdict_tex(verdict: Verdict) -> str:
    """The checker's verdict, small, beside the step."""
    if verdict.status == "verified":
        return rf"\checkedby{{{escape(verdict.method)}}}"
    if verdict.status == "unverified":
        return rf"\unverified{{{escape(verdict.reason)}}}"
    example = verdict.counterexample
    at = ", ".join(f"{latex(s)} = {latex(v)}" for s, v in example.values)
    sides = rf"left ${latex(example.lhs.evalf(8))}$, right ${latex(example.rhs.evalf(8))}$"
    if example.lhs2 is None:
        return rf"\refuted{{at ${at}$: {sides}}}"
    at2 = ", ".join(f"{latex(s)} = {latex(v)}" for s, v in example.values2)
    sides2 = rf"left ${latex(example.lhs2.evalf(8))}$, right ${latex(example.rhs2.evalf(8))}$"
    return rf"\refuted{{ratio not constant: at ${at}$ {sides}; at ${at2}$ {sides2}}}"
