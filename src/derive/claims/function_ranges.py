r"""Ranges declared for the values of an unknown function (``\beta(t) > 0``, ``0 < \gamma(t) < 1``,
as the continuous-time diffusion papers state their schedules).

A function with values in a range is read as a fixed map of an arbitrary real function g onto
that range: β(t) > 0 as β = exp(g), 0 < γ(t) < 1 as γ = sigmoid(g), a < f < b as
a + (b − a)·sigmoid(g). Every function with values in the (open) range is one of these, so a
proof that leaves g arbitrary covers every such β, and a concrete g that refutes the claim gives a
concrete β that respects the range; a function of any other values is never tried.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\sqrt{\beta(t)^2} = \beta(t)", (r"\beta(t) > 0",)).kind
    'holds'
    >>> decide(r"\sqrt{\beta(t)^2} = \beta(t)").kind
    'fails'
"""

from __future__ import annotations

from sympy import Function, Lambda, exp

from .domains import shown_range, tightened
from .names import Assumption


def record(ranges: dict, readings: set, subject, bounds, given: str, sign: str = "<") -> None:
    """Add ``low < subject < high`` (``bounds``; either may be None; ``sign`` "≤" if written
    closed) for the function applied in ``subject`` to ``ranges`` (merged with what is there),
    and say so in ``readings``."""
    from ..render.printers import text, unicode_name

    head = subject.func
    old, _, texts = ranges.get(head, (None, (), ()))
    met = tightened(old, bounds, sign)
    texts = texts if given in texts else (*texts, given)
    ranges[head] = (met, subject.args, texts)
    name = head.__name__
    shown = f"{unicode_name(name)}({', '.join(text(a) for a in subject.args)})"
    readings -= {a for a in readings if a.subject == name and a.what.startswith("a function, ")}
    what = f"a function, {shown_range(shown, *met)} at every argument"
    readings.add(Assumption(name, what, f"declared: {'; '.join(texts)}"))


def definitions(ranges: dict, defined: set) -> dict:
    """For every ranged function no given defines, its definition on an arbitrary function."""
    made = {}
    for head, (((low, high), _), args, _) in ranges.items():
        if head in defined or (low is None and high is None):
            continue
        free = Function(f"g_{head.__name__}", real=True)(*args)
        if high is None:
            value = low + exp(free)
        elif low is None:
            value = high - exp(free)
        else:
            value = low + (high - low) / (1 + exp(-free))
        made[head] = Lambda(args, value)
    return made
