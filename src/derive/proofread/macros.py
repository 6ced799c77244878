r"""Macros a LaTeX document defines, expanded in its mathematics: ``\newcommand{\E}{\mathbb{E}}``,
``\newcommand{\norm}[1]{\lVert #1 \rVert}``, ``\def\R{\mathbb{R}}``. Expansion is bounded (a
macro that expands into itself is an input error, not a hang).

Example:
    >>> m = Macros({"E": (0, r"\mathbb{E}"), "sq": (1, r"{#1}^2")})
    >>> m.expand(r"\E[\sq{x}] = \Exp", "x.tex", 1)
    '\\mathbb{E}[{x}^2] = \\Exp'
"""

from __future__ import annotations

from ..errors import UsageError
from .normalize import braced

MAX_EXPANSIONS = 10_000


class Macros:
    """The document's macros: name -> (number of arguments, body)."""

    def __init__(self, table: dict | None = None):
        self.table = dict(table or {})

    def define(self, node, path: str, line: int) -> None:
        """Record a ``\\newcommand`` or ``\\def`` node (pylatexenc's parse of it)."""
        arguments = node.nodeargd.argnlist if node.nodeargd is not None else []
        present = [a for a in arguments if a is not None]
        if node.macroname == "def":
            # pylatexenc reads '\def\name' with the body as the next group only when it has no
            # parameters; '\def\name#1{…}' is refused rather than guessed.
            if len(present) < 2:
                raise UsageError(f"{path}:{line}: a \\def with parameters is not supported")
            name_node, body_node = present[0], present[-1]
            count = 0
        else:
            name_node, body_node = present[0], present[-1]
            count = 0
            for arg in present[1:-1]:
                text = arg.latex_verbatim().strip("[]")
                if text.isdigit():
                    count = int(text)
        name = name_node.latex_verbatim().strip("{} ").lstrip("\\")
        body = body_node.latex_verbatim()
        if body.startswith("{") and body.endswith("}"):
            body = body[1:-1]
        self.table[name] = (count, body)

    def define_def(self, nodes: list, index: int, path: str, line: int) -> int:
        """Record ``\\def\\name#1#2{body}`` from the nodes after ``\\def`` (pylatexenc leaves
        them as siblings); returns the index of the first node after the body."""
        from pylatexenc.latexwalker import LatexCharsNode, LatexGroupNode, LatexMacroNode

        if index >= len(nodes) or not isinstance(nodes[index], LatexMacroNode):
            raise UsageError(f"{path}:{line}: \\def must be followed by a command name")
        name, index, count = nodes[index].macroname, index + 1, 0
        if index < len(nodes) and isinstance(nodes[index], LatexCharsNode):
            parameters = nodes[index].chars.strip()
            count = parameters.count("#")
            if parameters.replace("#", "").strip("0123456789"):
                raise UsageError(f"{path}:{line}: \\def\\{name} has delimited parameters")
            index += 1
        if index >= len(nodes) or not isinstance(nodes[index], LatexGroupNode):
            raise UsageError(f"{path}:{line}: \\def\\{name} has no {{body}}")
        body = nodes[index].latex_verbatim()[1:-1]
        self.table[name] = (count, body)
        return index + 1

    def expand(self, text: str, path: str, line: int) -> str:
        """``text`` with every defined macro replaced by its body."""
        if not self.table:
            return text
        out, i, budget = [], 0, MAX_EXPANSIONS
        while i < len(text):
            if text[i] != "\\":
                out.append(text[i])
                i += 1
                continue
            j = i + 1
            while j < len(text) and text[j].isalpha():
                j += 1
            name = text[i + 1 : j]
            if name not in self.table:
                out.append(text[i : max(j, i + 2)])
                i = max(j, i + 2)
                continue
            budget -= 1
            if budget < 0:
                raise UsageError(f"{path}:{line}: macros expand without end (\\{name})")
            count, body = self.table[name]
            k = j
            for number in range(1, count + 1):
                while k < len(text) and text[k] == " ":
                    k += 1
                if k < len(text) and text[k] == "{":
                    end = braced(text, k)
                    argument = text[k + 1 : end - 1]
                else:
                    end, argument = k + 1, text[k : k + 1]
                body = body.replace(f"#{number}", argument)
                k = end
            text = text[:i] + body + (" " if body[-1:].isalpha() else "") + text[k:]
        return "".join(out)
