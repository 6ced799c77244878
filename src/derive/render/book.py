"""One book of every derivation: title page, contents, a preface (the two notations, what a
check means, the marks), a part per topic, a chapter per document — each after the chapters it
cites — and the errata report of the source documents as an appendix.

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

from .latex import MACROS, PACKAGES, body, escape, marks
from .outline import outline
from .verdicts import legend

TITLE = "Gaussian identities and the DDPM ELBO, derived and checked"
TOPICS = {"univariate": "Univariate", "multivariate": "Multivariate", "diffusion": "Diffusion"}
PREAMBLE = (
    r"\documentclass[11pt,oneside]{report}" + "\n" + PACKAGES
    + r"\usepackage{longtable,array}" + "\n"  # the errata's tables
    + r"\usepackage[hidelinks]{hyperref}" + "\n"
    + r"\newtheorem{theorem}{Theorem}[chapter]" + "\n"
    + r"\newtheorem{lemma}[theorem]{Lemma}" + "\n"
    + MACROS
)  # fmt: skip


def render_book(reports: list[tuple], errata: list[str]) -> str:
    """The book of ``reports``, each ``(topic, report)`` or ``(topic, report, note)`` (a note
    such as "course notation" follows the chapter's title), in reading order, with ``errata``
    (LaTeX lines of the errata report) as its appendix."""
    outlines = by_dependency([(topic, outline(report), note) for topic, report, *note in reports])
    chapters = frozenset(o.name for _, o, _ in outlines)
    out = [PREAMBLE, r"\begin{document}", *TITLE_PAGE, r"\tableofcontents", "", *preface(), ""]
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


def render_book_html(reports: list[tuple]) -> str:
    """The book of ``reports`` (as for :func:`render_book`) as one self-contained web page:
    title, contents, preface, a section per chapter in the same order.

    Example:
        >>> from sympy import symbols
        >>> from derive.core import Derivation, Rule, Source, verify
        >>> a = symbols("a", positive=True)
        >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=a + a)
        >>> 'id="derivation-demo"' in render_book_html([("u", verify(d.eq(2 * a, Rule("c"))))])
        True
    """
    from html import escape as html_escape

    from . import html

    outlines = by_dependency([(topic, outline(report), note) for topic, report, *note in reports])
    chapters = frozenset(o.name for _, o, _ in outlines)
    titles = [o.title + "".join(f" ({n})" for n in note if n) for _, o, note in outlines]
    contents = "".join(
        f'<li><a href="#derivation-{o.name}">{html.words(title)}</a></li>'
        for (_, o, _), title in zip(outlines, titles, strict=True)
    )
    out = [f"<h1>{html_escape(TITLE)}</h1>", f"<nav><h2>Contents</h2><ol>{contents}</ol></nav>"]
    out += ["<h2>Preface</h2>", f"<p>{html.words(PREFACE_HTML)}</p>"]
    out.append(html.legend([k.key for k in legend()]))
    topic_now = None
    for (topic, o, _), title in zip(outlines, titles, strict=True):
        if topic != topic_now:
            out.append(f"<h2>{html_escape(TOPICS.get(topic, topic.title()))}</h2>")
            topic_now = topic
        out += [f'<section id="derivation-{o.name}">', f"<h2>{html.words(title)}</h2>"]
        out += [*html.body(o, chapters), "</section>"]
    return html.page(TITLE, out)


PREFACE_HTML = (
    "Each chapter states one identity of the source documents and proves it as a chain of "
    "steps, each checked by the engine independently of how it was written. A chapter comes "
    "after the chapters it cites. The diffusion chapters use the DDPM notation (a schedule "
    "β_t, α_t = 1 − β_t, ᾱ_t = ∏ α_s, data x_0 and latents x_t); the course notes write α_t "
    "for the cumulative product ∏ (1 − β_s), data x and latents z_t, and chapters in that "
    "notation say so. Open a step's mark to see how it was checked."
)


def _cites(o) -> set[str]:
    """The derivations a chapter's proof uses (cited by name, not proved inline)."""
    lines = [*o.proof.lines, *(line for block in o.lemmas for line in block.proof.lines)]
    return {name for name, _ in o.cited} | {line.cites for line in lines if line.cites}


def _starts_from(o, outlines: list[tuple]) -> set[str]:
    """The chapters whose result a chapter's proof starts from (eps-param starts from the
    posterior's mean): a use as real as a citation."""
    start = getattr(o.proof, "start", None)
    found = set()
    for _, other, _ in outlines:
        results = getattr(other, "results", {}) or {}
        if other.name != o.name and start is not None and start in results.values():
            found.add(other.name)
    return found


