"""One book of every derivation: title page, contents, a part per topic, a chapter per
document, and the errata report of the source documents as an appendix.

A proof that cites a derivation proved in another chapter links to it (``hyperref``), and the
chapter says which derivations it uses.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a = symbols("a", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=a + a)
    >>> tex = render_book([("univariate", verify(d.eq(2 * a, Rule("collect"))))], [])
    >>> r"\\chapter{A demo}\\label{derivation:demo}" in tex and r"\\tableofcontents" in tex
    True
"""

from __future__ import annotations

from .latex import MACROS, PACKAGES, body, escape
from .outline import outline

TITLE = "Gaussian identities and the DDPM ELBO, derived and checked"
TOPICS = {"univariate": "Univariate", "multivariate": "Multivariate", "diffusion": "Diffusion"}
PREAMBLE = (
    r"\documentclass[11pt,oneside]{report}" + "\n" + PACKAGES
    + r"\usepackage[hidelinks]{hyperref}" + "\n"
    + r"\newtheorem{theorem}{Theorem}[chapter]" + "\n"
    + r"\newtheorem{lemma}[theorem]{Lemma}" + "\n"
    + MACROS
)  # fmt: skip


def render_book(reports: list[tuple], errata: list[str]) -> str:
    """The book of ``reports``, each ``(topic, report)`` or ``(topic, report, note)`` (a note
    such as "course notation" follows the chapter's title), in reading order, with ``errata``
    (LaTeX lines of the errata report) as its appendix."""
    outlines = [(topic, outline(report), note) for topic, report, *note in reports]
    chapters = frozenset(o.name for _, o, _ in outlines)
    out = [PREAMBLE, rf"\title{{{escape(TITLE)}}}", r"\author{\texttt{derive all}}", r"\date{}"]
    out += [r"\begin{document}", r"\maketitle", r"\tableofcontents", ""]
    topic_now = None
    for topic, o, note in outlines:
        if topic != topic_now:
            out += [rf"\part{{{TOPICS.get(topic, topic.title())}}}", ""]
            topic_now = topic
        title = escape(o.title + "".join(f" ({n})" for n in note if n))
        out += [rf"\chapter{{{title}}}\label{{derivation:{o.name}}}"]
        out += [rf"\noindent\texttt{{derive {o.name}}}\\", *body(o, chapters), ""]
    if errata:
        out += [r"\appendix", r"\chapter{Errata of the source documents}", *errata]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"
