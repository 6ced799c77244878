"""Exact proofs of rational identities between matrices of explicit sizes.

A side built from matrices of explicit sizes whose entries are symbols, numbers and scalar
symbols, by sums, products, transposes, integer powers, inverses, determinants and traces, is a
matrix of rational functions of those symbols. Each side is computed as a pair (P, d): a matrix
P of polynomials over ℤ (over ℚ where a number is not whole) and a denominator d kept as a
product of polynomial factors, with no greatest common divisor ever taken (an inverse is
d·adj(P)/det(P); a sum is over the least common multiple of the factors, found by equality), in
SymPy's sparse polynomials (:mod:`sympy.polys.matrices`). Two sides are equal as rational
functions exactly when P₁d₂ = P₂d₁, a comparison of polynomials: a proof, valid wherever the
inverses exist (every denominator is checked not to be the zero polynomial: an inverse of a
matrix singular for every value of its entries is no rational function, and nothing is
decided).

This is far cheaper than building the entries as SymPy expressions and simplifying their
difference (the Woodbury identity with A 3×3, B 2×2: 3 s instead of a time-out).

Example:
    >>> from sympy import Identity, Inverse, MatrixSymbol, Symbol
    >>> from derive.core.rational_matrices import rational_identity
    >>> A, B = MatrixSymbol("A", 2, 2), MatrixSymbol("B", 2, 1)
    >>> entries = {m: m.as_explicit().applyfunc(lambda e: Symbol(str(e))) for m in (A, B)}
    >>> lam = Symbol("lambda")
    >>> rational_identity(Inverse(A + lam * Identity(2)) * B, B, entries)
    False
    >>> rational_identity((A * B).T, B.T * A.T, entries)
    True
    >>> rational_identity(Inverse(B * B.T), A, entries) is None  # singular for every B
    True
"""

from __future__ import annotations

from collections import Counter

from sympy import (
    QQ,
    ZZ,
    Add,
    Basic,
    Determinant,
    Identity,
    ImmutableMatrix,
    Inverse,
    MatAdd,
    MatMul,
    MatPow,
    MatrixBase,
    MatrixSymbol,
    Mul,
    Pow,
    Rational,
    Symbol,
    Trace,
    Transpose,
    ZeroMatrix,
)
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.polys.matrices import DomainMatrix
from sympy.polys.rings import ring

from .plugins import PLUGINS


class _Unread(Exception):
    """A part of a side that is not a rational expression of matrices this module reads."""


def rational_identity(lhs: Basic, rhs: Basic, entries: dict) -> bool | None:
    """Whether ``lhs`` and ``rhs`` are equal as rational functions of their symbols, the matrix
    symbols in them replaced by the explicit matrices ``entries`` maps them to; ``None`` where
    a side is not a rational expression this module reads (a square root, an expectation, a
    matrix of symbolic size) or is undefined for every value of its symbols."""
    atoms = set()
    for side in (lhs, rhs, *entries.values()):
        atoms |= side.atoms(Symbol) if isinstance(side, Basic) else set()
    generators = sorted(atoms, key=lambda s: (s.name, s.sort_key()))
    if not generators:
        return None
    numbers = set().union(*(side.atoms(Rational) for side in (lhs, rhs)))
    whole = all(n.is_Integer for n in numbers)  # integer coefficients: much faster than ℚ's
    domain = ring(generators, ZZ if whole else QQ)[0].to_domain()
    reader = _Reader(domain, entries)
    try:
        (p, d), (q, e) = reader.read(lhs), reader.read(rhs)
        if isinstance(p, DomainMatrix) != isinstance(q, DomainMatrix):
            return None
        if isinstance(p, DomainMatrix) and p.shape != q.shape:
            return None
        common = d & e  # p/d = q/e exactly when p·(e − common) = q·(d − common)
        return p * _expand(e - common, domain) == q * _expand(d - common, domain)
    except (_Unread, ValueError, TypeError, ArithmeticError):
        return None


