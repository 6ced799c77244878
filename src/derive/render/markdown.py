"""The proof as Markdown whose mathematics renders on GitHub (``$…$`` and ``$$…$$`` blocks).

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> render(verify(d.eq(a**2 + 2*a*b + b**2, Rule("expand the square")))).splitlines()[0]
    '# A demo'
"""

from __future__ import annotations

from ..core.checker import Verdict
from ..core.verify import Report
from .outline import Chain, Line, outline
from .printers import SYMBOLS, latex
from .text import assumed, legend, verdict_text
from .verdicts import checked


def render(report: Report) -> str:
    """The whole proof document of ``report`` as Markdown."""
    o = outline(report)
    out = [
        f"# {o.title}",
        "",
        f"`derive {o.name}` · Source: `{o.source.document}`, {o.source.section}",
    ]
    out += ["", f"**Marks.** {legend(o.tally)}"]
    assumed = ", ".join(f"${latex(a)}$" for a in o.assumptions) or "none"
    out += ["", f"**Assumptions.** {assumed}."]
    if o.laws:
        laws = ", ".join(f"${label} = {latex(law)}$" for label, law in o.laws)
        out += ["", f"**Laws.** {laws}."]
    if o.variables:
        independent = ", independent" if len(o.variables) > 1 else ""
        declared = ", ".join(f"${latex(v)}$" for v in o.variables)
        out += ["", f"**Random variables.** {declared}{independent}."]
    if o.definitions:
        defined = ", ".join(f"${latex(k)} = {latex(v)}$" for k, v in o.definitions)
        out += ["", f"**Definitions.** {defined}."]
    out += ["", "**Theorem.**", "", _display(o.theorem)]
    for i, (k, v) in enumerate(o.where):
        out += ["", "where" if i == 0 else "and", "", f"$$\n{latex(k)} = {latex(v)}\n$$"]
    for block in o.lemmas:
        out += ["", f"**Lemma {block.number}** ({block.title}).", "", _display(block.proof)]
        out += ["", "*Proof.*", "", *_steps(block.proof)]
    out += ["", "*Proof of the theorem.*" if o.lemmas else "*Proof.*", "", *_steps(o.proof)]
    if o.unnamed:
        out += ["", "**Results.**", ""]
        out += [f"- `{n}`: ${latex(e)}$" for n, e in o.unnamed.items()]
    if o.code is not None:
        computes = ", ".join(f"`{r}`" for r in o.code.results)
        out += ["", f"**Implementation.** `{o.code.name}` computes {computes}:", ""]
        out += ["```python", o.code.source.rstrip("\n"), "```"]
    if o.picture is not None:
        out += ["", f"![{o.picture.caption}]({o.picture.path}.svg)", "", f"*{o.picture.caption}*"]
    for name, verified in o.cited:
        out += [
            "",
            f"Uses the derivation `{name}` ({'verified' if verified else '**not verified**'}).",
        ]
    verdict = "" if o.verified else "**Not proved.** "
    out += ["", f"**Checked.** {verdict}{checked(o.tally)}."]
    return "\n".join(out) + "\n"


def _display(chain: Chain) -> str:
    relation = chain.relation
    if relation.symbol == "⇒":
        return f"$$\n{latex(chain.final)}\n$$"
    symbol = SYMBOLS.get(relation.symbol, relation.symbol)
    tail = rf"\quad\text{{in }} {latex(relation.var)}" if relation.var is not None else ""
    return f"$$\n{latex(chain.start)} {symbol} {latex(chain.final)}{tail}\n$$"


def _steps(chain: Chain) -> list[str]:
    out = [f"$$\n{latex(chain.start)}\n$$", ""]
    for number, line in enumerate(chain.lines, start=1):
        symbol = SYMBOLS.get(line.relation.symbol, line.relation.symbol)
        out += [f"$$\n{symbol} {latex(line.expr)}\n$$", ""]
        said = "".join(f"; assumed: {a}" for a in assumed(line, lambda f: f"${latex(f)}$"))
        out += [f"{number}. *{_justification(line)}* — {_verdict(line.verdict)}{said}", ""]
    return out[:-1]


def _justification(line: Line) -> str:
    rule = line.rule
    words = rule.name if line.lemma_number is None else f"Lemma {line.lemma_number} ({rule.name})"
    if line.cites:
        words += f" (derivation `{line.cites}`)"
    return words + "".join(
        f"{': ' if i == 0 else '; '}${latex(f)}$" for i, f in enumerate(rule.formulas)
    )


def _verdict(verdict: Verdict) -> str:
    said = verdict_text(verdict)
    return said if verdict.status == "verified" else f"**{said}**"
