"""The proof as one self-contained web page: MathML made at build time, no script, no network.

Every formula is printed by the proof's LaTeX printer and converted to MathML by latex2mathml,
so the page shows the same mathematics as the PDF and opens offline in any current browser. Each
step's check is folded under its mark (``<details>``): the strength, the checker's wording, the
counterexample of a refuted step.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> page = render(verify(d.eq(a**2 + 2*a*b + b**2, Rule("expand the square"))))
    >>> page.startswith("<!DOCTYPE html>") and "<math" in page and "<details" in page
    True
"""

from __future__ import annotations

from html import escape

from ..core.verify import Report
from .counterexamples import points
from .mathtext import pieces
from .outline import Chain, Line, Outline, outline
from .printers import SYMBOLS, latex
from .verdicts import BY_KEY, checked, kind, wording

STYLE = """
body { font-family: "Latin Modern Roman", "Computer Modern Serif", Georgia, serif;
  max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; }
.display { overflow-x: auto; overflow-y: hidden; margin: 0.6em 0; padding: 0.2em 0; }
math[display="block"] { font-size: 1.1em; }
ol.proof { padding-left: 2em; } ol.proof > li { margin: 0.8em 0; }
.why { margin: 0.2em 0 0 2em; }
details { margin: 0.2em 0 0 2em; font-size: 0.92em; color: #333; }
summary { cursor: pointer; }
.mark { font-weight: bold; }
.mark-refuted, .mark-unverified, .mark-ill-formed { color: #a00000; }
.mark-numeric, .mark-sizes, .mark-assumption { color: #7a4b00; }
.mark-proof { color: #1a5e1a; }
.notproved { color: #a00000; font-weight: bold; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
nav ol { columns: 2; }
"""


def math(tex: str, block: bool = False) -> str:
    """``tex`` as a MathML element (``block``: a display)."""
    from latex2mathml.converter import convert

    element = convert(tex, display="block" if block else "inline")
    return f'<div class="display">{element}</div>' if block else element


def words(text: str) -> str:
    """Text with a little mathematics in it (a rule's name, a title) as HTML: the words
    escaped, each formula as MathML, as the LaTeX documents set them
    (:func:`derive.render.mathtext.pieces`).

    Example:
        >>> words("drop μ², constant in x").startswith("drop <math")
        True
    """
    return "".join(math(piece) if is_math else escape(piece) for is_math, piece in pieces(text))


