r"""The proofreading report: a table of links (file:line, both sides as read, the verdict with
its strength, the reason) and a summary (links found, read, holding, failing, undecided, not
read and why), as plain text, Markdown, LaTeX or JSON.

Example:
    >>> from derive.proofread.model import Checked, Link
    >>> rows = [Checked(Link(3, "=", "a + a", "3 a"), "fails", reason="a = 1: left 2, right 3")]
    >>> print(render([("hw.md", rows)], "txt").splitlines()[2])
    hw.md:3  fails  a + a = 3 a
"""

from __future__ import annotations

import json
from collections import Counter

from .model import (
    APPROXIMATION,
    FAILS,
    HOLDS,
    NOT_A_STEP,
    NOT_CHECKED,
    NOT_READ,
    UNDECIDED,
    Checked,
)

FORMATS = ("txt", "md", "tex", "json")
TITLE = "Proofreading"


def summary(checked: list[Checked]) -> dict:
    """Counts: links found, steps (links that are not definitions), read, holding (by strength),
    failing, undecided, not read (by reason), approximations, unchecked relations.

    Example:
        >>> from derive.proofread.model import Checked, Link
        >>> unread = Checked(Link(1, "=", "a", "b"), "not read", reason="cannot read 'x'")
        >>> summary([unread])["not read"]
        1
    """
    wholes = [c for c in checked if c.link.bridge]
    alone = [c for c in checked if c.link.alone]
    checked = [c for c in checked if not (c.link.bridge or c.link.alone)]
    counts = Counter(c.verdict for c in checked)
    strengths = Counter(c.strength for c in checked if c.verdict == HOLDS)
    why = Counter(why_not_read(c.reason) for c in checked if c.verdict == NOT_READ)
    steps = len(checked) - counts[NOT_A_STEP]
    read = counts[HOLDS] + counts[FAILS] + counts[UNDECIDED]
    return {
        "links": len(checked),
        "definitions": counts[NOT_A_STEP],
        "steps": steps,
        "read": read,
        "holds": counts[HOLDS],
        "holds by strength": dict(sorted(strengths.items())),
        "fails": counts[FAILS],
        "undecided": counts[UNDECIDED],
        "undecided at the time bound": sum(
            c.verdict == UNDECIDED and at_time_bound(c.reason) for c in checked
        ),
        "not read": counts[NOT_READ],
        "not read, why": dict(sorted(why.items(), key=lambda kv: (-kv[1], kv[0]))),
        "approximations": counts[APPROXIMATION],
        "not checked": counts[NOT_CHECKED],
        "chains checked whole": len(wholes),
        "chains failing whole": sum(c.verdict == FAILS for c in wholes),
        "right sides failing alone": sum(c.verdict == FAILS for c in alone),
    }


def at_time_bound(reason: str) -> bool:
    """Whether an undecided link ran out of time (its own bound, or the document's budget)
    rather than being beyond the checker's methods.

    Example:
        >>> at_time_bound("time bound of 10 s reached"), at_time_bound("no method for this form")
        (True, False)
    """
    return "time bound" in reason or "time budget" in reason


def why_not_read(reason: str) -> str:
    """The kind of reason a link was not read, without its positions (for the summary).

    Example:
        >>> why_not_read("cannot read '\\\\int_{' at position 4 (unknown command?): …")
        'the grammar cannot read a construct'
    """
    if reason.startswith(("cannot read", "unexpected", "the claim ends", "cannot parse")):
        return "the grammar cannot read a construct"
    if reason.startswith("misread:"):
        return "the grammar would misread it (" + reason.split("(", 1)[0][9:].strip() + ")"
    return reason.split(" (", 1)[0].split(":", 1)[0][:90]


def _sentence(counts: dict) -> str:
    strengths = ", ".join(f"{n} {s}" for s, n in counts["holds by strength"].items())
    parts = [
        f"{counts['links']} links: {counts['definitions']} definitions, {counts['steps']} steps",
        f"{counts['read']} of the steps read: {counts['holds']} hold"
        + (f" ({strengths})" if strengths else "")
        + f", {counts['fails']} fail, {counts['undecided']} undecided"
        + (
            f" ({timed} at the time bound)"
            if (timed := counts["undecided at the time bound"])
            else ""
        ),
        f"{counts['not read']} not read",
    ]
    if counts["approximations"]:
        parts.append(f"{counts['approximations']} approximations (not checked)")
    if counts["not checked"]:
        parts.append(f"{counts['not checked']} inequalities (not checked)")
    if counts["chains checked whole"]:
        parts.append(
            f"{counts['chains checked whole']} chains with unread lines checked first side "
            f"against last: {counts['chains failing whole']} fail"
        )
    if alone := counts["right sides failing alone"]:
        sides = "right side is" if alone == 1 else "right sides are"
        own = "its own" if alone == 1 else "their own"
        parts.append(f"{alone} {sides} not well-formed on {own} as well (a second slip)")
    return "; ".join(parts) + "."


