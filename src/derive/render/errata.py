r"""The errata of the source documents (``derive audit``, the book's appendix), from
:class:`derive.audit.Audit`: a table of the failing lines first, each with the line as it
should read and the chapter that proves it; then each slip in full (as written, why it
fails, as it should read); then what proofreading read of the seeds and why the rest was not
read; then every other link, verdict by verdict. Plain text, Markdown and LaTeX.

Example:
    >>> from derive.audit import Audit, Correction, Erratum
    >>> from derive.proofread.model import Checked, Link
    >>> slip = Checked(Link(3, "=", "a + a", "3 a"), "fails", reason="a = 1: left 2, right 3")
    >>> fix = Correction("e", "a slip", "§1", "a + a = 2 a", "kl")
    >>> audit = Audit([("s.txt", [slip])], [Erratum("s.txt", slip, fix)])
    >>> "| 1 | s.txt line 3, §1 | a slip | $a + a = 2 a$ |" in render(audit, "md")
    True
"""

from __future__ import annotations

from ..errors import DeriveError
from .breaking import LINE, width
from .latex import escape as _escape

TITLE = "Errata of the source documents"
FORMATS = ("txt", "md", "tex")
# What the report says of its counterexamples: they are the proofreading's own draws.
DRAWN = (
    "A counterexample is the point the proofreading's exact evaluation drew (random "
    "rationals, so that no one could have chosen them); small values refute most of these "
    "lines as well, but the proofreader does not look for them yet."
)


def escape(words: str) -> str:
    r"""Prose for LaTeX: its runs of mathematics as formulas (:func:`derive.render.latex.escape`);
    a word that cannot be typeset so (a reason mixing ``\mu_1`` and μ₁) word by word, and a
    character no word form takes by its compatibility form (₁ as a subscript 1).

    Example:
        >>> escape(r"x - μ₁ and \mu_1").startswith("$")
        True
    """
    try:
        return _escape(words)
    except DeriveError:
        return " ".join(_word(w) for w in words.split(" "))


def _word(word: str) -> str:
    import re
    import unicodedata

    command = re.fullmatch(r"(\\[A-Za-z]+(?:_\{?\w+\}?)?)([,.;)]*)", word)
    if command:  # a symbol of the seed's LaTeX (\mu_1): typeset as the formula it is
        return f"${command.group(1)}${command.group(2)}"
    try:
        return _escape(word)
    except DeriveError:
        pass
    out = []
    for char in word:
        try:
            out.append(_escape(char) if char != " " else " ")
            continue
        except DeriveError:
            pass
        plain = unicodedata.normalize("NFKC", char)
        try:
            plain = _escape(plain)
        except DeriveError:
            plain = "?"
        named = unicodedata.name(char, "")
        kind = "_" if named.startswith("SUBSCRIPT") else "^" if "SUPERSCRIPT" in named else ""
        out.append(f"${kind}{{{plain.strip('$')}}}$" if kind else plain)
    return "".join(out)


def render(audit, fmt: str, book: bool = False) -> str:
    """The errata of ``audit`` in ``fmt`` (txt, md, tex); ``book``: LaTeX lines for the book's
    appendix (chapters linked by their labels), not a document of its own."""
    if fmt == "tex":
        body = latex_body(audit, book)
        return "\n".join(body if book else _document(body)) + "\n"
    return {"txt": _text, "md": _markdown}[fmt](audit)


def _others(audit) -> list[tuple[str, object]]:
    """(seed, checked link) for every link that is not a slip, in the seeds' order."""
    return [
        (seed, c)
        for seed, checked in audit.files
        for c in checked
        if c.verdict != "fails" and not c.link.bridge and not c.link.alone
    ]


def reading(audit) -> list[str]:
    """What proofreading read of the seeds and why it did not read the rest (sentences).

    Example:
        >>> from derive.audit import Audit
        >>> from derive.proofread.model import Checked, Link
        >>> unread = Checked(Link(1, "=", "a", "b"), "not read", reason="cannot read 'x'")
        >>> reading(Audit([("s.txt", [unread])]))[0].split(": ")[-1]
        '0 hold, 0 fail, 0 are undecided; 1 was not read.'
    """
    from ..proofread.report import summary

    counts = summary([c for _, checked in audit.files for c in checked])
    was = "was" if counts["not read"] == 1 else "were"
    out = [
        f"Of the {counts['steps']} steps of the {len(audit.files)} seed documents (links "
        f"between two lines that are not definitions), {counts['read']} were read: "
        f"{counts['holds']} hold, {counts['fails']} fail, {counts['undecided']} are "
        f"undecided; {counts['not read']} {was} not read."
    ]
    if counts["chains failing whole"] or counts["right sides failing alone"]:
        out.append(
            f"Besides the links, {counts['chains failing whole']} chains with an unread line "
            f"fail as a whole (first side against last), and "
            f"{counts['right sides failing alone']} right side is not well-formed on its own."
        )
    if counts["approximations"] or counts["not checked"]:
        out.append(
            f"{counts['approximations']} approximations and {counts['not checked']} "
            "inequalities are not checked."
        )
    out += [f"Not read, {n}: {_clause(why)}" for why, n in counts["not read, why"].items()]
    return out


