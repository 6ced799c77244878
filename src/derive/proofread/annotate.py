r"""The annotated copy: the document as it was, with a mark and a short note after each
display that has checked links — a blockquote line per link in Markdown, a ``\marginpar`` in
LaTeX, an ``<aside>`` in HTML — so the homework comes back marked.

Example:
    >>> from derive.proofread.model import Checked, Link
    >>> link = Link(2, "=", "a + a", "3 a", end=2)
    >>> note = Checked(link, "fails", reason="a = 1: left 2, right 3")
    >>> annotate(["$$", "a + a = 3 a", "$$"], "markdown", [note]).splitlines()[2:]
    ['$$', '', '> ✗ line 2, fails: a + a = 3 a — a = 1: left 2, right 3', '']
"""

from __future__ import annotations

from .model import NOT_A_STEP, Checked

MAX_NOTE = 160  # characters of a reason shown in a note


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_NOTE else text[: MAX_NOTE - 1] + "…"


def _after(lines: list[str], link_end: int) -> int:
    """The 0-based index after which a note goes: the display's last line, moved past a
    closing ``$$`` or ``\\end{…}`` that shares no line with the mathematics."""
    index = min(max(link_end, 1), len(lines)) - 1
    while index + 1 < len(lines) and lines[index + 1].strip() in ("$$", "\\]"):
        index += 1
    return index


def annotate(lines: list[str], kind: str, checked: list[Checked]) -> str:
    """The annotated copy of a document (its ``lines``) in its own format ``kind``."""
    notes: dict[int, list[str]] = {}
    for c in checked:
        if c.verdict == NOT_A_STEP:
            continue
        link = c.link
        what = f"line {link.line}, {c.verdict}"
        if c.strength and c.strength != "proof":
            what += f" ({c.strength})"
        body = link.claim
        reason = f" — {_short(c.reason)}" if c.reason and c.verdict != "holds" else ""
        notes.setdefault(_after(lines, link.end or link.line), []).append(
            _note(kind, c.mark, what, _short(body), reason)
        )
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        if index in notes:
            if kind == "markdown":  # one blockquote paragraph a note, so none runs into the next
                for note in notes[index]:
                    out += ["", note]
                out.append("")
            else:
                out += notes[index]
    return "\n".join(out) + "\n"


def _note(kind: str, mark: str, what: str, body: str, reason: str) -> str:
    if kind == "latex":
        from .report import _tex as escape

        word = {"✓": "OK", "✗": "WRONG", "?": "?"}.get(mark, "--")
        body = ""  # the note stands in the margin beside the display: its line says enough
        return rf"\marginpar{{\footnotesize\textbf{{{word}}} {escape(what + body + reason)}}}"
    if kind == "html":
        from html import escape

        return (
            f'<aside class="derive-proofread">{mark} {escape(what + ": " + body + reason)}</aside>'
        )
    return f"> {mark} {what}: {body}{reason}"