def by_dependency(outlines: list[tuple]) -> list[tuple]:
    """``(topic, outline, note)`` in reading order: topics in their first order, and within
    each a chapter after the chapters it cites or whose result it starts from (otherwise in
    the given order). A chapter that uses one of another topic keeps its topic: parts stay
    whole.

    Example:
        >>> from types import SimpleNamespace as O
        >>> def o(name, cites=(), start=None, results=None):
        ...     proof = O(lines=[], start=start)
        ...     cited = [(c, True) for c in cites]
        ...     return O(name=name, cited=cited, proof=proof, lemmas=[], results=results or {})
        >>> chapters = [("u", o("kl", ["posterior"]), ()), ("u", o("posterior"), ())]
        >>> [c[1].name for c in by_dependency(chapters)]
        ['posterior', 'kl']
        >>> chapters = [("u", o("eps", start="m"), ()), ("u", o("post", results={"mean": "m"}), ())]
        >>> [c[1].name for c in by_dependency(chapters)]
        ['post', 'eps']
    """
    topics = list(dict.fromkeys(topic for topic, _, _ in outlines))
    uses = {id(c[1]): _cites(c[1]) | _starts_from(c[1], outlines) for c in outlines}
    done: set[str] = set()
    ordered: list[tuple] = []
    for topic in topics:
        waiting = [c for c in outlines if c[0] == topic]
        names = {c[1].name for c in waiting}
        while waiting:
            ready = next(
                (c for c in waiting if not ((uses[id(c[1])] & names) - done - {c[1].name})),
                waiting[0],  # a cycle (none today): keep the given order
            )
            waiting.remove(ready)
            ordered.append(ready)
            done.add(ready[1].name)
    return ordered


TITLE_PAGE = [
    r"\begin{titlepage}\centering\vspace*{0.25\textheight}",
    rf"{{\Huge\bfseries {escape(TITLE)}\par}}\vspace{{2em}}",
    r"{\Large Every step checked by machine, with the strength of its check\par}\vspace{3em}",
    r"{\large Written and checked by \texttt{derive}, from the source documents' derivations"
    r" of the Gaussian identities behind denoising diffusion models\par}",
    r"\vfill{\small The errata of the source documents are in the appendix.\par}",
    r"\end{titlepage}",
]


def preface() -> list[str]:
    """The book's preface: what it contains, the two notations, what a check is, the marks."""
    return [
        r"\chapter*{Preface}\addcontentsline{toc}{chapter}{Preface}",
        "Each chapter states one identity of the source documents as a theorem and proves it "
        "as a chain of steps. Every step was checked by the engine independently of how the "
        "step was written: both sides are reduced and compared, symbolically where possible, "
        "and evaluated exactly at points no one chose. A chapter comes after the chapters it "
        "cites.",
        "",
        r"\paragraph{Two notations.} The diffusion chapters are written in the notation of "
        r"Ho et al.\ (DDPM): a schedule $\beta_t \in (0, 1)$, $\alpha_t = 1 - \beta_t$ and "
        r"$\bar\alpha_t = \prod_{s=1}^{t} \alpha_s$, data $x_0$ and latents $x_t$. The course "
        r"notes write $\alpha_t$ for the cumulative product $\prod_{s=1}^{t} (1 - \beta_s)$, "
        r"data $x$ and latents $z_t$; chapters in that notation say so in their title.",
        "",
        r"\paragraph{What a check means.} A step is \emph{proved} when the difference of its "
        r"sides simplifies to zero for every value of the symbols. A matrix identity that "
        r"SymPy cannot prove for every dimension is proved \emph{at sizes}: for the dimensions "
        r"listed, which is evidence, not a proof, for the others. A step is \emph{numeric "
        r"evidence} when its sides agree to many digits at random points but nothing exact "
        r"decided it. A step holds \emph{by assumption} when it is true given an assumption "
        r"of the model that the engine takes as given rather than proves: the Markov property "
        r"of the forward process, $q(x_t \mid x_{t-1}, x_0) = q(x_t \mid x_{t-1})$, and the "
        r"law of iterated expectations the ELBO uses. Such a step is checked a second time "
        r"without the assumption; only if that check fails is it marked so, and the "
        r"assumption is named, with its formula, under the step. "
        r"A step the checker could not decide is \emph{unverified}, and a false one is "
        r"\emph{refuted}, with the values at which its sides differ.",
        "",
        rf"\paragraph{{The marks.}} {marks()}",
        r"Each chapter ends with a \textbf{Checked} line counting its steps by mark.",
    ]
