"""The claim builder's rules for arithmetic: sums and products (of numbers, vectors and
matrices, with their shapes checked), powers and transposes, fractions, roots, log and exp, the
named functions (cos, tanh, sigmoid, softplus), absolute values, norms, determinants, traces,
the identity and the zero vector. A mixin of :class:`derive.claims.build._Builder`.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\frac{1}{2} \\cdot 4 = \\sqrt{4}").kind
    'holds'
"""

from __future__ import annotations

from sympy import (
    Abs,
    BlockMatrix,
    Determinant,
    E,
    Expr,
    Identity,
    ImmutableMatrix,
    Integer,
    Inverse,
    KroneckerProduct,
    MatMul,
    MatrixExpr,
    MatrixSymbol,
    Max,
    Min,
    Pow,
    Rational,
    Symbol,
    Trace,
    Transpose,
    ZeroMatrix,
    atan,
    cos,
    cosh,
    erf,
    erfc,
    exp,
    log,
    root,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)
from sympy.matrices.expressions import DiagMatrix, HadamardPower

from ..errors import UsageError
from ..gaussian import Scalar
from .shapes import IllFormed, aligned, combine, matrix, number, too_large

_FUNCTIONS = {
    "cos": cos,
    "sin": sin,
    "tan": tan,
    "tanh": tanh,
    "cosh": cosh,
    "sinh": sinh,
    "arctan": atan,
    "sigmoid": lambda x: 1 / (1 + exp(-x)),
    "softplus": lambda x: log(1 + exp(x)),
    "erf": erf,
    "erfc": erfc,
}


