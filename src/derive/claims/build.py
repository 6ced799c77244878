"""From a parse tree of the claim language to SymPy objects the checker knows.

What a name stands for is decided by :mod:`derive.claims.names`; shapes are checked by
:mod:`derive.claims.shapes`; functions, derivatives and laws by this module's builder.

Example:
    >>> from derive.claims.parse import parse
    >>> build(parse("a + b = b + a")).kind
    'equal'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Transformer, Tree
from lark.exceptions import VisitError
from sympy import (
    Abs,
    Derivative,
    Determinant,
    E,
    Expr,
    Function,
    Identity,
    Integer,
    Inverse,
    Lambda,
    MatMul,
    MatrixExpr,
    MatrixSymbol,
    Max,
    Min,
    Pow,
    Product,
    Rational,
    Subs,
    Sum,
    Symbol,
    Trace,
    Transpose,
    ZeroMatrix,
    atan,
    cos,
    cosh,
    exp,
    log,
    root,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)
from sympy.core.function import UndefinedFunction

from ..diffusion import ConditionalDensity
from ..errors import CheckTimeout, UsageError
from ..gaussian import (
    Scalar,
)
from . import scan
from .calculus_rules import CalculusRules
from .domain_rules import DomainRules
from .names import LAST_STEP, STEP, Names
from .probability_rules import ProbabilityRules, label
from .shapes import IllFormed, aligned, combine, matrix, number, too_large

__all__ = ["Claim", "IllFormed", "build", "step_index"]

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
}


@dataclass
class Claim:
    """A parsed claim: ``kind`` (equal, proportional, distributed, question, define,
    inequality, member, independent), both sides, and what the builder learnt."""

    kind: str
    lhs: object
    rhs: object
    matrix: bool = False
    positive: set = field(default_factory=set)
    names: Names | None = None
    relations: tuple = ()
    spd: frozenset = frozenset()  # covariances of laws the claim wrote but no longer shows


def build(tree: Tree, names: Names | None = None, one_coordinate: bool = False) -> Claim:
    """The claim ``tree`` as SymPy, reading names with ``names`` (a fresh :class:`Names`
    if none): bound indices, unknown functions, vectors and densities are found first.
    ``one_coordinate`` reads it one coordinate at a time even where it names a density (for a
    given law N(m, c I) used by a claim that is itself read one coordinate at a time)."""
    names = names or Names()
    names.coordinatewise = (
        not names.shapes and not names.matrix and (one_coordinate or scan.coordinatewise(tree))
    )
    if names.coordinatewise:
        names.note(
            "the claim",
            "read one coordinate at a time (covariances multiples of I, "
            "no operation mixing coordinates)",
            "implied: only I and 0 are multivariate",
        )
    names.matrix = names.matrix or bool(names.shapes)
    names.matrix = names.matrix or (scan.is_matrix_claim(tree) and not names.coordinatewise)
    names.bound = names.bound | scan.bound_names(tree)
    for limit in scan.limit_names(tree) - set(names.domains):
        names.domains[limit] = {"integer": True, "positive": True}
        names.note(limit, "a whole number ≥ 1", "implied: a limit of a sum or product")
    bare = _Builder(Names(names.random, names.families, names.named, names.known))
    namer = _namer(bare)
    names.functions = names.functions | {
        n for n in scan.applied_heads(tree, namer) if _free(n, names)
    }
    if names.matrix:
        names.vectors = names.vectors | {
            namer(s)
            for place in scan.vector_places(tree)
            for s in (*place.find_data("symbol"), *place.find_data("ascii_indexed"))
        }
    labels = {namer(h) for h in scan.density_heads(tree)} - names.defined_functions
    names.functions = (names.functions - labels) | names.defined_functions
    demoted: set = set()
    for _ in range(8):  # a letter added to a vector is a vector: read again with it
        builder = _Builder(names)
        builder.labels = labels
        try:
            kind, lhs, rhs, *rest = builder.transform(tree)
            break
        except VisitError as error:
            demote = getattr(error.orig_exc, "demote", None)
            if names.matrix and demote in names.vectors - demoted:
                # √ᾱ x₀ in a law's mean: the coefficient of a vector is a number
                names.vectors.discard(demote)
                demoted.add(demote)
                names.note(demote, "a number", "implied: the coefficient of a vector")
                continue
            promote = getattr(error.orig_exc, "promote", None)
            if (
                not names.matrix
                or promote is None
                or promote in names.vectors | set(names.domains) | demoted
            ):
                _refuse_default_reading(error, names)
                _reraise(error)
            names.vectors.add(promote)
            names.note(promote, "an n-vector", "implied: added to a vector")
    relations = tuple(rest[0]) if rest else ()
    return Claim(
        kind, lhs, rhs, names.matrix, builder.positive, names, relations, frozenset(builder.spd)
    )


def _refuse_default_reading(error: VisitError, names: Names) -> None:
    """A sum of a matrix and a number whose number side has letters derive read as numbers
    by default (nothing declared them) is a question of reading, not a false claim: x_b in
    μ_a − Λ_aa⁻¹Λ_ab(x_b − μ_b) is a vector the claim does not mark as one."""
    numbers = getattr(error.orig_exc, "numbers", ())
    declared = set(names.domains) | set(names.shapes) | set(names.random) | set(names.known)
    undeclared = [n for n in numbers if n not in declared and n not in names.bound]
    if names.matrix and undeclared:
        shown = ", ".join(undeclared)
        raise UsageError(
            f"a sum of a matrix and a number, where {shown} was read as a number by default; "
            f"declare its shape (--given '{undeclared[0]} \\in \\mathbb{{R}}^n' for a vector)"
        )


def _reraise(error: VisitError):
    """The building error as the reader reports it."""
    if isinstance(error.orig_exc, (UsageError, IllFormed, CheckTimeout, RecursionError)):
        raise error.orig_exc from None
    raise UsageError(f"cannot read the claim as mathematics: {_construct(error)}") from None


def _construct(error: VisitError) -> str:
    """The construct a building error happened in, as a reader names it."""
    rule = getattr(error, "rule", None) or getattr(getattr(error, "obj", None), "data", "")
    return f"the construct '{rule}' is not supported here"


def _free(name: str, names: Names) -> bool:
    """Whether ``name`` is free to be an unknown function (not a notation's name or variable)."""
    taken = set(names.known) | set(names.random) | set(names.domains) | set(names.shapes)
    taken |= names.defined_symbols
    return name not in taken and Symbol(name, real=True) not in names.named


def _namer(bare: _Builder):
    def name_of(node) -> str | None:
        try:
            made = bare.transform(node)
        except (VisitError, UsageError):
            return None
        return getattr(made, "name", None) if not isinstance(made, str) else made

    return name_of


def step_index(sub: str) -> Expr:
    """A subscript as a step index: t, t-1, t+1, 1, T."""
    value = {"t": STEP, "T": LAST_STEP}
    for sign in ("-", "+"):
        if sign in sub:
            head, tail = sub.split(sign, 1)
            if head in value and tail.isdigit():
                return value[head] + (int(tail) if sign == "+" else -int(tail))
    if sub in value:
        return value[sub]
    if sub.isdigit():
        return Integer(sub)
    raise UsageError(f"cannot read the subscript '{sub}' as a step index (t, t-1, t+1, 1, T)")


class _Builder(ProbabilityRules, CalculusRules, DomainRules, Transformer):
    def __init__(self, names: Names):
        super().__init__()
        self.names = names
        self.labels: set = set()
        self.positive: set = set()
        self.spd: set = set()

    # --- claims -------------------------------------------------------------------------------
    def start(self, children):
        return children[0]

    def equal(self, children):
        return ("equal", children[0], children[1])

    def define(self, children):
        return ("define", children[0], children[2])

    def proportional(self, children):
        return ("proportional", children[0], children[2])

    def distributed(self, children):
        return ("distributed", children[0], children[2])

    def conditional_law(self, children):
        targets, _, conditions, _, law = children
        return ("conditional", targets, law, [tuple(conditions)])

    def question(self, children):
        return ("question", children[0], None)

    def inequality(self, children):
        terms, relations = children[0::2], [str(r) for r in children[1::2]]
        return (
            "inequality",
            terms[0],
            terms[-1],
            list(zip(terms, relations, terms[1:], strict=False)),
        )

    def member(self, children):
        return ("member", children[0], children[2])

    def independent(self, children):
        return ("independent", children[0], children[2])

    # --- arithmetic ---------------------------------------------------------------------------
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

    def div(self, children):
        return children[0] / number(children[1])

    def neg(self, children):
        return -children[0]

    def pow(self, children):
        base, exponent = children
        if exponent == "T":
            return Transpose(base)
        if isinstance(exponent, str):  # x^n, x^\alpha: a letter as the exponent
            exponent = self.names.make(exponent, None)
        if isinstance(base, MatrixExpr) and exponent == -1:
            return Inverse(base)
        if base == E:
            return exp(number(exponent))
        if too_large(base, exponent) or too_large(base, 1):  # kept as written
            if getattr(exponent, "is_negative", False):  # printed as 1/b^k, never multiplied out
                return Pow(Pow(base, -exponent, evaluate=False), -1, evaluate=False)
            return Pow(base, exponent, evaluate=False)
        return number(base) ** number(exponent)

    def top(self, _):
        return "T"

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
        return Determinant(inner) if isinstance(inner, MatrixExpr) else Abs(inner)

    def norm(self, children):
        inner = children[0]
        if isinstance(inner, MatrixExpr):
            return sqrt(Scalar(MatMul(Transpose(inner), inner)))
        return Abs(inner)

    def det(self, children):
        return Determinant(matrix(children[-1]))

    def trace(self, children):
        return Trace(matrix(children[-1]))

    def diag(self, _):
        raise UsageError("\\operatorname{diag} is not supported yet; write the matrix as a symbol")

    def identity(self, _):
        if self.names.coordinatewise:
            return Integer(1)
        return Identity(self.names.dimension)

    def zero(self, _):
        return ZeroMatrix(self.names.dimension, 1) if self.names.matrix else Integer(0)

    def _value(self, item):
        return self.names.make(item, None) if isinstance(item, str) else item

    def exprs(self, children):
        return tuple(children)

    def application(self, children):
        head, argument = children[0], children[-1]
        primes = len(children[1]) if len(children) == 3 else 0
        name = getattr(head, "name", None) if not isinstance(head, UndefinedFunction) else None
        if name in self.labels and not primes:
            return ConditionalDensity((argument,), (), label(head))
        if isinstance(head, UndefinedFunction):
            if primes:
                u = Symbol("u", real=True)
                return Subs(Derivative(head(u), (u, primes)), u, argument)
            self.names.note(str(head), "an unknown function", "implied: applied to an argument")
            return head(argument)
        if primes and isinstance(head, Symbol):  # f'(a): the derivative of a function f at a
            u = Symbol("u", real=True)
            return Subs(Derivative(Function(head.name)(u), (u, primes)), u, argument)
        return self.mul([head, argument])

    def applied_power(self, children):
        head, argument, exponent = children
        name = getattr(head, "name", None) if not isinstance(head, UndefinedFunction) else None
        if isinstance(head, UndefinedFunction) or name in self.labels:
            return self.pow([self.application([head, argument]), exponent])
        return self.mul([head, self.pow([argument, exponent])])

    def sum_over(self, children):
        return self._over(Sum, children)

    def prod_over(self, children):
        return self._over(Product, children)

    def _over(self, kind, children):
        _, name, lower, upper, body = children
        if not isinstance(name, str):
            raise UsageError("a sum or product binds one letter, \\sum_{k=1}^{n}")
        index = Symbol(name, integer=True)
        free = self.names.make(name, None)
        upper = self._value(upper)
        body = body.xreplace({free: index}) if hasattr(body, "xreplace") else body
        return kind(body, (index, lower, upper))

    def call(self, children):
        head = children[0]
        children = [head, *(a for c in children[1:] for a in (c if isinstance(c, tuple) else [c]))]
        if head in self.names.named:  # \tilde{\mu}_t(x_t, x_0): the arguments are the result's own
            return head
        if isinstance(head, UndefinedFunction):
            self.names.note(str(head), "an unknown function", "implied: applied to arguments")
            return head(*children[1:])
        if isinstance(head, Symbol) and head.name in self.names.defined_symbols:
            # μ_Q(z_t, x; s, t) for a μ_Q a given defines: the arguments say what it depends on
            self.names.note(head.name, "the letter a given defines", "its arguments as written")
            return head
        raise UsageError(
            f"'{head}' is applied to arguments, but it is not a function derive knows "
            "(named results: \\tilde{\\mu}_t(x_t, x_0))"
        )

    # --- symbols ------------------------------------------------------------------------------
    def symbol(self, children):
        name = children[0]
        sub = children[1] if len(children) > 1 else None
        return self.names.make(name, sub)

    def ascii_indexed(self, children):
        return self.names.make(children[0], str(children[1]))

    def subscript(self, children):
        return children[0] if isinstance(children[0], str) else str(children[0])

    def subtext(self, children):
        return "".join(str(c).lstrip("\\") for c in children)

    def letter(self, children):
        text = str(children[0])
        return "l" if text == "\\ell" else text

    def greek(self, children):
        return str(children[0])[1:]

    def word(self, children):
        return str(children[0])

    def accent(self, children):
        accent = str(children[0]).lstrip("\\").replace("overline", "bar").replace("wide", "")
        return f"{children[1]}{accent}"

    def font(self, children):
        return children[-1]

    def multi_letter(self, children):
        return str(children[-1]).replace(" ", "")


def _function_word(token) -> str:
    text = str(token)
    for word in sorted(_FUNCTIONS, key=len, reverse=True):  # tanh before tan
        if word in text:
            return word
    raise UsageError(f"unknown function {text}")


def define_function(head, argument, body) -> tuple:
    """A given ``f(t) = body`` as the definition of the function ``f``."""
    if not isinstance(argument, Symbol):
        raise UsageError(f"define a function at a letter, f(t) = …, not at {argument}")
    return head, Lambda(argument, body)
