"""Powers of a negative base with a letter in the exponent, such as ``(−1)^{720720x}``.

SymPy, and derive with it, reads ``b^y`` for a negative ``b`` by its principal value
``|b|^y·e^{iπy}``, which is a real number exactly where ``y`` is an integer. A counterexample
at which such a power is not real lies outside the domain a real claim implies, so it refutes
nothing. The points here put the exponent of every power whose base is negative there at an
integer (of both parities: one letter of each exponent solved for, the others drawn in their
domain; inner powers first, so that ``(x^a)^b`` with x < 0 and a = 2 leaves b free) and
compare the sides exactly: a real difference refutes the claim inside that domain, whatever
convention a reader takes for powers of negative numbers. Where the sides agree at every such
point and a power of a negative number is concerned, the claim is undecided, and the reason
says which exponent must be an integer and what to declare.

Example:
    >>> from sympy import Integer, Symbol
    >>> from derive.core.checker import CheckContext
    >>> x = Symbol("x", real=True)
    >>> found = integer_exponent_points(Integer(-1) ** (720720 * x), Integer(1), CheckContext())
    >>> example = found.counterexample
    >>> example.values, example.lhs, example.rhs
    (((x, 1/720720),), -1, 1)
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Basic, Expr, Indexed, Integer, Pow, Rational, Symbol, srepr, sympify

TARGETS = tuple(sorted(range(-12, 13), key=lambda k: (abs(k - 1), k)))  # 1, 0, 2, -1, 3, ...
SHIFTS = 4  # target choices per point: both parities of every exponent
POINTS = 8  # the kernel's random points whose signs the small values take
SECONDS = 5.0  # CPU seconds of the search, within the claim's time bound


@dataclass(frozen=True)
class Found:
    """What the search found: ``counterexample`` (a point where every power of a negative
    number is real and the sides differ exactly) or None; ``powers``, the powers concerned;
    ``tried``, how many such points the sides agreed at; ``letters``, the letter solved for
    in each exponent."""

    counterexample: object
    powers: tuple
    tried: int
    letters: tuple


def negative_powers(*exprs) -> list:
    """The powers in ``exprs`` of a negative number with a letter in the exponent.

    Example:
        >>> from sympy import Integer, Symbol, sqrt
        >>> x = Symbol("x", real=True)
        >>> negative_powers(Integer(-1) ** (2 * x) + sqrt(x) + 2**x)
        [(-1)**(2*x)]
    """
    found = set()
    for expr in exprs:
        if isinstance(expr, Basic):
            free = expr.free_symbols  # not the index of a sum (−1)^k, which is bound
            found |= {
                p
                for p in expr.atoms(Pow)
                if p.base.is_number
                and p.base.is_negative
                and p.exp.free_symbols
                and p.exp.free_symbols <= free
            }
    return sorted(found, key=srepr)


def integer_exponent_points(lhs: Expr, rhs: Expr, context) -> Found | None:
    """The search of the module's docstring for ``lhs = rhs`` (definitions substituted and
    laws reduced as the kernel does), or None when no power of a negative number has a letter
    in its exponent."""
    from ..core.checker import prepare, shown_value
    from ..core.compare import compare_values
    from ..core.sampling import _at_point, items, seed_of, simple_points, symbols_of
    from ..core.timebound import time_bound
    from ..core.verdict import Counterexample
    from ..errors import CheckTimeout

    left, right = prepare(lhs, context), prepare(rhs, context)
    if not all(isinstance(s, Expr) and s.is_commutative for s in (left, right)):
        return None
    left, right = _at_point(left, {}), _at_point(right, {})  # sums of numbers of terms expanded
    if not _powers(left, right):
        return None
    symbols = symbols_of(left, right)
    seed = seed_of(left, right)
    # small values (exact powers of large rationals take SymPy minutes), with the signs of
    # the kernel's random points, which take every sign pattern first
    points = []
    for like in context.points(symbols, seed, count=POINTS):
        points += [p for p in simple_points(symbols, context.ranges, like)[:2] if p not in points]
    agreed, powers, letters = set(), (), ()
    try:
        with time_bound(SECONDS):
            for point in points:
                for shift in range(2 * SHIFTS):  # the two orders of the powers, then targets
                    nested = shift % 2 == 1
                    at = _at_integer_exponents(
                        left, right, point, shift // 2, context, seed, nested
                    )
                    if at is None:
                        continue
                    values, a, b, powers, letters = at
                    comparison = compare_values(a, b)
                    if comparison.outcome == "differ" and comparison.exact:
                        a, b, difference = (shown_value(v) for v in (a, b, a - b))
                        example = Counterexample(items(values), a, b, difference=difference)
                        return Found(example, powers, len(agreed), letters)
                    if comparison.outcome == "agree":
                        agreed.add(tuple(sorted(map(str, values.items()))))
    except CheckTimeout:  # this search's own budget (the claim's bound, if spent, fires again)
        pass
    powers = tuple(p for p in powers if p.base.is_number) or tuple(negative_powers(left, right))
    if not powers:  # no power of a negative number: nothing this module can say more
        return None
    return Found(None, powers, len(agreed), letters)


def _at_integer_exponents(left, right, point, shift, context, seed, nested=False):
    """Both sides at a point near ``point`` where every power whose base is negative there
    has an integer exponent: ``(values, lhs, rhs, powers, letters)`` (the powers concerned,
    the letters solved for), or None if there is none (an exponent with no letter left to
    solve for, or not a polynomial of degree 1 or 2 in it, or no integer in its letter's
    domain), or if a side is not a real number there. The powers are met inner ones first,
    all of one depth before the next, or (``nested``) each outermost power right after the
    powers inside it: (x^a)^b before x^(ab), so that a = 2 leaves b free to make ab an
    integer."""
    from ..core.checker import excluded
    from ..core.sampling import _at_point, instantiate

    indices = {s for side in (left, right) for i in side.atoms(Indexed) for s in i.free_symbols}
    indices -= {i.base.label for side in (left, right) for i in side.atoms(Indexed)}
    placed = {s: v for s, v in point.items() if s in indices}  # β[t] becomes β[4]
    left, right = _at_point(left, placed), _at_point(right, placed)
    _, values = instantiate([left, right], dict(point), context.ranges, seed)
    solved: dict = {}
    frozen: set = set()  # letters of the bases met so far: a new value could turn their sign
    letters, concerned = [], []
    powers = _powers(left, right)
    for number, power in enumerate(_nested(powers) if nested else powers):
        base = power.base.xreplace({**values, **solved})
        if not (base.is_number and base.is_extended_real):
            return None
        frozen |= _atoms(power.base)
        if base.is_negative is not True:
            continue
        concerned.append(power)
        exponent = power.exp.xreplace(solved)
        free = sorted(_atoms(exponent) - frozen, key=lambda s: (bool(s.is_integer), str(s)))
        if exponent.xreplace(values).is_integer and not free:
            continue
        for letter in free:
            rest = {s: values[s] for s in _atoms(exponent) if s != letter and s in values}
            value = _solved(exponent.xreplace(rest), letter, context, shift + number)
            if value is not None:
                solved.update(rest)
                solved[letter] = value
                letters.append(letter)
                break
        else:  # no letter to solve for: an integer at the point already, or no point
            if not exponent.xreplace(values).is_integer:
                return None
        frozen |= _atoms(exponent)
    full = {**values, **solved}
    a, b = (_at_point(side, full) for side in (left, right))
    if not all(_real_number(v) for v in (a, b)) or excluded(full, context.nonzero):
        return None
    return full, a, b, tuple(concerned), tuple(letters)


def _powers(*exprs) -> list:
    """The powers of ``exprs`` with a letter in the exponent (not an integer letter), and
    those of a negative number with any exponent that is not an integer, inner ones first."""
    found = set()
    for expr in exprs:
        free = expr.free_symbols
        for p in expr.atoms(Pow):
            if p.exp.is_integer or not p.free_symbols <= free:
                continue  # an integer power is real; (−1)^k with k a sum's index is bound
            if p.exp.free_symbols or (p.base.is_number and p.base.is_negative):
                found.add(p)
    return sorted(found, key=lambda p: (_depth(p), abs(p.exp.as_coeff_Mul()[0]), srepr(p)))


def _nested(powers: list) -> list:
    """``powers`` in another order: the outermost ones, deepest first, each right after the
    powers inside it."""
    order: list = []
    for top in sorted(powers, key=lambda p: -_depth(p)):
        for inner in powers:  # already inner ones first
            if inner not in order and (inner == top or top.has(inner)):
                order.append(inner)
    return order


def _depth(power) -> int:
    """How many powers ``power`` holds (itself included): inner ones are met first."""
    return len(power.atoms(Pow))


def _atoms(expr) -> set:
    """The letters of ``expr`` a value can be put on: symbols and members of families."""
    labels = {i.base.label for i in expr.atoms(Indexed)}
    return {s for s in expr.free_symbols if isinstance(s, Symbol) and s not in labels} | set(
        expr.atoms(Indexed)
    )


def _solved(exponent, letter, context, shift: int):
    """A value of ``letter`` inside its domain at which ``exponent`` (a polynomial of degree 1
    or 2 in it, with numbers for coefficients) is an integer: the ``shift``-th of the values
    that fit, so that both parities are tried."""
    from sympy import roots

    poly = exponent.as_poly(letter)
    if poly is None or poly.degree() not in (1, 2):
        return None
    if not all(c.is_number and c.is_real for c in poly.all_coeffs()):
        return None
    fitting = []
    for target in _targets(poly, letter, context):
        found = roots(poly - Integer(target))
        for value in sorted(found, key=lambda r: (r.is_negative, r.sort_key())):
            if value.is_real and _inside(letter, value, context.ranges):
                fitting.append(value)
                break
        if len(fitting) > shift:
            return fitting[shift]
    return fitting[shift % len(fitting)] if fitting else None


def _targets(poly, letter, context):
    """Integers the exponent may take: small ones first, then those of its range where the
    letter's domain is bounded."""
    yield from TARGETS
    bounds = _bounds(letter, context.ranges)
    if bounds is None:
        return
    if not all(getattr(sympify(b), "is_Rational", False) for b in bounds):
        return
    ends = sorted(poly.eval(Rational(b)) for b in bounds)
    low = int(ends[0]) - 1
    for target in range(low, low + 8):
        if target not in TARGETS:
            yield target