def _clause(why: str) -> str:
    """A reason as a clause ending in a full stop; one the summary cut short ends in …"""
    why = why.rstrip(" ;,.")
    return f"{why} …" if len(why) >= 88 else f"{why}."


def _verdict(c) -> str:
    if c.verdict == "holds" and c.strength and c.strength != "proof":
        return f"holds ({c.strength})"
    return "definition" if c.verdict == "not a step" else c.verdict


def _where(e) -> str:
    section = f", {e.correction.section}" if e.correction else ""
    return f"{e.seed} line {e.line}{section}"


def _short(e) -> str:
    """Where a slip is, for the table: the seed by its number (seed 001), line, section."""
    section = f", {e.correction.section}" if e.correction else ""
    return f"seed {e.seed[:3]}, line {e.line}{section}"


def _what(e) -> str:
    return e.correction.what if e.correction else "not corrected yet"


def _missed(audit) -> list[str]:
    return [f"{erratum}: {why}." for erratum, why in sorted(audit.missed.items())]


def _text(audit) -> str:
    out = [TITLE, "=" * len(TITLE), ""]
    out.append(f"{len(audit.errata)} lines of the seeds fail:")
    for i, e in enumerate(audit.errata, 1):
        chapter = e.correction.chapter if e.correction else "-"
        out.append(f"  {i}. {_where(e)}: {_what(e)} (proved in: derive {chapter})")
    out.append("")
    for i, e in enumerate(audit.errata, 1):
        out += [f"{i}. {_where(e)}: {_what(e)}", f"   as written: {e.checked.link.claim}"]
        out.append(f"   fails: {e.checked.reason}")
        if e.correction:
            out.append(f"   as it should read: {e.correction.corrected}")
            out.append(f"   proved in: derive {e.correction.chapter}")
        out.append("")
    out += ["What was read", "-------------", *reading(audit), DRAWN, ""]
    if audit.missed:
        out += ["Known slips proofreading does not find yet", "-" * 42, *_missed(audit), ""]
    out += ["Every other link", "----------------"]
    for seed, c in _others(audit):
        out.append(f"{seed}:{c.link.line}  {_verdict(c)}  {c.link.claim}")
    return "\n".join(out) + "\n"


def _cell(words: str) -> str:
    return words.replace("|", "\\|").replace("\n", " ")


def _markdown(audit) -> str:
    out = [f"# {TITLE}", "", f"{len(audit.errata)} lines of the seeds fail.", ""]
    out += ["| # | where | the slip | as it should read | proved in |", "|---|---|---|---|---|"]
    for i, e in enumerate(audit.errata, 1):
        fix = e.correction
        corrected = f"${_cell(fix.corrected)}$" if fix else "—"
        chapter = f"[{fix.chapter}]({fix.chapter}.md)" if fix else "—"
        out.append(f"| {i} | {_where(e)} | {_cell(_what(e))} | {corrected} | {chapter} |")
    out.append("")
    for i, e in enumerate(audit.errata, 1):
        out += [f"## {i}. {_what(e)}", "", f"{_where(e)}, as written:", "", "$$"]
        out += [e.checked.link.claim, "$$", "", f"**fails**: {e.checked.reason}", ""]
        if e.correction:
            out += ["As it should read:", "", "$$", e.correction.corrected, "$$", ""]
            out += [f"Proved in [{e.correction.chapter}]({e.correction.chapter}.md).", ""]
    out += ["## What was read", "", *[f"- {s}" for s in reading(audit)], "", DRAWN, ""]
    if audit.missed:
        out += ["## Known slips proofreading does not find yet", ""]
        out += [f"- {s}" for s in _missed(audit)] + [""]
    out += ["## Every other link", "", "| where | verdict | link |", "|---|---|---|"]
    for seed, c in _others(audit):
        out.append(f"| {seed}:{c.link.line} | {_verdict(c)} | `{_cell(c.link.claim)}` |")
    return "\n".join(out) + "\n"


def _document(body: list[str]) -> list[str]:
    return [
        r"\documentclass[11pt]{article}",
        r"\usepackage[T1]{fontenc}",
        r"\usepackage{lmodern}",
        r"\usepackage{amsmath,amssymb,longtable,array}",
        r"\usepackage[margin=2.2cm]{geometry}",
        r"\usepackage[hidelinks]{hyperref}",
        r"\begin{document}",
        rf"\section*{{{TITLE}}}",
        *body,
        r"\end{document}",
    ]


def _inline(tex: str) -> str:
    """A formula for a table cell: ``\\left``/``\\right`` dropped, so that the line may break
    inside its brackets (a cell is narrow)."""
    for pair in ((r"\left", ""), (r"\right", "")):
        tex = tex.replace(*pair)
    return tex


