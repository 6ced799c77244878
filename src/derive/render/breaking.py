"""Long displayed equations broken into rows at their ``+`` and ``-`` signs, as books set them.

TeX does not break display mathematics. Each expression is printed term by term by the proof
printer, its width estimated from the printed LaTeX (a fraction is as wide as its wider part, a
script narrower than the line), and the terms packed greedily into rows no wider than the line.

Example:
    >>> from sympy import symbols
    >>> xs = symbols("x0:40")
    >>> rows = split(sum(xs), 40)
    >>> len(rows) > 1 and rows[1].startswith("+ ")
    True
    >>> width(r"\\frac{a + b}{2}") < width("a + b + 2")
    True
"""

from __future__ import annotations

import re

from sympy import Add, Basic, S, exp

from .printers import ProofLatexPrinter, _is_held_sum

# Estimated width of one display line, in the units of :func:`width` (about a character of
# 11 pt mathematics on A4 with 2 cm margins, less the indent of a proof row).
LINE = 58
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|[^\s\\{}^_]")
_CONTENT = {"boldsymbol", "mathbb", "mathcal", "mathrm", "operatorname", "text", "bar", "tilde",
            "hat", "mathit", "mathbf", "overline", "sqrt", "tfrac", "dfrac", "frac"}  # fmt: skip
_INVISIBLE = {"left", "right", "middle", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "quad"}
_WORDS = {"log": 3, "exp": 3, "sum": 2, "prod": 2, "int": 1.5, "qquad": 4, "propto": 1.5}


def width(tex: str) -> float:
    """The printed width of ``tex`` (math), in about the width of one character."""
    return _group(_TOKEN.findall(tex), 0)[0]


def _group(tokens: list[str], i: int) -> tuple[float, int]:
    """Width of the tokens from ``i`` to the closing brace of the group (or the end)."""
    total = 0.0
    while i < len(tokens):
        token = tokens[i]
        if token == "}":
            return total, i + 1
        if token == "{":
            inner, i = _group(tokens, i + 1)
            total += inner
            continue
        if token in "^_":
            inner, i = _argument(tokens, i + 1)
            total += 0.7 * inner
            continue
        name = token[1:] if token.startswith("\\") else None
        if name in ("frac", "tfrac", "dfrac"):
            top, i = _argument(tokens, i + 1)
            bottom, i = _argument(tokens, i)
            total += max(top, bottom) * (0.7 if name == "tfrac" else 1) + 1.5
            continue
        if name in _CONTENT:
            inner, i = _argument(tokens, i + 1)
            total += inner + (1.8 if name == "sqrt" else 0)
            continue
        if name in _INVISIBLE or token in (r"\,", r"\!", r"\;", r"\ "):
            total += 1 if name == "quad" else 0.2 if token.startswith("\\,") else 0
        elif name is not None:
            total += _WORDS.get(name, 1)
        elif token in "+-=<>|":
            total += 1.8
        else:
            total += 1
        i += 1
    return total, i


def _argument(tokens: list[str], i: int) -> tuple[float, int]:
    if i < len(tokens) and tokens[i] == "{":
        return _group(tokens, i + 1)
    return (width(tokens[i]) if i < len(tokens) else 0.0), i + 1


def terms(expr: Basic, printer: ProofLatexPrinter | None = None, room: float = LINE) -> list[str]:
    """The pieces ``expr`` may be broken into: the top-level terms of a sum with their signs
    (``["a", "- b", "+ c"]``); for a wider-than-``room`` normal law, expectation or fraction,
    the terms of its mean, body or numerator inside sized brackets; else one piece."""
    printer = printer or ProofLatexPrinter()
    if not isinstance(expr, Add):
        whole = printer.doprint(expr)
        if width(whole) <= room:
            return [whole]
        return _inside(expr, printer, room) or [whole]
    if _is_held_sum(expr):
        return _held_terms(printer, expr)
    out = []
    for i, term in enumerate(printer._as_ordered_terms(expr)):
        negative = term.could_extract_minus_sign()
        piece = printer._print(-term if negative else term)
        if isinstance(-term if negative else term, Add):
            piece = rf"\left({piece}\right)"
        out.append(("- " if negative else "" if i == 0 else "+ ") + piece)
    return out


def _inside(expr: Basic, printer: ProofLatexPrinter, room: float) -> list[str] | None:
    """Pieces of a wide expression that is not a sum, or None."""
    from sympy import Mul, fraction

    from ..gaussian import Density, Distributed, Expectation, MvNormal, Normal

    law = getattr(expr, "dist", None)
    if isinstance(expr, Density) and isinstance(law, Normal | MvNormal) and not law.label:
        mean = terms(law.mean, printer, room - 10)
        head = rf"\mathcal{{N}}\Bigl({printer._print(expr.point)}; "
        return [head + mean[0], *mean[1:], rf", {printer._print(law.variance)}\Bigr)"]
    if isinstance(expr, Distributed) and isinstance(expr.law, Normal) and not expr.law.label:
        law = expr.law
        mean = terms(law.mean, printer, room)
        head = rf"{printer._print(expr.expr)} \sim \mathcal{{N}}\Bigl("
        return [head + mean[0], *mean[1:], rf", {printer._print(law.variance)}\Bigr)"]
    if isinstance(expr, Expectation) and isinstance(expr.body, Add) and expr.declared:
        body = terms(expr.body, printer, room)
        return [r"\mathbb{E}\Bigl[" + body[0], *body[1:-1], body[-1] + r"\Bigr]"]
    if isinstance(expr, exp):
        coefficient, rest = expr.args[0].as_coeff_Mul()
        if coefficient in (S.Half, -S.Half) and isinstance(rest, Add):
            sign = "-" if coefficient < 0 else ""
            inner = terms(rest, printer, room)
            return (
                [
                    rf"\exp\Bigl({sign}\frac{{1}}{{2}}\Bigl[{inner[0]}",
                    *inner[1:-1],
                    inner[-1] + r"\Bigr]\Bigr)",
                ]
                if len(inner) > 1
                else None
            )
        if isinstance(expr.args[0], Add):
            inner = terms(expr.args[0], printer, room)
            return [r"\exp\Bigl(" + inner[0], *inner[1:-1], inner[-1] + r"\Bigr)"]
        return None
    if isinstance(expr, Mul):
        top, bottom = fraction(expr, exact=True)
        factors = Mul.make_args(top)
        if len(factors) < 2:
            return None
        lead = rf"\frac{{1}}{{{printer._print(bottom)}}}" if bottom != 1 else ""
        pieces: list[str] = [lead] if lead else []
        for factor in factors:
            printed = printer.parenthesize(factor, 50)
            inner = _inside(factor, printer, room) if width(printed) > room / 2 else None
            joined = inner or [printed]
            if pieces:
                joined[0] = rf"\times {joined[0]}" if not lead or len(pieces) > 1 else joined[0]
            pieces += joined
        return pieces
    return None


