r"""From a document's LaTeX to claim text: one already-extracted row of a display at a time.

Real documents carry typesetting the claim grammar has no use for: alignment marks, tags and
labels, commentary in ``\text{…}``, colours and cancellations, size commands (``\bigl[``,
``\Big)``, even mismatched ones), ``exp``/``log`` without a backslash, ``\bar{\alpha_t}`` for
``\bar\alpha_t``. :func:`normalize` removes or rewrites them; what is left is mathematics.

Example:
    >>> normalize(r"&= \bar{\alpha_t}\, \mathbf{x_{t-1}} \nonumber \\")
    '= \\bar{\\alpha}_t \\mathbf{x}_{t-1}'
"""

from __future__ import annotations

import re

# Commands dropped together with their braced argument (labels, tags, colours' names).
_DROP_WITH_ARGUMENT = ("label", "tag*", "tag", "eqref", "ref", "hspace", "vspace", "phantom")
# Commands whose braced argument is kept (the mathematics under a decoration).
_KEEP_ARGUMENT = ("cancel", "bcancel", "xcancel", "cancelto", "boxed", "underline", "mathstrut")
_ANNOTATED = ("underbrace", "overbrace", "underset", "overset")
# \text{tr}, \text{KL}, \text{Cov}: names the grammar reads as its operators
_WORDS_KEPT = {"tr", "Tr", "KL", "Var", "Cov", "cov", "var", "diag", "sigmoid", "softplus"}
# Words of commentary, never a quantity's name, even where an operand stands ("\text{for} t")
_CONNECTIVES = {
    "where", "for", "and", "or", "if", "with", "let", "thus", "since", "so", "then", "hence",
    "by", "as", "when", "because", "is", "are", "all", "any", "some", "each", "s.t.",
    "i.e.", "e.g.", "const", "constant", "otherwise", "else", "using", "see", "note",
}  # fmt: skip
_OPERAND_BEFORE = ("=", "+", "-", "(", "[", "{", "&", "\\propto", "\\approx", "\\le", "\\ge")
_SIZES = re.compile(r"\\(?:[Bb]igg?|left|right|middle)[lrm]?(?![a-zA-Z])")
_DECORATED = re.compile(
    r"\\(bar|tilde|hat|overline|widetilde|widehat|mathbf|boldsymbol|bm|mathrm|vec)"
    r"\{(\\?[A-Za-z]+)(_\{[^{}]*\}|_[A-Za-z0-9])\}"
)
# A superscript written before the subscript (\mu^2_1, \sum^{T}_{t=1}): the grammar reads the
# subscript first, as the name's part.
_SUPERSCRIPT_FIRST = re.compile(
    r"\^(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])\s*_(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])"
)
# Leibniz's dz/dx, dᾱ(t)/dt: the derivative of what the numerator names after its d (read
# otherwise as d·z over d·x, the quotient z/x)
_LEIBNIZ = re.compile(
    r"\\frac\{d\s*((?:[A-Za-z\\(]|\{[^{}]*\})(?:[^{}]|\{[^{}]*\})*)\}\{d\s*([A-Za-z\\][^{}]*)\}"
)
_BARE_FUNCTION = re.compile(r"(?<![\\a-zA-Z])(exp|log|ln)(?![a-zA-Z])")
# spacing, and the marks of reasoning (∴ ∵) that stand before a line, not in its mathematics
_SPACING = re.compile(
    r"\\(?:,|;|:|!|quad|qquad|displaystyle|textstyle|nonumber|notag|space|therefore|because|checkmark)"
    r"(?![a-zA-Z])"
)


def braced(text: str, start: int) -> int:
    """The index just past the ``{…}`` group that opens at ``text[start]`` (nesting counted,
    escaped braces skipped); ``len(text)`` when it is never closed.

    Example:
        >>> braced("{a{b}c}d", 0)
        7
    """
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _argument(text: str, i: int) -> tuple[str, int]:
    """The argument starting at ``i`` (after spaces): a braced group or one token."""
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] == "{":
        end = braced(text, i)
        return text[i + 1 : end - 1], end
    if i < len(text) and text[i] == "\\":
        j = i + 1
        while j < len(text) and text[j].isalpha():
            j += 1
        return text[i : max(j, i + 2)], max(j, i + 2)
    return text[i : i + 1], i + 1