def _bounds(letter, ranges: dict):
    if isinstance(letter, Indexed):
        return ranges.get(letter.base, ranges.get(letter.base.label))
    return ranges.get(letter)


def _inside(letter, value: Rational, ranges: dict) -> bool:
    """Whether ``value`` lies in ``letter``'s domain: its range (open, closed for an integer)
    and its sign and integrality assumptions."""
    if letter.is_integer and not value.is_integer:
        return False
    if (letter.is_positive and value <= 0) or (letter.is_nonnegative and value < 0):
        return False
    if (letter.is_negative and value >= 0) or (letter.is_nonpositive and value > 0):
        return False
    bounds = _bounds(letter, ranges)
    if bounds is None:
        return True
    if not all(getattr(sympify(b), "is_Rational", False) for b in bounds):
        return False  # a range that is not two numbers: no point is known to be inside
    low, high = (Rational(b) for b in bounds)
    if letter.is_integer:
        return low <= value <= high
    return low < value < high


def _real_number(value) -> bool:
    return bool(
        isinstance(value, Expr) and value.is_number and value.is_extended_real and value.is_finite
    )


def undecided_reason(found: Found) -> str:
    """Why a claim whose only counterexamples make a power of a negative number non-real is
    undecided, and what to declare."""
    from ..render.printers import latex, text

    shown = ", ".join(text(p) for p in found.powers[:3])
    exponents = ", ".join(text(p.exp) for p in found.powers[:3])
    plural = len(found.powers) > 1
    what = f"{shown} {'are real numbers' if plural else 'is a real number'}"
    where = f"only where {exponents} {'are integers' if plural else 'is an integer'}"
    principal = "(derive reads a power of a negative number by its principal value)"
    if found.tried:
        seen = (
            f"at the {found.tried} point{'s' * (found.tried != 1)} tried where "
            f"{'they are' if plural else 'it is'}, the sides agree"
        )
    else:
        seen = "no point of the claim's domain tried makes the exponents integers"
    letters = found.letters or tuple(
        sorted({s for p in found.powers for s in _atoms(p.exp)}, key=str)
    )
    declare = ""
    if letters:
        given = f"{latex(letters[0])} \\in \\mathbb{{Z}}"
        declare = f"; declare the domain meant, e.g. --given '{given}'"
    found_one = "the counterexample found makes a side non-real"
    return f"{what} {where} {principal}, and {found_one}; {seen}{declare}"


__all__ = ["Found", "integer_exponent_points", "negative_powers", "undecided_reason"]