def _held_terms(printer, expr) -> list[str]:
    out = []
    for i, term in enumerate(expr.args):
        if isinstance(term, Add):
            sign, piece = "+ ", rf"\left({printer._print(term)}\right)"
        elif term.could_extract_minus_sign():
            sign, piece = "- ", printer.parenthesize(-term, 40)
        else:
            sign, piece = "+ ", printer.parenthesize(term, 40)
        out.append((sign if i or sign == "- " else "") + piece)
    return out


def split(expr: Basic, room: float = LINE, first: float | None = None) -> list[str]:
    """``expr`` as rows of LaTeX, each about ``room`` wide (the first ``first`` wide), broken
    only before a top-level ``+`` or ``-``."""
    return pack(terms(expr, room=room), room, first)


def pack(pieces: list[str], room: float = LINE, first: float | None = None) -> list[str]:
    """Pieces joined into rows no wider than ``room`` (the first row ``first``), greedily."""
    rows: list[str] = []
    current, used = "", 0.0
    limit = room if first is None else first
    for piece in pieces:
        size = width(piece)
        if current and used + size > limit:
            rows.append(current)
            current, used, limit = "", 0.0, room
        current = f"{current} {piece}".strip()
        used += size + 0.5
    if current:
        rows.append(current)
    return rows


_RELATIONS = {"=", "<", ">", r"\approx", r"\propto", r"\le", r"\ge", r"\leq", r"\geq", r"\ne"}
_AFTER_OPERATOR = {"", "=", "+", "-", "(", "[", "{", ",", "^", "_", r"\cdot", r"\times"}
_SIZED = re.compile(r"\\(left|right|middle)(?![A-Za-z])")
_FIXED = {"left": r"\Bigl", "right": r"\Bigr", "middle": r"\Big"}


def printed_pieces(tex: str) -> list[str]:
    """An equation already printed as LaTeX, in the pieces it may be broken into: before each
    relation and each binary ``+``/``-`` outside every group. ``\\left``/``\\right`` pairs
    become ``\\Bigl``/``\\Bigr`` when that opens more places to break (a sized pair cannot be
    split over rows, a fixed-size pair can).

    Example:
        >>> printed_pieces(r"a = \\left(b + c\\right) + d")
        ['a', '= \\\\Bigl(b', '+ c\\\\Bigr)', '+ d']
        >>> printed_pieces(r"\\frac{a + b}{2} = c - d")
        ['\\\\frac{a+b}{2}', '= c', '- d']
    """
    whole = _pieces(tex, sized_groups=True)
    if not _SIZED.search(tex):
        return whole
    fixed = _SIZED.sub(lambda m: _FIXED[m[1]], tex)
    opened = _pieces(fixed, sized_groups=False)
    return opened if len(opened) > len(whole) else whole


def _pieces(tex: str, sized_groups: bool) -> list[str]:
    tokens = _TOKEN.findall(tex)
    pieces, current, depth, previous = [], [], 0, ""
    for token in tokens:
        if token == "{" or (sized_groups and token == r"\left"):
            depth += 1
        elif token == "}" or (sized_groups and token == r"\right"):
            depth -= 1
        breaks = (
            depth == 0
            and current
            and (
                token in _RELATIONS
                or (token in "+-" and previous not in _AFTER_OPERATOR | _RELATIONS)
            )
        )
        if breaks:
            pieces.append(_joined(current))
            current = []
        current.append(token)
        previous = token
    if current:
        pieces.append(_joined(current))
    return pieces


def _joined(tokens: list[str]) -> str:
    """Tokens back into LaTeX: a space where a command would run into a letter, and after the
    leading operator of a piece."""
    out = ""
    for i, token in enumerate(tokens):
        if re.search(r"\\[A-Za-z]+$", out) and re.match(r"[A-Za-z]", token):
            out += " "
        out += token
        if i == 0 and len(tokens) > 1 and (token in _RELATIONS or token in "+-"):
            out += " "
    return out


def break_printed(tex: str, room: float = LINE) -> list[str]:
    """Rows of an already printed equation, each about ``room`` wide (see
    :func:`printed_pieces`); one row when it fits.

    Example:
        >>> rows = break_printed(" + ".join(f"x_{{{i}}}" for i in range(60)), 40)
        >>> len(rows) > 1 and rows[1].startswith("+ x_")
        True
    """
    if width(tex) <= room:
        return [tex]
    return pack(printed_pieces(tex), room)