def page(title: str, content: list[str]) -> str:
    """A whole HTML document around ``content``."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
    ]
    return "\n".join([*head, *content, "</body>", "</html>"]) + "\n"


def render(report: Report) -> str:
    """The whole proof document of ``report`` as an HTML page."""
    o = outline(report)
    return page(o.title, [f"<h1>{words(o.title)}</h1>", *body(o)])


def legend(keys) -> str:
    """The marks ``keys`` as a list, each with what it means."""
    items = "".join(
        f'<li><span class="mark mark-{k}">{escape(BY_KEY[k].mark)}</span> '
        f"{escape(BY_KEY[k].meaning)}</li>"
        for k in keys
    )
    return f'<ul class="marks">{items}</ul>'


def body(o: Outline, chapters: frozenset = frozenset()) -> list[str]:
    """The document's content, from its source to its check; citations of derivations in
    ``chapters`` link to them (in the book)."""
    out = [
        f"<p><code>derive {escape(o.name)}</code> · Source: <code>"
        f"{escape(o.source.document)}</code>, {words(o.source.section)}</p>",
        f"<p><strong>Marks.</strong></p>{legend(o.tally or {})}",
    ]
    assumed = ", ".join(math(latex(a)) for a in o.assumptions) or "none"
    out.append(f"<p><strong>Assumptions.</strong> {assumed}.</p>")
    if o.laws:
        laws = ", ".join(math(f"{label} = {latex(law)}") for label, law in o.laws)
        out.append(f"<p><strong>Laws.</strong> {laws}.</p>")
    if o.variables:
        independent = ", independent" if len(o.variables) > 1 else ""
        declared = ", ".join(math(latex(v)) for v in o.variables)
        out.append(f"<p><strong>Random variables.</strong> {declared}{independent}.</p>")
    if o.definitions:
        defined = ", ".join(math(f"{latex(k)} = {latex(v)}") for k, v in o.definitions)
        out.append(f"<p><strong>Definitions.</strong> {defined}.</p>")
    out += ["<p><strong>Theorem.</strong></p>", _statement(o.theorem)]
    for i, (k, v) in enumerate(o.where):
        shown = math(f"{latex(k)} = {latex(v)}", block=True)
        out += [f"<p>{'where' if i == 0 else 'and'}</p>", shown]
    for block in o.lemmas:
        out += [
            f'<p id="lemma-{o.name}-{block.number}"><strong>Lemma {block.number}</strong> '
            f"({words(block.title)}).</p>",
            _statement(block.proof),
            "<p><em>Proof.</em></p>",
            *_steps(block.proof, o.name, chapters),
        ]
    out += ["<p><em>Proof of the theorem.</em></p>" if o.lemmas else "<p><em>Proof.</em></p>"]
    out += _steps(o.proof, o.name, chapters)
    if o.unnamed:
        out.append("<p><strong>Results.</strong></p><ul>")
        out += [
            f"<li><code>{escape(n)}</code>: {math(latex(e))}</li>" for n, e in o.unnamed.items()
        ]
        out.append("</ul>")
    if o.code is not None:
        computes = ", ".join(f"<code>{escape(r)}</code>" for r in o.code.results)
        out += [
            f"<p><strong>Implementation.</strong> <code>{escape(o.code.name)}</code> computes "
            f"{computes}; a test compares it with the derived formula at random points.</p>",
            f"<pre><code>{escape(o.code.source.rstrip())}</code></pre>",
        ]
    for name, verified in o.cited:
        state = "verified" if verified else '<span class="notproved">not verified</span>'
        out.append(f"<p>Uses the derivation {_link(name, chapters)} ({state}).</p>")
    verdict = "" if o.verified else '<span class="notproved">Not proved.</span> '
    out.append(f"<p><strong>Checked.</strong> {verdict}{escape(checked(o.tally or {}))}.</p>")
    return out


def _link(name: str, chapters: frozenset) -> str:
    if name in chapters:
        return f'<a href="#derivation-{escape(name)}"><code>{escape(name)}</code></a>'
    return f"<code>{escape(name)}</code>"


def _statement(chain: Chain) -> str:
    relation = chain.relation
    if relation.symbol == "⇒":
        return math(latex(chain.final), block=True)
    symbol = SYMBOLS.get(relation.symbol, relation.symbol)
    tail = rf"\quad\text{{in }} {latex(relation.var)}" if relation.var is not None else ""
    return math(f"{latex(chain.start)} {symbol} {latex(chain.final)}{tail}", block=True)


def _steps(chain: Chain, name: str, chapters: frozenset) -> list[str]:
    out = [math(latex(chain.start), block=True), '<ol class="proof">']
    for line in chain.lines:
        symbol = SYMBOLS.get(line.relation.symbol, line.relation.symbol)
        k = kind(line.verdict)
        out += [
            f'<li class="step step-{k.key}">',
            math(f"{symbol} {latex(line.expr)}", block=True),
            f'<p class="why">by {_justification(line, name, chapters)}</p>',
            _check(line),
            "</li>",
        ]
    return [*out, "</ol>"]


def _justification(line: Line, name: str, chapters: frozenset) -> str:
    rule = line.rule
    said = words(rule.name)
    if line.lemma_number is not None:
        number = line.lemma_number
        said = f'<a href="#lemma-{name}-{number}">Lemma {number}</a> ({said})'
    elif line.cites:
        said += f" ({_link(line.cites, chapters)})"
    if rule.formulas:
        said += ": " + "; ".join(math(latex(f)) for f in rule.formulas)
    return said


def _check(line: Line) -> str:
    verdict = line.verdict
    k = kind(verdict)
    rows = [f"<li>Strength: {escape(k.label)} — {escape(k.meaning)}.</li>"]
    rows.append(f"<li>Check: {words(wording(verdict))}</li>")
    found = points(verdict)
    if len(found) == 2:
        rows.append("<li>The ratio of the sides changes between these points:</li>")
    for point in found:
        gap = point.gap(len(found) == 2)
        row = (
            f"<li>Counterexample: at {math(point.at('latex'))}, left side "
            f"{math(point.left.latex)}, right side {math(point.right.latex)}"
        )
        rows.append(row + ("" if gap is None else f", {gap[0]} {math(gap[1].latex)}") + "</li>")
    for name, formula in line.assumed:
        said = escape(name) + ("" if formula is None else f": {math(latex(formula))}")
        rows.append(f"<li>Assumed (the model's, not proved here): {said}</li>")
    used = [a for a in verdict.assumptions if a not in dict(line.assumed)]
    if used:
        rows.append(f"<li>Assumed: {escape(', '.join(str(a) for a in used))}</li>")
    return (
        f'<details><summary><span class="mark mark-{k.key}">{escape(k.mark)} '
        f"{escape(k.label)}</span></summary><ul>{''.join(rows)}</ul></details>"
    )
