r"""Finding the chains: displays split into rows at ``\\``, rows into amsmath column pairs at
``&``, and each equation into sides at its top-level relations; then links between
consecutive sides.

A row that starts with a relation (``&= …``, ``&\propto …``) continues the row before it; a
display that starts with a relation, or follows one that ended with a relation, continues the
previous display (a derivation that runs across a paragraph). ``a = b = c`` on one row is two
links. A second column pair on a row (``\mu_1 &= …, & \Sigma_1 &= …``) is an equation of its
own; a column that is only commentary (``&&\text{(Bayes)}``) is dropped, and so is ``\intertext``.

Example:
    >>> from derive.proofread.model import Piece
    >>> [(l.lhs, l.relation, l.rhs) for l in links([Piece("a &= b \\\\ &= c", 1, True)])]
    [('a', '=', 'b'), ('b', '=', 'c')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Link, Piece
from .names import name_key, tokens
from .normalize import braced, matrix_step, normalize

# Relations that separate the sides of a step, by their spelling in LaTeX.
RELATIONS = {
    "=": "=",
    ":=": ":=",
    "\\coloneqq": ":=",
    "\\triangleq": ":=",
    "\\eqqcolon": ":=",
    "\\propto": "\\propto",
    "\\sim": "\\sim",
    "\\approx": "\\approx",
    "\\simeq": "\\approx",
    "\\le": "\\le",
    "\\leq": "\\le",
    "\\ge": "\\ge",
    "\\geq": "\\ge",
    "<": "<",
    ">": ">",
    "\\neq": "\\neq",
    "\\ne": "\\neq",
    "\\equiv": "\\equiv",
}
_OPEN, _CLOSE = "([{", ")]}"
ENVIRONMENTS = (
    "aligned",
    "align",
    "alignat",
    "alignedat",
    "gathered",
    "gather",
    "split",
    "multline",
    "eqnarray",
    "equation",
    "array",
    "cases",
)


@dataclass(frozen=True)
class Row:
    """One row of a display: its line in the file and its source text."""

    line: int
    text: str


def rows(piece: Piece) -> list[Row]:
    r"""The rows of a display: split at top-level ``\\`` and ``\intertext``, the inner
    ``\begin{aligned}`` … ``\end{aligned}`` wrappers removed, each row with its own line.

    Example:
        >>> piece = Piece("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", 4, True)
        >>> [r.text.strip() for r in rows(piece)]
        ['a &= b', '&= c']
    """
    text, found, start, i, depth, matrices = piece.text, [], 0, 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            j = i + 1
            while j < len(text) and text[j].isalpha():
                j += 1
            name = text[i + 1 : j]
            step, past = matrix_step(text, i)
            if step:  # a matrix stays whole: its rows are its entries', not the display's
                matrices = max(0, matrices + step)
                i = past
                continue
            if text.startswith("\\\\", i) and depth == 0 and matrices == 0:
                found.append((start, i))
                i += 2
                if i < len(text) and text[i] == "[":  # \\[2pt]: a row's extra space
                    i = text.find("]", i) + 1 or len(text)
                start = i
                continue
            if name in ("newline", "cr") and depth == 0 and matrices == 0:  # a row ends
                found.append((start, i))
                i = start = j
                continue
            if name in ("begin", "end"):
                end = braced(text, j)
                text = text[:i] + " " * (end - i) + text[end:]  # keep offsets (lines) intact
                if end < len(text) and text[end] == "{" and name == "begin":
                    close = braced(text, end)  # \begin{alignat}{2} / \begin{array}{ll}
                    text = text[:end] + " " * (close - end) + text[close:]
                i = end
                continue
            if name == "intertext" and depth == 0:
                found.append((start, i))
                i = braced(text, j)
                start = i
                continue
            i = max(j, i + 2)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        i += 1
    found.append((start, len(text)))
    found = [part for a, b in found for part in _unended(text, a, b)]
    return [
        Row(piece.line + text[:a].count("\n") + _lines_to_alignment(text[a:b]), text[a:b])
        for a, b in found
        if text[a:b].strip()
    ]


def _unended(text: str, a: int, b: int) -> list[tuple[int, int]]:
    r"""The row ``text[a:b]`` split where a ``\\`` was left out: a source line that opens with
    a name and a relation of its own (``&= \Sigma_{21}^T`` then, on the next line,
    ``\Sigma_{21} = …``) after a line that already holds a relation and ends on an operand.
    Joined, the two names would read as a product (Σ₂₁ᵀ Σ₂₁). A line that opens with an
    operator (``+ c``) or holds no relation continues the row, as before.

    Example:
        >>> t = "a &= S^T\n S = b"
        >>> [t[x:y] for x, y in _unended(t, 0, len(t))]
        ['a &= S^T', '\n S = b']
        >>> t = "a &= b\n + c = d"
        >>> [t[x:y] for x, y in _unended(t, 0, len(t))]
        ['a &= b\n + c = d']
    """
    cuts, depth, start = [], 0, a
    for k in range(a, b):
        depth += text[k] in "([{"
        depth -= text[k] in ")]}"
        if text[k] != "\n" or depth != 0:
            continue
        before, after = text[start:k], text[k + 1 : b].split("\n", 1)[0]
        head, relations = sides(after)
        _, earlier = sides(before)
        ends = normalize(before).rstrip()
        operand = bool(ends) and not ends.endswith(("+", "-", "=", "(", "\\cdot", "\\times"))
        if earlier and operand and relations and head[0] and name_key(head[0]) is not None:
            cuts.append(k)
            start = k
    bounds = [a, *cuts, b]
    return list(zip(bounds, bounds[1:], strict=False))


def _lines_to_alignment(row: str) -> int:
    r"""How many lines into ``row`` its step is: where its first ``&`` is (a left side written
    on a line of its own, ``&= …`` on the next), else where its text starts.

    Example:
        >>> _lines_to_alignment("\n  a + b\n  &= c"), _lines_to_alignment("\n a &= b")
        (2, 1)
    """
    start = len(row) - len(row.lstrip())
    columns = cells(row)  # the first alignment mark outside braces and matrices
    alignment = len(columns[0]) if len(columns) > 1 else -1
    return row[: alignment if alignment >= start else start].count("\n")


def continued(found: list[Row], environment: str | None = None) -> list[Row]:
    r"""The rows with each continuation joined to the row it continues: a row with no relation
    of its own after a row that has one (``=& K - \frac{1}{2} a^T R a \\ &- \frac{1}{2} b^T Q b``)
    goes on with that row's last side; read alone, the side before it would be cut short and
    the link would compare the wrong expressions. A label (``(**)``) is not a continuation.

    Example:
        >>> rows_ = [Row(1, "a &= b +"), Row(2, "& c"), Row(3, "&= d")]
        >>> [" ".join(r.text.split()) for r in continued(rows_)]
        ['a &= b + c', '&= d']
    """
    joined: list[Row] = []
    open_side = False  # the last row ended with a relation and a side after it
    for row in found:
        pieces = [sides(e) for e in equations(row.text, environment)]
        relations = any(r for _, r in pieces)
        text = " ".join(p for parts, _ in pieces for p in parts).strip()
        if joined and open_side and not relations and text and _label(text) is None:
            # its alignment marks and indenting quads: not new columns, not new equations
            alone = re.sub(r"\\q?quad(?![a-zA-Z])", " ", " ".join(cells(row.text)))
            joined[-1] = Row(joined[-1].line, f"{joined[-1].text} \n {alone}")
            continue
        joined.append(row)
        last = pieces[0][0][-1] if pieces and pieces[0][1] else ""
        open_side = bool(relations) and bool(last)
    return joined


def cells(row: str) -> list[str]:
    """The row split at top-level ``&`` (the columns of amsmath's alignment)."""
    found, start, depth, i = [], 0, 0, 0
    while i < len(row):
        char = row[i]
        if char == "\\":
            step, past = matrix_step(row, i)
            depth = max(0, depth + step)  # a matrix's '&' separates its entries
            i = past if step else i + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == "&" and depth == 0:
            found.append(row[start:i])
            start = i + 1
        i += 1
    found.append(row[start:])
    return found


def equations(row: str, environment: str | None = None) -> list[str]:
    r"""The equations of one row: column pairs joined (``a &= b`` is one equation, a third
    column starts another), then split at top-level ``\quad``/``\qquad``.

    Example:
        >>> equations(r"\mu_1 &= a, & \Sigma_1 &= b")
        ['\\mu_1 = a,', '\\Sigma_1 = b']
    """
    columns = cells(_unboxed(row))
    if (environment or "").startswith("eqnarray"):  # rcl columns: one equation a row
        columns = [" ".join(columns)]
    pairs = [" ".join(columns[k : k + 2]) for k in range(0, len(columns), 2)]
    found = []
    for k, pair in enumerate(pairs):
        # 'a = 1, \; b = 2': equations side by side, separated by quads or commas
        parts = [e for part in _split_quads(pair) for e in _split_commas(part)]
        found += [p for p in parts if p.strip()] if k else parts
    return [" ".join(p.split()) for p in found if p.strip() or not found]


def _unboxed(row: str) -> str:
    r"""A row wrapped whole in ``\boxed{…}`` as the row inside it (its quads and commas then
    separate equations as on any row)."""
    text = row.strip()
    while text.startswith("\\boxed{") and braced(text, 6) == len(text):
        text = text[7:-1].strip()
    return text if text != row.strip() else row


# What separates two equations on one row: a quad, or an implication between them
# ("a = b \implies c = d": two statements, never the link b = c).
_SEPARATORS = ("quad", "qquad", "implies", "Rightarrow", "Longrightarrow", "iff", "Leftrightarrow",
               "Longleftrightarrow", "impliedby", "Leftarrow")  # fmt: skip


# A run of thick spaces (``a = b\;\;\; c = d``) separates equations as a quad does.
_SPACES = re.compile(r"(?:\\[;:]\s*){2,}")


def _split_quads(text: str) -> list[str]:
    r"""The row split at top-level separators (quads, implications, runs of thick spaces).

    Example:
        >>> _split_quads(r"N = a + b\;\;\; m = c \quad e = m / N")
        ['N = a + b', 'm = c ', ' e = m / N']
    """
    parts, start, depth, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            j = i + 1
            while j < len(text) and text[j].isalpha():
                j += 1
            spaces = _SPACES.match(text, i) if depth == 0 and j == i + 1 else None
            if spaces is not None:
                parts.append(text[start:i])
                i = start = spaces.end()
                continue
            if depth == 0 and text[i + 1 : j] in _SEPARATORS:
                parts.append(text[start:i])
                start = j
            i = max(j, i + 2)
            continue
        depth += char in _OPEN
        depth -= char in _CLOSE
        i += 1
    parts.append(text[start:])
    return parts


def sides(equation: str) -> tuple[list[str], list[str]]:
    r"""An equation split at its top-level relations: the sides (normalized) and the relations
    between them. A leading relation gives an empty first side.

    Example:
        >>> sides(r"a = b \propto c")
        (['a', 'b', 'c'], ['=', '\\propto'])
    """
    text = normalize(equation)
    found, relations, start, depth, i = [], [], 0, 0, 0
    while i < len(text):
        char = text[i]
        relation, width = None, 1
        if char == "\\":
            j = i + 1
            while j < len(text) and text[j].isalpha():
                j += 1
            name = text[i:j]
            width = max(j - i, 2)
            if depth == 0 and name in RELATIONS:
                relation = RELATIONS[name]
        elif depth == 0 and text.startswith(":=", i):
            relation, width = ":=", 2
        elif depth == 0 and char in "=<>":
            relation = char
        elif char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if relation is not None:
            found.append(text[start:i].strip())
            relations.append(relation)
            start = i + width
        i += width
    found.append(text[start:].strip())
    return found, relations


def links(pieces: list[Piece]) -> list[Link]:
    """Every link of every chain in ``pieces`` (displays only), in reading order."""
    found: list[Link] = []
    previous: str | None = None  # the last side of the chain so far
    dangling = False  # the previous display ended with a relation (a trailing '=')
    pending = ""
    seen: set[str] = set()  # the names the document used before the current display
    display_start = 0  # where the last display's links begin in ``found``
    chain = 0  # the number of the current chain
    labels: dict[str, str] = {}  # '(**)' -> the side the display it labels ended with
    for piece in pieces:
        if not piece.display:
            stated = _stated(piece) or _set_off_statement(piece)
            if stated and _after_where(piece):  # "… = … where a = …": a definition for it
                found[display_start:display_start] = stated
                display_start += len(stated)
            else:
                found += stated
            seen |= tokens(piece.text)
            continue
        display_start = len(found)
        for row in continued(rows(piece), piece.environment):
            for k, equation in enumerate(equations(row.text, piece.environment)):
                parts, relations = sides(equation)
                if k > 0 and not relations and _label(parts[0]) and previous:
                    labels[_label(parts[0])] = previous  # 'A \\qquad (**)' names A
                    continue
                label = _label(parts[0])
                if label is not None and label in labels:  # '(**) = …' goes on from it
                    parts[0] = labels[label]
                if relations == [":=", "\\sim"]:  # P := x \sim N(…): P names the law
                    chain += 1
                    found.append(_link(row.line, parts[0], ":=", parts[2], piece, chain=chain))
                    continue
                if not relations:
                    if k == 0 and dangling and previous is not None and parts[0]:
                        link = _link(row.line, previous, pending, parts[0], piece, chain=chain)
                        found.append(link)
                        previous, dangling = parts[0], False
                    elif k == 0:
                        previous, dangling = parts[0] or previous, False
                    continue
                if k > 0 or parts[0] != "":
                    chain_start = parts[0]
                    chain += 1
                elif previous is None:
                    chain_start = None
                else:
                    chain_start = previous
                for j, relation in enumerate(relations):
                    lhs = chain_start if j == 0 else parts[j]
                    rhs = parts[j + 1]
                    if rhs == "":  # a trailing relation: the next row or display says what
                        if k == 0:
                            pending, dangling = relation, True
                        break
                    if lhs:
                        fresh = j == 0 and lhs == parts[0] and _names_only(lhs)
                        fresh = fresh and bool(tokens(lhs) - seen)
                        # 'x_t = … ε' with ε never seen: a restatement with a new name in it
                        # (equal in law, not as written), not a step from the line before
                        fresh = fresh or (name_key(lhs) is not None and bool(tokens(rhs) - seen))
                        found.append(_link(row.line, lhs, relation, rhs, piece, fresh, chain))
                if k == 0:
                    previous = parts[-1] or (parts[-2] if len(parts) > 1 else previous)
                    if parts[-1]:
                        dangling = False
            for tag in _TAG.findall(row.text):
                if previous and (label := _label(f"({tag})")) is not None:
                    labels[label] = previous  # '\\tag{**}' names the row's side
            seen |= tokens(row.text)
    return found


_TAG = re.compile(r"\\tag\*?\{([^{}]+)\}")
_LABEL = re.compile(r"\((?:\*+|\\ast|\\star|\\dagger|\\ddagger|[0-9]+[a-z]?|[a-z]|[ivx]+)\)")


def _label(side: str) -> str | None:
    r"""The label a side is, if it is only one (``(**)``, ``(\ast)``, ``(3)``, ``(ii)``):
    a display labelled so can be named later ("(**) = …" goes on from it).

    Example:
        >>> _label("( ** )"), _label(r"(\ast)"), _label("(a + b)")
        ('(**)', '(\\ast)', None)
    """
    text = "".join(side.split())
    return text if _LABEL.fullmatch(text) else None


# Words before inline math that make it a definition or a declaration ("where $a = b$").
DEFINING = (
    "where", "let", "denote", "define", "given", "with", "set", "assume", "recall", "for", "if",
    "suppose", "consider", "represent",
)  # fmt: skip


def _stated(piece: Piece) -> list[Link]:
    """An inline ``name = …`` or ``X \\sim N(…)`` after a defining word, as an inline link."""
    words = piece.prose.lower().replace(",", " ").replace(":", " ").split()
    defining = any(word in DEFINING for word in words[-12:])
    found = []
    for equation in _split_commas(piece.text):
        parts, relations = sides(equation)
        if len(relations) != 1 or relations[0] not in ("=", ":=", "\\sim") or not all(parts):
            continue
        lhs, rhs = parts
        law = _DENSITY_OF_LAW.fullmatch(f"{lhs} = {rhs}")
        if law is not None:  # P(x) = N(x; m, v): P names the law N(m, v)
            lhs, rhs = law["name"], f"\\mathcal{{N}}({law['law']})"
        # 'X \sim N(…)' in prose declares X wherever it stands; 'a = …' needs "where", "let"…
        if name_key(lhs) is not None and (defining or relations[0] == "\\sim"):
            link = Link(piece.line, relations[0], lhs, rhs, piece.section, "", True)
            found.append(link)
    return found


def _set_off_statement(piece: Piece) -> list[Link]:
    r"""A ``name = …`` the author set off between ``$$`` in a sentence with no defining word
    ("the variance is $$\sigma^2 = a + b$$"): read as a line on its own would be, a definition
    of a new name or a claim about a known one (checked), never dropped.

    Example:
        >>> [(l.lhs, l.rhs, l.inline) for l in _set_off_statement(
        ...     Piece("v = a + b", 3, False, prose="the variance is", set_off=True))]
        [('v', 'a + b', False)]
    """
    if not piece.set_off:
        return []
    parts, relations = sides(piece.text)
    if relations != ["="] or not all(parts) or name_key(parts[0]) is None:
        return []
    return [Link(piece.line, "=", parts[0], parts[1], piece.section)]


_DENSITY_OF_LAW = re.compile(
    r"(?P<name>[A-Z])\((?P<point>[^()]+)\) = (?:\\mathcal\{N\}|\\mathcal N|N)"
    r"\(\s*(?P=point)\s*;(?P<law>[^;]+)\)"
)


def _names_only(side: str) -> bool:
    """A product of names and their inverses (``\\Sigma_y^{-1} \\mu_y``), nothing computed."""
    plain = side.replace("^{-1}", "").replace("^{T}", "").replace("^T", "")
    return not any(mark in plain for mark in ("+", "-", "(", "[", "|", "\\frac", "\\sqrt", "^"))


def _after_where(piece: Piece) -> bool:
    """Whether inline math follows a "where" that refers back to the display before it."""
    words = piece.prose.lower().replace(",", " ").replace(":", " ").split()
    return "where" in words[:3] or "where" in words[-12:]


def _split_commas(text: str) -> list[str]:
    """``A = a, B = b`` in one inline formula: split at top-level commas between equations."""
    parts, start, depth = [], 0, 0
    for i, char in enumerate(text):
        depth += char in _OPEN
        depth -= char in _CLOSE
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if len(parts) > 1 and all("=" in p for p in parts):
        return parts
    return [text]


def _link(line, lhs, relation, rhs, piece: Piece, fresh=False, chain=-1) -> Link:
    end = piece.last_line
    return Link(line, relation, lhs, rhs, piece.section, fresh=fresh, end=end, chain=chain)