class ArithmeticRules:
    """Builder rules for numbers, vectors and matrices (needs ``self.names``)."""

    def add(self, children):
        return combine(children[0], children[1], 1)

    def sub(self, children):
        return combine(children[0], children[1], -1)

    def mul(self, children):
        left, right = children[0], children[-1]
        if all(isinstance(matrix(s), MatrixExpr) for s in (left, right)):
            left_m, right_m = matrix(left), matrix(right)
            if left_m.shape[1] == 1 and right_m.shape[1] == 1 and left_m.shape[0] != 1:
                letters = [m.name for m in left_m.atoms(MatrixSymbol) if m.shape[1] == 1]
                if len(letters) == 1 and letters[0] in self.names.vectors:
                    raise IllFormed(f"{letters[0]} times a vector", demote=letters[0])
            aligned(left_m, right_m)
        if any(isinstance(s, MatrixExpr) for s in (left, right)):
            return number(MatMul(matrix(left), matrix(right)).doit(deep=False))
        return left * right

    def juxtaposed(self, children):
        """Factors written side by side (the body of a derivative): their product, left to
        right."""
        product = children[0]
        for factor in children[1:]:
            product = self.mul([product, factor])
        return product

    def div(self, children):
        return children[0] / number(children[1])

    def neg(self, children):
        return -children[0]

    def pow(self, children):
        base, exponent = children
        if exponent == "T":
            return Transpose(base)
        if exponent == "-T":
            return Transpose(Inverse(matrix(base)))
        if isinstance(exponent, str):  # x^n, x^\alpha: a letter as the exponent
            exponent = self.names.make(exponent, None)
        if isinstance(base, MatrixExpr) and exponent == -1:
            return Inverse(base)
        if _column(base) and getattr(exponent, "is_number", False):
            # σ² of a vector σ (diag(σ²) in the VAE): the vector of its coordinates' squares
            self.names.note(f"{base}^{exponent}", "taken coordinate by coordinate", "implied")
            return HadamardPower(base, exponent)
        if base == E:
            return exp(number(exponent))
        if too_large(base, exponent) or too_large(base, 1):  # kept as written
            if getattr(exponent, "is_negative", False):  # printed as 1/b^k, never multiplied out
                return Pow(Pow(base, -exponent, evaluate=False), -1, evaluate=False)
            return Pow(base, exponent, evaluate=False)
        return number(base) ** number(exponent)

    def top(self, _):
        return "T"

    def inverse_top(self, _):
        return "-T"

    def prime(self, children):
        inner = children[0]
        if isinstance(inner, Symbol):
            return Symbol(f"{inner.name}'", **inner.assumptions0)
        if isinstance(inner, MatrixSymbol):  # m' is another vector than m, of its shape
            return MatrixSymbol(f"{inner.name}'", *inner.shape)
        if isinstance(inner, Expr) and not inner.free_symbols:
            return inner
        raise UsageError(
            f"a prime on {inner} is not read (a prime marks a letter: x', \\mathbf{{m}}')"
        )

    def extremum(self, children):
        word = str(children[0]).lstrip("\\")
        values = [number(self._value(c)) for c in children[1:]]
        return (Min if word == "min" else Max)(*values)

    def frac(self, children):
        numerator, denominator = (self._value(c) for c in children[1:])
        return self.div([numerator, denominator])

    def sqrt(self, children):
        return sqrt(number(self._value(children[-1])))

    def root(self, children):
        return root(number(self._value(children[-1])), children[-2])

    def log(self, children):
        return log(number(children[-1]))

    def exp(self, children):
        return exp(number(children[-1]))

    def logchain(self, children):
        product = children[0]
        for factor in children[1:]:
            product = self.mul([product, factor])
        return product

    def named_function(self, children):
        return _FUNCTIONS[_function_word(children[0])](number(children[-1]))

    def named_function_power(self, children):
        power = self._value(children[1])
        return _FUNCTIONS[_function_word(children[0])](number(children[-1])) ** power

    def group(self, children):
        return children[0]

    def number(self, children):
        text = str(children[0])
        if len(text) > 1000:
            raise UsageError(f"the number {text[:20]}… has more than 1000 digits")
        return Rational(text)

    def digit(self, children):
        return Integer(str(children[0]))

    def bars(self, children):
        (inner,) = children
        return _explicit_or(Determinant, inner) if isinstance(inner, MatrixExpr) else Abs(inner)

    def kron(self, children):
        """A ⊗ B of two matrices (a number times a matrix where one side is a number)."""
        left, right = matrix(children[0]), matrix(children[-1])
        if not all(isinstance(s, MatrixExpr) for s in (left, right)):
            return self.mul([children[0], children[-1]])
        return KroneckerProduct(left, right)

    def norm(self, children):
        """‖x‖ and ‖x‖_2 (the Euclidean norm), ‖X‖_F (Frobenius), ‖x‖_p of a vector of
        explicit size; the index was ignored, so ‖x‖₁² = xᵀx HELD."""
        inner, index = children[0], (children[1:] or [2])[0]
        if not isinstance(inner, MatrixExpr):
            return Abs(inner)  # every norm of a number is its absolute value
        if index == "F":
            return sqrt(Trace(MatMul(Transpose(inner), inner)))
        rows, columns = inner.shape
        if index == 2 and columns == 1:
            return sqrt(Scalar(MatMul(Transpose(inner), inner)))
        if columns == 1 and rows.is_Integer and index.is_Integer:
            entries = inner.as_explicit()
            return sum(Abs(e) ** index for e in entries) ** Rational(1, index)
        if columns != 1:
            raise UsageError(f"‖X‖_{index} of a matrix is not read; ‖X‖_F (Frobenius) is")
        raise UsageError(
            f"‖x‖_{index} of a vector is read at an explicit size only (x ∈ ℝ^3), not at {rows}"
        )

    def frobenius(self, _):
        return "F"

    def det(self, children):
        return _explicit_or(Determinant, matrix(children[-1]))

    def trace(self, children):
        return _explicit_or(Trace, matrix(children[-1]))

    def diag(self, children):
        inner = matrix(children[-1])
        if not _column(inner):
            raise UsageError(
                "\\operatorname{diag}(v) takes a vector v, diag(\\boldsymbol\\sigma^2)"
            )
        return DiagMatrix(inner)

    def identity(self, _):
        if self.names.coordinatewise:
            return Integer(1)
        return Identity(self.names.dimension)

    def sized_identity(self, children):
        """I_d, I_{hw}: the identity of the size its subscript names (a whole number or a product
        of letters declared whole numbers); I_d of one letter as the names read it (the size
        of the claim's vectors, see Names.make)."""
        index = children[-1]
        if isinstance(index, (str, Symbol)):
            return self.names.make("I", str(index))
        size = self._value(index)
        if not (size.is_integer and size.is_positive):
            raise UsageError(
                f"the size of I_{{{size}}} must be a whole number: declare its letters, e.g. "
                f"--given '{sorted(map(str, size.free_symbols))[0] if size.free_symbols else 'n'} "
                "\\in \\mathbb{N}'"
            )
        return Identity(size)

    def zero(self, _):
        return ZeroMatrix(self.names.dimension, 1) if self.names.matrix else Integer(0)

    def matrix_row(self, children):
        return [self._value(c) for c in children]

    def matrix_literal(self, children):
        """An explicit matrix (its entries numbers) or a block matrix (its entries matrices
        and vectors, whose shapes must line up)."""
        rows = [c for c in children if isinstance(c, list)]
        if len({len(r) for r in rows}) != 1:
            raise UsageError("the rows of a matrix have different numbers of entries (&)")
        blocks = [isinstance(matrix(e), MatrixExpr) for r in rows for e in r]
        if not any(blocks):
            return ImmutableMatrix(rows)
        if not all(blocks):
            raise UsageError(
                "a block matrix mixes numbers and matrices; write the zero block as \\mathbf{0} "
                "or declare every block's shape"
            )
        try:
            return BlockMatrix(_zero_blocks_fitted([[matrix(e) for e in r] for r in rows]))
        except ValueError:
            raise IllFormed("the blocks of the matrix do not line up") from None

    def _value(self, item):
        return self.names.make(item, None) if isinstance(item, str) else item

    def exprs(self, children):
        return tuple(children)