def _rewrite_commands(text: str, inside_subscript: bool = False) -> str:
    """Drop or unwrap the decorating commands, group by group (a small scanner, not a regex
    over nested braces)."""
    out, i = [], 0
    while i < len(text):
        if text[i] != "\\":
            out.append(text[i])
            i += 1
            continue
        j = i + 1
        while j < len(text) and (text[j].isalpha() or (text[j] == "*" and j > i + 1)):
            j += 1
        name = text[i + 1 : j]
        if name in _DROP_WITH_ARGUMENT:
            _, i = _argument(text, j)
        elif name == "color":
            _, i = _argument(text, j)  # the colour's name; what follows is kept
            k = i
            while k < len(text) and text[k] == " ":
                k += 1
            if k < len(text) and text[k] == "{":  # \color{black}{+ \alpha_t x}: not a group
                end = braced(text, k)
                body = text[k + 1 : end - 1]
                if body.lstrip().startswith(("+", "-")) or body.count(")") > body.count("("):
                    out.append(" " + _rewrite_commands(body) + " ")
                    i = end
        elif name in ("textcolor", "colorbox"):
            _, k = _argument(text, j)
            body, i = _argument(text, k)
            out.append(_rewrite_commands(body))
        elif name in _KEEP_ARGUMENT:
            if name == "cancelto":
                _, j = _argument(text, j)
            body, i = _argument(text, j)
            out.append("{" + _rewrite_commands(body) + "}")
        elif name in _ANNOTATED:
            if name in ("underset", "overset"):
                _, j = _argument(text, j)
            body, i = _argument(text, j)
            inner = _rewrite_commands(body)
            # grouped, unless the brace holds a relation (\underbrace{a = b}_{…} = c: a chain)
            out.append(inner if _RELATION.search(_depth_zero(inner)) else "{" + inner + "}")
            k = i
            while k < len(text) and text[k] == " ":
                k += 1
            if k < len(text) and text[k] in "_^":  # the brace's note is commentary
                _, i = _argument(text, k + 1)
        elif name in ("text", "textrm", "textit", "textbf", "mbox", "mathrm", "operatorname"):
            body, end = _argument(text, j)
            before = "".join(out).rstrip()
            if body.strip() in _WORDS_KEPT or name in ("mathrm", "operatorname"):
                kept = text[i:end] if body.strip() in _WORDS_KEPT else body
                # D_\text{KL}: a subscript of one group, braced as the grammar reads it
                out.append("{" + kept + "}" if before.endswith(("_", "^")) else kept)
            elif before.endswith(("_{", "_")) or inside_subscript:
                out.append(body)  # Σ_{\text{new}}: a name's part
            elif before.endswith(("^{", "^")):  # L^\text{simple}: a label, never a power
                out.append(text[i:end] if before.endswith("{") else "{" + text[i:end] + "}")
            elif _operand(body, before, text[end:]):
                out.append(text[i:end])  # \text{ELBO} = …: a quantity's name, read as one
            elif before and _condition(body):
                return "".join(out)  # '… \text{ for } 1 \le t \le T': the rest is its condition
            # otherwise commentary: dropped
            i = end
        elif name in _FONTS and _compound(text, j):
            # \boldsymbol{\bar{\epsilon}_{t-1}}, \boldsymbol{\epsilon_\theta(x_t, t)}: a bold
            # face over a whole expression is typography; the expression is kept, grouped
            body, i = _argument(text, j)
            out.append("{" + _rewrite_commands(body, inside_subscript) + "}")
        elif name in ("vert", "lvert", "rvert", "mid") and name != "mid":
            out.append("|")
            i = j
        elif name in ("Vert", "lVert", "rVert"):
            out.append("\\|")
            i = j
        elif name in ("lbrace", "rbrace"):
            out.append("(" if name == "lbrace" else ")")
            i = j
        elif name == "" and j < len(text) and text[j] in "{}":
            out.append("(" if text[j] == "{" else ")")  # \{ \}: a brace that is a bracket
            i = j + 1
        else:
            out.append(text[i : max(j, i + 2)])
            i = max(j, i + 2)
    return "".join(out)