class _Reader:
    """Each node of a side as (numerator, denominator): the numerator a :class:`DomainMatrix`
    or a polynomial over the domain, the denominator a product of nonzero polynomials kept as
    a :class:`~collections.Counter` of its factors (so that the det(A) of every A⁻¹ in a side
    is one factor, not a power that grows with each inverse). Equal nodes are read once."""

    def __init__(self, domain, entries: dict):
        self.domain = domain
        self.entries = entries
        self.done: dict = {}

    def read(self, expr):
        if expr not in self.done:
            self.done[expr] = self._read(expr)
        return self.done[expr]

    def _read(self, expr):
        kind = next((k for k in _READERS if isinstance(expr, k)), None)
        if kind is not None:
            return _READERS[kind](self, expr)
        if getattr(expr, "is_Number", False) or isinstance(expr, Symbol):
            return self.domain.from_sympy(expr), Counter()
        if isinstance(expr, tuple(PLUGINS.scalar_functions)) and len(expr.args) == 1:
            return self._scalar_function(expr)
        raise _Unread(type(expr).__name__)

    def _matrix(self, value: MatrixBase):
        rows = [[self._entry(e) for e in value.row(i)] for i in range(value.rows)]
        denominator = Counter()
        for row in rows:
            for _, d in row:
                denominator |= d
        numerators = [[n * _expand(denominator - d, self.domain) for n, d in row] for row in rows]
        shape = (len(rows), len(rows[0]) if rows else 0)
        return DomainMatrix(numerators, shape, self.domain), denominator

    def _entry(self, expr):
        number, denominator = self.read(expr)
        if isinstance(number, DomainMatrix):
            raise _Unread("a matrix as an entry")
        return number, denominator

    def _symbol(self, expr: MatrixSymbol):
        if expr not in self.entries:
            raise _Unread(f"the matrix {expr} has no entries")
        return self._matrix(self.entries[expr])

    def _constant(self, expr):
        if not all(getattr(d, "is_Integer", False) for d in expr.shape):
            raise _Unread("a matrix of symbolic size")
        return self._matrix(ImmutableMatrix(expr.as_explicit()))

    def _add(self, expr):
        total = None
        for term in expr.args:
            value = self.read(term)
            total = value if total is None else self._sum(total, value)
        return total

    def _sum(self, a, b):
        (p, d), (q, e) = a, b
        if isinstance(p, DomainMatrix) != isinstance(q, DomainMatrix):
            raise _Unread("a sum of a matrix and a number")
        both = d | e
        return p * _expand(both - d, self.domain) + q * _expand(both - e, self.domain), both

    def _mul(self, expr):
        product = None
        for factor in expr.args:
            value = self.read(factor)
            product = value if product is None else _product(product, value)
        return product

    def _power(self, expr):
        exponent = expr.args[1]
        if not getattr(exponent, "is_Integer", False):
            raise _Unread("a power that is not a whole number")
        base = self.read(expr.args[0])
        result = self._inverted(base) if exponent < 0 else base
        number, _ = result
        if isinstance(number, DomainMatrix):
            power = DomainMatrix.eye(number.shape[0], self.domain), Counter()
        else:
            power = self.domain.one, Counter()
        for _ in range(abs(int(exponent))):
            power = _product(power, result)
        return power

    def _inverse(self, expr):
        return self._inverted(self.read(expr.args[0]))

    def _inverted(self, value):
        number, denominator = value
        scale = _expand(denominator, self.domain)
        if not isinstance(number, DomainMatrix):
            if not number:
                raise _Unread("a division by zero")
            return scale, Counter({number: 1})
        determinant = number.det()
        if not determinant:  # singular for every value of the entries
            raise _Unread("the inverse of a matrix singular for every value of its entries")
        return number.adjugate() * scale, Counter({determinant: 1})

    def _transpose(self, expr):
        number, denominator = self.read(expr.args[0])
        return number.transpose(), denominator

    def _determinant(self, expr):
        number, denominator = self.read(expr.args[0])
        size = number.shape[0]
        return number.det(), Counter({f: k * size for f, k in denominator.items()})

    def _trace(self, expr):
        number, denominator = self.read(expr.args[0])
        diagonal = [number[i, i].element for i in range(number.shape[0])]
        return sum(diagonal, self.domain.zero), denominator

    def _element(self, expr):
        number, denominator = self.read(expr.args[0])
        return number[int(expr.i), int(expr.j)].element, denominator

    def _scalar_function(self, expr):
        """A registered scalar function of a 1×1 matrix (a quadratic form used as a number)
        read as that matrix's entry, once it is seen to mean exactly that."""
        probe = Symbol("_probe")
        if expr.func(ImmutableMatrix([[probe]])).doit() != probe:
            raise _Unread(type(expr).__name__)
        number, denominator = self.read(expr.args[0])
        if not isinstance(number, DomainMatrix) or number.shape != (1, 1):
            raise _Unread("a scalar of a matrix that is not 1×1")
        return number[0, 0].element, denominator


_READERS = {
    MatrixSymbol: _Reader._symbol,
    MatrixBase: _Reader._matrix,
    Identity: _Reader._constant,
    ZeroMatrix: _Reader._constant,
    MatAdd: _Reader._add,
    Add: _Reader._add,
    MatMul: _Reader._mul,
    Mul: _Reader._mul,
    MatPow: _Reader._power,
    Pow: _Reader._power,
    Inverse: _Reader._inverse,
    Transpose: _Reader._transpose,
    Determinant: _Reader._determinant,
    Trace: _Reader._trace,
    MatrixElement: _Reader._element,
}


def _expand(factors: Counter, domain):
    """The product of a multiset of polynomials."""
    product = domain.one
    for factor, power in sorted(factors.items(), key=lambda item: str(item[0])):
        product = product * factor**power
    return product


def _product(a, b):
    (p, d), (q, e) = a, b
    if isinstance(q, DomainMatrix) and not isinstance(p, DomainMatrix):
        return q * p, d + e  # a number times a matrix
    return p * q, d + e
