"""Expectations over nothing random: ``E[(X - a)^2]`` where no given declares the law of X.

Read as written, every letter under such an E is a constant and E[c] = c, so a verdict would
judge a formula nobody meant (the reader meant X random). It is an input error instead, naming
the letter to declare.

Example:
    >>> from sympy import Symbol
    >>> from derive.gaussian import Expectation
    >>> X, a = Symbol("X", real=True), Symbol("a", real=True)
    >>> print(undeclared_expectation([Expectation((X - a) ** 2)], {}, {}))
    E[(X - a)²] has no random variable in it: declare the law of X with --given 'X \\sim N(m, v)'
"""

from __future__ import annotations

from sympy import Basic, MatrixSymbol, Symbol
from sympy.core.sorting import default_sort_key


def undeclared_expectation(sides, variables: dict, definitions: dict) -> str:
    """The message for the first plain E[...] of ``sides`` whose body, with the definitions
    followed, holds letters but none of the declared random ``variables``; "" if there is none."""
    from ..gaussian import Expectation, RandomVariable
    from ..render.printers import text

    random = set(variables)
    for side in sides:
        if not isinstance(side, Basic):
            continue
        for e in sorted(side.atoms(Expectation), key=default_sort_key):  # deterministic
            if not e.declared:
                continue
            reach = _reach(e.body, definitions)
            if not reach or reach & random or any(isinstance(s, RandomVariable) for s in reach):
                continue
            written = [e.body, *(definitions[s] for s in reach if s in definitions)]
            if any(getattr(w, "has", lambda *_: False)(*random) for w in written if random):
                continue  # a member x[n] of a random sequence, or another random object
            letter = _first_letter(reach)
            return (
                f"{text(e)} has no random variable in it: declare the law of {letter} with "
                f"--given '{letter} \\sim N(m, v)'"
            )
    return ""


def _reach(body, definitions: dict) -> set:
    """The letters of ``body`` and of the definitions of its letters, followed to the end."""
    seen, todo = set(), [body]
    while todo:
        expr = todo.pop()
        for s in _letters(expr):
            if s in seen:
                continue
            seen.add(s)
            if s in definitions and isinstance(definitions[s], Basic):
                todo.append(definitions[s])
    return seen


def _letters(expr) -> set:
    if not isinstance(expr, Basic):
        return set()
    return {s for s in expr.free_symbols if isinstance(s, Symbol)} | expr.atoms(MatrixSymbol)


def _first_letter(letters) -> str:
    """The letter to declare, as LaTeX: a capital (X) before a lower-case one, then by name."""
    from ..render.printers import latex

    names = sorted(letters, key=lambda s: (not s.name[:1].isupper(), s.name))
    return latex(names[0])
