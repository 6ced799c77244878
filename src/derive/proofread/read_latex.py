r"""Reading LaTeX with pylatexenc's LatexWalker: the display environments (``equation``,
``align``, ``aligned``, ``gather``, ``split``, ``multline``, ``eqnarray``, starred or not),
``\[ … \]``, ``$$ … $$``, inline ``\( … \)`` and ``$ … $``; macros the document defines
(``\newcommand``, ``\renewcommand``, ``\def``, with or without simple arguments) expanded;
``\input``, ``\include`` and every command that reads a file or runs one are refused (the
line named). A ``% derive:`` comment block is the document's context (TOML, one key a line).

Example:
    >>> text = "% derive: notation = 'ddpm'\n\\begin{align*} a &= b \\\\ &= c \\end{align*}\n"
    >>> doc = read(text, "x.tex")
    >>> [(p.line, p.environment) for p in doc.pieces], doc.context
    ([(2, 'align*')], {'notation': 'ddpm'})
"""

from __future__ import annotations

import tomllib

from ..errors import UsageError
from .macros import Macros
from .model import Document, Piece

DISPLAYS = {
    f"{name}{star}"
    for name in ("equation", "align", "aligned", "gather", "split", "multline", "eqnarray",
                 "alignat", "flalign", "displaymath", "math")
    for star in ("", "*")
}  # fmt: skip
# Commands that would make a document read another file or run a program: refused.
# (\usepackage and \includegraphics are left alone: derive reads neither.)
REFUSED = {
    "input", "include", "InputIfFileExists", "openin", "read", "write", "immediate", "write18",
    "lstinputlisting", "verbatiminput", "import", "subimport", "catcode", "csname",
}  # fmt: skip
# A new part: the definitions (not the laws) stated before it stop.
SECTIONS = {"part", "chapter", "section", "subsection", "subsubsection"}


def read(text: str, path: str) -> Document:
    """The math pieces, macros expanded, and the ``% derive:`` context of LaTeX ``text``."""
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    document = Document(path, "latex", text.splitlines())
    starts = _line_starts(text)
    try:
        nodes, _, _ = LatexWalker(text, tolerant_parsing=False).get_latex_nodes()
    except LatexWalkerError as error:
        raise UsageError(f"{path}:{_where(error, starts)}") from None
    state = {"section": 0, "prose": "", "context": []}
    macros = Macros()
    _walk(nodes, document, starts, state, macros)
    if state["context"]:
        block = "\n".join(state["context"])
        try:
            document.context = tomllib.loads(block)
        except tomllib.TOMLDecodeError as error:
            raise UsageError(f"{path}: the '% derive:' block is not TOML ({error})") from None
    return document


def _walk(nodes, document: Document, starts: list[int], state: dict, macros: Macros) -> None:
    from pylatexenc.latexwalker import (
        LatexCharsNode,
        LatexCommentNode,
        LatexEnvironmentNode,
        LatexGroupNode,
        LatexMacroNode,
        LatexMathNode,
    )

    nodes = list(nodes or ())
    index = 0
    while index < len(nodes):
        node = nodes[index]
        index += 1
        line = _line(starts, node.pos)
        if isinstance(node, LatexCommentNode):
            comment = node.comment.strip()
            if comment.startswith("derive:"):
                state["context"].append(comment[len("derive:") :].strip())
        elif isinstance(node, LatexCharsNode):
            state["prose"] = (state["prose"] + " " + node.chars)[-200:]
        elif isinstance(node, LatexMacroNode):
            name = node.macroname
            if name in REFUSED:
                raise UsageError(
                    f"{document.path}:{line}: \\{name} is refused: a document never makes "
                    "derive read another file or run a program"
                )
            if name == "def":  # \def\name#1{body}: its parts are the nodes that follow
                index = macros.define_def(nodes, index, document.path, line)
            elif name in ("newcommand", "renewcommand", "providecommand"):
                macros.define(node, document.path, line)
            elif name in SECTIONS:
                state["section"] += 1
            elif node.nodeargd is not None:
                _walk([a for a in node.nodeargd.argnlist if a is not None], document, starts,
                      state, macros)  # fmt: skip
        elif isinstance(node, LatexMathNode):
            body = macros.expand(_inner(node), document.path, line)
            display = node.displaytype == "display"
            end = _line(starts, node.pos + node.len - 1)
            piece = Piece(body, line, display, None, state["prose"], state["section"], end)
            document.pieces.append(piece)
            if not display:
                state["prose"] = (state["prose"] + " $ ")[-200:]
        elif isinstance(node, LatexEnvironmentNode):
            name = node.environmentname
            if name in DISPLAYS:
                body = "".join(n.latex_verbatim() for n in node.nodelist)
                line = _line(starts, node.nodelist[0].pos) if node.nodelist else line
                body = macros.expand(body, document.path, line)
                end = _line(starts, node.pos + node.len - 1)
                document.pieces.append(Piece(body, line, True, name, "", state["section"], end))
            else:
                _walk(node.nodelist, document, starts, state, macros)
        elif isinstance(node, LatexGroupNode):
            _walk(node.nodelist, document, starts, state, macros)


def _inner(node) -> str:
    return "".join(n.latex_verbatim() for n in node.nodelist)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _line(starts: list[int], position: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, position)


def _where(error, starts: list[int]) -> str:
    """One line naming the place of a parse error (an environment never closed …)."""
    message = str(getattr(error, "msg", error)).splitlines()[0]
    position = getattr(error, "pos", None)
    line = getattr(error, "lineno", None) or (_line(starts, position) if position else None)
    return f"{line}: {message}" if line else f" {message}"