_FONTS = ("boldsymbol", "mathbf", "bm", "pmb")
# A letter, a Greek letter or a word (\mathbf{tr}), with a simple index: what a bold face names
_BOLD_NAME = re.compile(r"\s*(?:\\[A-Za-z]+|[A-Za-z0-9]+)(?:_(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*")


def _compound(text: str, j: int) -> bool:
    r"""Whether the braced argument at ``text[j]`` is more than a name (a letter, ``x_{t-1}``):
    an accented letter with its index inside the bold face, or a function's value.

    Example:
        >>> _compound(r"{\bar{\epsilon}_{t-1}}", 0), _compound(r"{x_{t-1}}", 0), _compound("x", 0)
        (True, False, False)
        >>> _compound("{tr}", 0), _compound(r"{\epsilon_\theta(x)}", 0)
        (False, True)
    """
    if j >= len(text) or text[j] != "{":
        return False
    body = text[j + 1 : braced(text, j) - 1]
    return _BOLD_NAME.fullmatch(body) is None


# The normal law and the divergence in other faces (\mathbb{N}(μ, Σ), \boldsymbol{N}(x; m, v),
# \mathbb{D}_{KL}): the grammar's \mathcal{N} and D_{KL}. A law has parameters: a comma or a
# semicolon inside its bracket (a bold matrix N times a bracket has none).
_OTHER_NORMAL = re.compile(r"\\(?:mathbb|boldsymbol|mathbf|bm)\{N\}\s*(?=\()")
_OTHER_DIVERGENCE = re.compile(r"\\(?:mathbb|mathcal|mathrm)\{D\}(?=_)")


def _laws_renamed(text: str) -> str:
    r"""``\mathbb{N}(…)`` with parameters as ``\mathcal{N}(…)``; ``\mathbb{D}_{KL}`` as ``D_{KL}``.

    Example:
        >>> _laws_renamed(r"x \sim \mathbb{N}(0, I) + \mathbf{N}(a + b)")
        'x \\sim \\mathcal{N}(0, I) + \\mathbf{N}(a + b)'
    """
    out, last = [], 0
    for match in _OTHER_NORMAL.finditer(text):
        close = _closing(text, match.end())
        inside = _depth_zero(text[match.end() + 1 : close])
        if "," in inside or ";" in inside:
            out += [text[last : match.start()], "\\mathcal{N}"]
            last = match.end()
    out.append(text[last:])
    return _OTHER_DIVERGENCE.sub("D", "".join(out))


def _closing(text: str, start: int) -> int:
    """The index of the bracket that closes the one at ``text[start]`` (or the end)."""
    depth = 0
    for k in range(start, len(text)):
        depth += text[k] in "([{"
        depth -= text[k] in ")]}"
        if depth == 0:
            return k
    return len(text)


_CONDITIONS = {"for", "if", "where", "when", "whenever", "with", "provided", "unless", "given",
               "assuming", "since", "as", "s.t.", "iff"}  # fmt: skip
_RELATION = re.compile(r"=|\\(?:approx|propto|le|leq|ge|geq|sim)(?![a-zA-Z])")


def _condition(body: str) -> bool:
    r"""Whether commentary opens a condition on the line (``\text{ for }``, ``\text{ ;where }``):
    what follows it is the condition, not more of the line's mathematics.

    Example:
        >>> _condition(" for "), _condition(" ;where "), _condition("(Bayes)")
        (True, True, False)
    """
    words = body.strip(" ;,.:").split()
    return bool(words) and words[0].lower() in _CONDITIONS


def _depth_zero(text: str) -> str:
    """``text`` with every braced or bracketed part removed (what is at the top level)."""
    out, depth = [], 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and char not in ")]}":
            out.append(char)
    return "".join(out)