def _breakable(tex: str) -> str:
    """Text with formulas that may break after their commas and semicolons (a counterexample
    β₁ = …, β₂ = …, t = 4 is one formula, wider than the line)."""
    import re

    pieces = re.split(r"(?<!\\)\$", tex)
    return "$".join(
        re.sub(r"([,;]) ", r"\1\\allowbreak ", p) if i % 2 else p for i, p in enumerate(pieces)
    )


def _rows(tex: str, room: float) -> list[str]:
    """``tex`` broken before its relations and signs, the shallowest brackets first: a break
    never falls inside braces (a fraction, a subscript), only inside ( ) or [ ] when the line
    cannot break outside them."""
    tex = tex.replace(r"\left", r"\bigl").replace(r"\right", r"\bigr")  # bigl/bigr may part
    cuts, depth, braces = [], 0, 0
    for i, ch in enumerate(tex):
        braces += (ch == "{") - (ch == "}")
        if ch in "([" and not tex[:i].endswith("\\"):
            depth += 1
        elif ch in ")]" and not tex[:i].endswith("\\"):
            depth -= 1
        elif braces == 0 and i and tex[i - 1] == " " and tex[i : i + 2] in ("= ", "+ ", "- "):
            cuts.append((depth, i))
    for allowed in range(max((d for d, _ in cuts), default=0) + 1):
        rows, start = [], 0
        points = [i for d, i in cuts if d <= allowed]
        for j, point in enumerate(points):
            after = points[j + 1] if j + 1 < len(points) else len(tex)
            if width(tex[start:after]) > room and point > start:
                rows.append(tex[start:point].strip())
                start = point
        rows.append(tex[start:].strip())
        if all(width(r) <= room for r in rows):
            return rows
    return rows


def _display(tex: str) -> list[str]:
    """A displayed formula: one row in ``equation*``, several rows in ``multline*``."""
    if width(tex) <= LINE:
        return [r"\begin{equation*}", tex, r"\end{equation*}"]
    return [r"\begin{multline*}", " \\\\\n".join(_rows(tex, LINE)), r"\end{multline*}"]


def _chapter(name: str, book: bool) -> str:
    if book:
        return rf"Chapter~\ref{{derivation:{name}}}"
    return rf"\href{{{name}.pdf}}{{{name}.pdf}}"  # roman: it may break at its hyphens


def latex_body(audit, book: bool = False) -> list[str]:
    """The errata in LaTeX; ``book``: its headings are sections of the appendix and its links
    point to the book's chapters, otherwise to the chapters' own PDF files beside it."""
    head = "section*" if book else "subsection*"
    out = [
        rf"{len(audit.errata)} lines of the four seed documents fail. Each is listed with the "
        r"line as it should read and the chapter that proves it.",
        "",
        r"{\small\begin{longtable}{@{}r>{\raggedright}p{2.2cm}>{\raggedright}p{3.6cm}"
        r">{\raggedright}p{6cm}>{\raggedright\arraybackslash}p{2.6cm}@{}}",
        r"\# & where & the slip & as it should read & proved in\\ \hline\endhead",
    ]
    for i, e in enumerate(audit.errata, 1):
        fix = e.correction
        corrected = f"${_inline(fix.corrected)}$" if fix else "---"
        chapter = _chapter(fix.chapter, book) if fix else "---"
        where = escape(_short(e))
        out.append(rf"{i} & {where} & {escape(_what(e))} & {corrected} & {chapter}\\[3pt]")
    out += [r"\end{longtable}}", ""]
    for i, e in enumerate(audit.errata, 1):
        out += [rf"\{head}{{{i}. {escape(_what(e))}}}", f"{escape(_where(e))}, as written:"]
        out += _display(e.checked.link.claim)
        out += [rf"\textbf{{fails}}: {_breakable(escape(e.checked.reason))}", ""]
        if e.correction:
            out += ["As it should read:", *_display(e.correction.corrected)]
            out += [rf"Proved in {_chapter(e.correction.chapter, book)}.", ""]
    out += [rf"\{head}{{What was read}}", *[escape(s) + "\n" for s in reading(audit)]]
    out += [escape(DRAWN), ""]
    if audit.missed:
        out += [rf"\{head}{{Known slips proofreading does not find yet}}"]
        out += [escape(s) + "\n" for s in _missed(audit)]
    out += [rf"\{head}{{Every other link}}"]
    out += [
        r"{\small\begin{longtable}{@{}>{\raggedright}p{1.5cm}>{\raggedright}p{2.6cm}"
        r">{\raggedright\arraybackslash}p{11cm}@{}}",
        r"seed:line & verdict & link\\ \hline\endhead",
    ]
    for seed, c in _others(audit):
        link = f"${_inline(c.link.claim)}$"
        where = f"{seed[:3]}:{c.link.line}"
        out.append(rf"{where} & {escape(_verdict(c))} & {link}\\[2pt]")
    out += [r"\end{longtable}}"]
    return out
