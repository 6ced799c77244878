"""A refutation's counterexample as data every renderer formats: one formatter for all.

:func:`points` turns a refuted verdict's :class:`~derive.core.verdict.Counterexample` into
:class:`Point` records: each symbol with its value, both sides' values and their difference (and
their ratio, which is what a refuted ``∝`` turns on), each as text and as LaTeX. Text, Markdown,
LaTeX, HTML and JSON read these records, so a refuted step shows the same numbers in every format.

A side's value is exact when it is a short fraction; otherwise a decimal with as many significant
digits as it takes (12 at least, 20 at most) for the two sides to read differently.

Example:
    >>> from sympy import Float, Rational, symbols
    >>> from derive.core.verdict import Counterexample, Verdict
    >>> a = symbols("a")
    >>> example = Counterexample(((a, Rational(1, 2)),), Rational(3, 4), Float(1, 20))
    >>> (point,) = points(Verdict.refuted("exact evaluation", example))
    >>> point.values[0].symbol.text, point.values[0].value.latex
    ('a', '\\\\frac{1}{2}')
    >>> point.left.text, point.right.text, point.difference.text, point.difference.latex
    ('3/4', '1.0', '-0.25', '-0.25')
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
from sympy import Basic, Float, Integer, Rational

from .printers import latex, text

DIGITS = 12  # significant digits of a side's decimal value, at least
MOST_DIGITS = 20  # the counterexample's own precision (derive.core.checker.shown_value)
SHORT = 12  # the most digits (numerator and denominator) of a fraction shown exactly


@dataclass(frozen=True)
class Shown:
    """One object written twice: as one-line Unicode text and as LaTeX."""

    text: str
    latex: str


@dataclass(frozen=True)
class Assignment:
    """A symbol of the counterexample and its value; ``name`` keys it in JSON (the symbol's
    SymPy name, or its text for an object such as a density ``q(x₀)``)."""

    name: str
    symbol: Shown
    value: Shown


@dataclass(frozen=True)
class Point:
    """One point of a refutation: where, both sides' values there, ``left − right`` and
    ``left / right`` (None where they cannot be formed, e.g. a right side of 0)."""

    values: tuple[Assignment, ...]
    left: Shown
    right: Shown
    difference: Shown | None
    ratio: Shown | None

    def at(self, form: str = "text") -> str:
        """The point as ``a = 1/2, b = 3`` in ``form`` (``"text"`` or ``"latex"``)."""
        return ", ".join(
            f"{getattr(v.symbol, form)} = {getattr(v.value, form)}" for v in self.values
        )

    def gap(self, proportional: bool = False) -> tuple[str, Shown] | None:
        """What tells the sides apart: ``("difference", left − right)``, or for a refuted
        ``∝`` ``("ratio", left / right)`` (which differs between its two points)."""
        found = self.ratio if proportional else self.difference
        return None if found is None else ("ratio" if proportional else "difference", found)


def points(verdict) -> tuple[Point, ...]:
    """The counterexample of ``verdict`` as its points: one, or two for a refuted ``∝`` (the
    ratio of the sides differs between them); empty when the verdict has none."""
    example = getattr(verdict, "counterexample", None)
    if example is None:
        return ()
    found = [_point(example.values, example.lhs, example.rhs)]
    if example.lhs2 is not None:
        found.append(_point(example.values2, example.lhs2, example.rhs2))
    return tuple(found)


def _point(values, left, right) -> Point:
    assignments = tuple(
        Assignment(getattr(s, "name", None) or text(s), _shown(s), _shown(v)) for s, v in values
    )
    digits = _digits_to_tell(left, right)
    return Point(
        assignments,
        number(left, digits),
        number(right, digits),
        _combined(left, right, ratio=False),
        _combined(left, right, ratio=True),
    )


def _shown(obj) -> Shown:
    return Shown(text(obj), latex(obj))


def _combined(left, right, ratio: bool) -> Shown | None:
    """``left − right`` (or ``left / right``) shown like a side; None for sides that are not
    numbers, and for a ratio over a right side of 0."""
    if not (_is_number(left) and _is_number(right)) or (ratio and right == 0):
        return None
    try:
        return number(left / right if ratio else left - right)
    except (TypeError, ValueError, ArithmeticError):
        return None


def _is_number(obj) -> bool:
    return isinstance(obj, Basic) and bool(obj.is_number)


def _digits_to_tell(left, right) -> int:
    """The fewest significant digits (from :data:`DIGITS`) at which the sides read apart."""
    for digits in range(DIGITS, MOST_DIGITS + 1):
        if number(left, digits).text != number(right, digits).text:
            return digits
    return MOST_DIGITS


def number(value, digits: int = DIGITS) -> Shown:
    """A side's value: a short fraction exactly, another real number as a decimal of
    ``digits`` significant digits (trailing zeros dropped), anything else as printed.

    Example:
        >>> from sympy import Float, Rational, sqrt
        >>> number(Rational(64, 97)).latex, number(sqrt(2)).text
        ('\\\\frac{64}{97}', '1.41421356237')
        >>> number(Float("1.5e-7", 20)).latex
        '1.5 \\\\cdot 10^{-7}'
    """
    if isinstance(value, Integer) or (
        isinstance(value, Rational) and len(str(value.p)) + len(str(value.q)) <= SHORT
    ):
        return _shown(value)
    if _is_number(value):
        try:
            evaluated = value.evalf(MOST_DIGITS + 5)
        except (TypeError, ValueError, ArithmeticError):
            return _shown(value)
        if isinstance(evaluated, Float):
            return _decimal(evaluated, digits)
        return _shown(evaluated.evalf(digits))
    try:
        return _shown(value.evalf(digits)) if isinstance(value, Basic) else _shown(value)
    except (TypeError, ValueError, ArithmeticError):
        return _shown(value)


def _decimal(value: Float, digits: int) -> Shown:
    """A real number to ``digits`` significant digits, the same digits in text and LaTeX."""
    written = mpmath.nstr(value._to_mpmath(value._prec), digits, min_fixed=-4, max_fixed=digits)
    mantissa, _, exponent = written.partition("e")
    if not exponent:
        return Shown(written, written)
    power = int(exponent)
    return Shown(f"{mantissa}e{power}", rf"{mantissa} \cdot 10^{{{power}}}")