def _zero_blocks_fitted(rows: list) -> list:
    r"""The blocks of a block matrix with each zero block (``\mathbf{0}``, read as a zero
    vector) given the shape its row and column ask for: the rows of the other blocks in its
    row, the columns of those in its column (PRML 2.76: a block identity with 0 off the
    diagonal). A zero block whose row or column has no other block keeps its shape.

    Example:
        >>> from sympy import Identity, ZeroMatrix, symbols
        >>> n = symbols("n")
        >>> blocks = [[Identity(n), ZeroMatrix(n, 1)], [ZeroMatrix(n, 1), Identity(n)]]
        >>> _zero_blocks_fitted(blocks)[0][1].shape
        (n, n)
    """
    zero = [[isinstance(b, ZeroMatrix) for b in row] for row in rows]
    heights = [
        next((b.shape[0] for b, z in zip(row, zs, strict=True) if not z), None)
        for row, zs in zip(rows, zero, strict=True)
    ]
    widths = [
        next((rows[i][j].shape[1] for i in range(len(rows)) if not zero[i][j]), None)
        for j in range(len(rows[0]))
    ]
    return [
        [
            ZeroMatrix(heights[i], widths[j])
            if zero[i][j] and None not in (heights[i], widths[j])
            else b
            for j, b in enumerate(row)
        ]
        for i, row in enumerate(rows)
    ]


def _column(m) -> bool:
    """Whether ``m`` is a column vector (n×1, n not 1)."""
    return isinstance(m, MatrixExpr) and m.shape[1] == 1 and m.shape[0] != 1


def _explicit_or(kind, m):
    """det or tr of ``m``: computed when its entries are written out (a matrix literal), kept
    as ``kind(m)`` for a matrix symbol."""
    if _written_out(m):  # 2πe·(a matrix written out): its entries are known too
        m = ImmutableMatrix(m.as_explicit())
    if isinstance(m, ImmutableMatrix) and m.is_square:
        return kind(m).doit()
    return kind(m)


def _written_out(m) -> bool:
    """A product or sum of numbers and matrices written out (no matrix letter, sizes known)."""
    return (
        isinstance(m, MatrixExpr)
        and not isinstance(m, ImmutableMatrix)
        and not m.atoms(MatrixSymbol)
        and all(isinstance(d, int) or getattr(d, "is_Integer", False) for d in m.shape)
    )


def _function_word(token) -> str:
    text = str(token)
    for word in sorted(_FUNCTIONS, key=len, reverse=True):  # tanh before tan
        if word in text:
            return word
    raise UsageError(f"unknown function {text}")