def _operand(body: str, before: str, after: str) -> bool:
    r"""Whether ``	ext{body}`` names a quantity (``	ext{ELBO} = …``, ``a + 	ext{MSE}``)
    rather than commenting: one word with no space around it, not a connective, standing where
    an operand stands (after nothing, an operator or a relation; before nothing, an operator,
    a relation, a script or its argument: ``\text{Cov}(x)``).

    Example:
        >>> _operand("ELBO", "", " &= a"), _operand(" where ", "", " L_T"), _operand("by", "", "")
        (True, False, False)
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", body) or body.lower() in _CONNECTIVES:
        return False
    head = after.lstrip()
    operand_before = not before or before.endswith(_OPERAND_BEFORE)
    operand_after = not head or head[0] in "=+-&)]}_^<>([" or head.startswith("\\")
    return operand_before and operand_after


# Environments whose ``&`` and ``\\`` separate a matrix's entries, not a display's columns and
# rows (the claim grammar reads pmatrix, bmatrix and matrix literals; the rest stay whole).
MATRICES = ("pmatrix", "bmatrix", "matrix", "vmatrix", "Vmatrix", "Bmatrix", "smallmatrix",
            "array", "cases", "subarray")  # fmt: skip


def matrix_step(text: str, i: int) -> tuple[int, int]:
    r"""At ``text[i]`` (a backslash): (+1, past it) for a ``\begin{…}`` of a matrix, (−1, past
    it) for its ``\end{…}``, else (0, past the command's name).

    Example:
        >>> matrix_step(r"\begin{bmatrix} a", 0), matrix_step(r"\end{bmatrix}", 0)
        ((1, 15), (-1, 13))
    """
    j = i + 1
    while j < len(text) and text[j].isalpha():
        j += 1
    name = text[i + 1 : j]
    if name in ("begin", "end") and text.startswith("{", j):
        close = text.find("}", j)
        if close > 0 and text[j + 1 : close] in MATRICES:
            return (1 if name == "begin" else -1), close + 1
    return 0, max(j, i + 2)


def _alignment_removed(text: str) -> str:
    """``&`` replaced by a space outside matrices (inside one it separates entries)."""
    out, depth, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\":
            step, k = matrix_step(text, i)
            depth = max(0, depth + step)
            out.append(text[i:k])
            i = k
            continue
        out.append(" " if text[i] == "&" and depth == 0 else text[i])
        i += 1
    return "".join(out)


def normalize(row: str) -> str:
    r"""One row of a display as claim text: alignment, tags, commentary, colour, sizes and
    spacing removed, decorated names and bare function names rewritten, trailing
    punctuation and ``\\`` dropped.

    Example:
        >>> normalize(r"\Bigl[ a + b \big) \qquad \text{by (2)},")
        '[ a + b )'
    """
    text = _alignment_removed(row).replace("\n", " ").replace("\t", " ")
    text = text.strip()
    while text.endswith("\\\\"):
        text = text[:-2].rstrip()
    text = _rewrite_commands(_laws_renamed(text))
    text = _SIZES.sub("", text)
    text = text.replace("\\{", "(").replace("\\}", ")")
    text = _SPACING.sub(" ", text)
    text = re.sub(r"(?<!\\)\\ ", " ", text)  # a control space; not a matrix's row end '\\ '
    text = _DECORATED.sub(lambda m: f"\\{m[1]}{{{m[2]}}}{m[3]}", text)
    text = _SUPERSCRIPT_FIRST.sub(lambda m: f"_{m[2]}^{m[1]}", text)
    text = _BARE_FUNCTION.sub(lambda m: "\\" + m[1], text)
    text = _LEIBNIZ.sub(lambda m: f"\\frac{{d}}{{d{m[2].strip()}}} ({m[1].strip()})", text)
    text = text.replace(r"\|_2", r"\|").replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\{\s*\}", "", text).strip()
    while text.startswith("{") and braced(text, 0) == len(text):  # \boxed{a = b} kept as {a = b}
        text = text[1:-1].strip()
    while text and text[-1] in ".,;:" and not text.endswith(("\\,", "\\;", "\\:")):
        text = text[:-1].rstrip()
    return text
