"""Shapes and sizes of what a claim builds: matrix products and sums that must match, numbers
too large to write out, and 1×1 matrices used as numbers.

Example:
    >>> from sympy import Integer
    >>> too_large(Integer(10), Integer(-5000))
    True
"""

from __future__ import annotations

from sympy import Abs, MatrixExpr, MatrixSymbol, Symbol, ZeroMatrix, log

from ..gaussian import Scalar

MAX_DIGITS = 4000  # a power with more digits than this stays unevaluated, as written


class IllFormed(Exception):
    """A claim that is not well-formed mathematics (a product of matrices whose shapes do not
    match): it is false as written, not an input error. ``promote`` names a letter that was
    read as a number but is added to a vector (the reader may read it again as a vector)."""

    def __init__(self, message: str, promote: str | None = None, numbers: tuple = (), demote=None):
        super().__init__(message)
        self.promote = promote
        self.demote = demote  # a letter read as a vector that multiplies a vector
        self.numbers = numbers  # names read as numbers in the offending sum


def aligned(left, right) -> None:
    """Raise :class:`IllFormed` unless ``left`` has as many columns as ``right`` has rows."""
    if (left.shape[1] - right.shape[0]) != 0:
        from ..render.printers import text

        shapes = [f"{text(m.shape[0])}×{text(m.shape[1])}" for m in (left, right)]
        raise IllFormed(
            f"{text(left)} ({shapes[0]}) times {text(right)} ({shapes[1]}) is not defined"
        )


def equated(left, right) -> tuple:
    """The sides of an equation: a side of constant matrices only (0, I, read with the default
    size n) takes the explicit shape of the other (Φᵀ(t − Φw) = 0 with Φ ∈ ℝ^{4×2} sets a
    2-vector to the zero 2-vector); :class:`IllFormed` if explicit shapes then differ ((AB)ᵀ =
    AᵀBᵀ with A ∈ ℝ^{2×3}, B ∈ ℝ^{3×2} sets a 2×2 matrix equal to a 3×3 one).

    Example:
        >>> from sympy import Symbol
        >>> n = Symbol("n", integer=True, positive=True)
        >>> equated(MatrixSymbol("v", 2, 1), ZeroMatrix(n, 1))[1].shape
        (2, 1)
        >>> equated(MatrixSymbol("A", 2, 3), MatrixSymbol("B", 3, 2))
        Traceback (most recent call last):
        ...
        derive.claims.shapes.IllFormed: a matrix of shape 2×3 set equal to one of shape 3×2
    """
    left, right = _constant_sized(left, right), _constant_sized(right, left)
    shapes = [_explicit_shape(side) for side in (left, right)]
    if None not in shapes and shapes[0] != shapes[1] and (1, 1) not in shapes:
        a, b = (f"{s[0]}×{s[1]}" for s in shapes)
        raise IllFormed(f"a matrix of shape {a} set equal to one of shape {b}")
    return left, right


def _explicit_shape(side):
    shape = side.shape if isinstance(side, MatrixExpr) else None
    return shape if shape and all(getattr(d, "is_Integer", False) for d in shape) else None


def _constant_sized(side, other):
    """``side`` with its constant matrices of ``side``'s own shape resized to ``other``'s
    explicit shape, if ``side`` holds no matrix letter."""
    from sympy import Identity, OneMatrix

    shape = _explicit_shape(other)
    if shape is None or not isinstance(side, MatrixExpr) or side.shape == shape:
        return side
    constants = side.atoms(Identity, ZeroMatrix, OneMatrix)
    if side.atoms(MatrixSymbol) or not constants or any(c.shape != side.shape for c in constants):
        return side
    if any(isinstance(c, Identity) for c in constants) and shape[0] != shape[1]:
        return side
    return side.xreplace(
        {c: Identity(shape[0]) if isinstance(c, Identity) else type(c)(*shape) for c in constants}
    )


def defined_as(name, value):
    """The symbol a definition ``name = value`` defines: a matrix letter read with the default
    size n takes the explicit size of its definition (w = (λI + ΦᵀΦ)⁻¹Φᵀt with Φ ∈ ℝ^{3×2}
    defines a vector of ℝ², the w of the claim).

    Example:
        >>> from sympy import Symbol
        >>> n = Symbol("n", integer=True, positive=True)
        >>> defined_as(MatrixSymbol("w", n, 1), MatrixSymbol("P", 3, 2).T * MatrixSymbol("t", 3, 1))
        w
        >>> _.shape
        (2, 1)
    """
    shape = getattr(value, "shape", None) if isinstance(value, MatrixExpr) else None
    if (
        isinstance(name, MatrixSymbol)
        and shape
        and shape != name.shape
        and all(getattr(d, "is_Integer", False) for d in shape)
        and not all(getattr(d, "is_Integer", False) for d in name.shape)
    ):
        return MatrixSymbol(name.name, *shape)
    return name


def too_large(base, exponent) -> bool:
    """Whether the number ``base^exponent`` would have more than :data:`MAX_DIGITS` digits
    (or fewer than −MAX_DIGITS): estimated from logarithms, never computed."""
    numbers = getattr(base, "is_number", False) and getattr(exponent, "is_number", False)
    if not numbers or base in (0, 1, -1):
        return False
    try:
        size = abs(float(exponent)) * abs(float(log(Abs(base), 10)))
    except (TypeError, ValueError, OverflowError):
        return True
    return not size <= MAX_DIGITS


def number(expr):
    """A 1×1 matrix as a number; anything else unchanged."""
    if isinstance(expr, MatrixExpr) and expr.shape == (1, 1):
        return Scalar(expr)
    return expr


def matrix(expr):
    """A number that is a 1×1 matrix back as that matrix."""
    return expr.matrix if isinstance(expr, Scalar) else expr


def _identity_sized(side, shape):
    """``side`` (αI, I, a sum of such: no other matrix in it) as of the square ``shape`` it is
    added to: λI + ΦᵀΦ with Φ ∈ ℝ^{N×2} is the 2×2 identity, whatever the default size."""
    from sympy import Identity

    if side.shape == shape or shape[0] != shape[1] or side.atoms(MatrixSymbol):
        return side
    identities = side.atoms(Identity)
    if not identities or side.atoms(ZeroMatrix):
        return side
    return side.xreplace({i: Identity(shape[0]) for i in identities})


def combine(left, right, sign):
    """``left + sign·right``, refusing sums of mismatched shapes."""
    matrices = [isinstance(side, MatrixExpr) and side.shape != (1, 1) for side in (left, right)]
    if all(matrices):
        left, right = _identity_sized(left, right.shape), _identity_sized(right, left.shape)
        if left.shape != right.shape:
            error = IllFormed(f"a sum of matrices of shapes {left.shape} and {right.shape}")
            error.sizes = (left.shape, right.shape)  # a declared size against the default n?
            raise error
        return left + sign * right
    if any(matrices):
        other = right if matrices[0] else left
        vector = (left if matrices[0] else right).shape[1] == 1
        name = getattr(other, "name", None) if isinstance(other, Symbol) and vector else None
        letters = tuple(sorted(s.name for s in getattr(other, "free_symbols", ())))
        raise IllFormed("a sum of a matrix and a number", promote=name, numbers=letters)
    return number(left) + sign * number(right)