def _verdict(c: Checked) -> str:
    if c.verdict == HOLDS and c.strength and c.strength != "proof":
        return f"holds ({c.strength})"
    return c.verdict


def render(files: list[tuple[str, list[Checked]]], fmt: str, title: str = TITLE) -> str:
    """The report of one or more proofread files (``(path, checked links)`` pairs)."""
    return {"txt": _text, "md": _markdown, "tex": _latex, "json": _json}[fmt](files, title)


def _all(files) -> list[Checked]:
    return [c for _, checked in files for c in checked]


def _text(files, title: str) -> str:
    out = [title, "=" * len(title)]
    for path, checked in files:
        for c in checked:
            link = c.link
            out.append(f"{path}:{link.line}  {_verdict(c)}  {link.claim}")
            if c.reason and c.verdict != NOT_A_STEP:
                out.append(f"    {c.reason}")
    counts = summary(_all(files))
    out += ["", _sentence(counts)]
    for why, n in counts["not read, why"].items():
        out.append(f"  not read, {n}: {why}")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(files, title: str) -> str:
    out = [f"# {title}", "", "| where | link | verdict | reason |", "|---|---|---|---|"]
    for path, checked in files:
        for c in checked:
            link = c.link
            side = f"`{_cell(link.lhs)}` {_cell(link.relation)} `{_cell(link.rhs)}`"
            side = f"`{_cell(link.claim)}` (on its own)" if link.alone else side
            reason = _cell(c.reason) if c.verdict != NOT_A_STEP else "definition"
            out.append(f"| {path}:{link.line} | {side} | **{_verdict(c)}** | {reason} |")
    counts = summary(_all(files))
    out += ["", _sentence(counts), ""]
    out += [f"- not read, {n}: {_cell(why)}" for why, n in counts["not read, why"].items()]
    return "\n".join(out) + "\n"


def _tex(words: str) -> str:
    """Text for LaTeX: what :func:`derive.render.latex.escape` cannot typeset (β₄) is written
    by its compatibility form (₄ as a subscript 4) rather than refused."""
    import unicodedata

    from ..errors import DeriveError
    from ..render.latex import escape

    try:
        return escape(words)
    except DeriveError:
        out = []
        for char in words:
            try:
                out.append(escape(char))
                continue
            except DeriveError:
                pass
            plain = unicodedata.normalize("NFKC", char)
            try:
                plain = escape(plain)
            except DeriveError:  # no form LaTeX text can take: its name, in brackets
                plain = "[" + unicodedata.name(char, "?").lower() + "]"
            named = unicodedata.name(char, "")
            out.append(f"$_{{{plain}}}$" if named.startswith("SUBSCRIPT") else plain)
        return "".join(out)


def _latex(files, title: str) -> str:
    escape = _tex

    out = [
        r"\documentclass[10pt]{article}",
        r"\usepackage[margin=1.5cm,landscape]{geometry}",
        r"\usepackage{longtable}",
        r"\usepackage[T1]{fontenc}",
        r"\begin{document}",
        rf"\section*{{{escape(title)}}}",
        r"\begin{longtable}{p{3cm}p{10cm}p{2.2cm}p{9cm}}",
        r"\textbf{where} & \textbf{link} & \textbf{verdict} & \textbf{reason}\\ \hline",
        r"\endhead",
    ]
    for path, checked in files:
        for c in checked:
            link = c.link
            side = escape(link.claim)
            reason = escape(c.reason if c.verdict != NOT_A_STEP else "definition")
            where = escape(f"{path}:{link.line}")
            out.append(
                rf"\texttt{{{where}}} & \texttt{{{side}}} & {escape(_verdict(c))} & {reason}\\"
            )
    counts = summary(_all(files))
    out += [r"\end{longtable}", "", escape(_sentence(counts)), "", r"\begin{itemize}"]
    out += [rf"\item not read, {n}: {escape(why)}" for why, n in counts["not read, why"].items()]
    out += [
        r"\item[] ~" if not counts["not read, why"] else "",
        r"\end{itemize}",
        r"\end{document}",
    ]
    return "\n".join(line for line in out if line != "") + "\n"


def _json(files, title: str) -> str:
    data = {
        "title": title,
        "files": [
            {
                "file": path,
                "links": [
                    {
                        "line": c.link.line,
                        "relation": c.link.relation,
                        "lhs": c.link.lhs,
                        "rhs": c.link.rhs,
                        "verdict": c.verdict,
                        "strength": c.strength,
                        "reason": c.reason,
                        "read_as": c.read_as,
                        "givens": list(c.givens),
                    }
                    | ({"alone": True} if c.link.alone else {})
                    for c in checked
                ],
                "summary": summary(checked),
            }
            for path, checked in files
        ],
        "summary": summary(_all(files)),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
