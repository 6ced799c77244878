"""From a parse tree of the claim language to SymPy objects the checker knows.

``e`` is Euler's number, ``i`` the imaginary unit, ``\\pi`` π.

Names are built as the derivations spell them (``\\sigma_1`` is ``sigma_1``, ``\\bar\\alpha_t``
is ``alphabar_t``), so that a claim can use the symbols of a notation profile (``\\beta_t`` is
the family member β[t]) and the named results of the derivations (``\\tilde\\beta_t``).
``\\mathbf{x}`` and ``\\boldsymbol{\\mu}`` name the same symbol as ``x`` and ``\\mu``.

In a multivariate claim (one that transposes, takes a trace or a determinant, or writes Σ),
capital letters are n×n matrices, other letters n-vectors, and ``n`` the dimension.

Example:
    >>> from derive.claims.parse import parse
    >>> build(parse("a + b = b + a")).kind
    'equal'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Token, Transformer, Tree
from lark.exceptions import VisitError
from sympy import (
    Abs,
    Derivative,
    Determinant,
    E,
    Expr,
    Function,
    I,
    Identity,
    Integer,
    Inverse,
    MatMul,
    MatrixExpr,
    MatrixSymbol,
    Pow,
    Rational,
    Subs,
    Sum,
    Symbol,
    Trace,
    Transpose,
    exp,
    log,
    pi,
    root,
    sqrt,
    symbols,
)

from ..diffusion import ConditionalDensity, DivergenceKL, ExpectationUnder
from ..errors import UsageError
from ..gaussian import (
    KL,
    CharacteristicFunction,
    Density,
    Entropy,
    Expectation,
    Moments,
    MvNormal,
    Normal,
    RandomVariable,
    Scalar,
)

DIMENSION = symbols("n", integer=True, positive=True)
MAX_EXPONENT = 10_000  # a larger numeric power stays unevaluated
_MATRIX_MARKS = {"top", "trace", "det", "identity", "norm"}
_CAPITAL_GREEK = {"Sigma", "Lambda", "Delta", "Gamma", "Omega", "Phi", "Psi", "Theta", "Pi"}


class IllFormed(Exception):
    """A claim that is not well-formed mathematics (a product of matrices whose shapes do not
    match): it is false as written, not an input error."""


@dataclass
class Claim:
    """A parsed claim: ``kind`` (equal, proportional, distributed), both sides, and what the
    builder learnt (symbols that are variances, hence positive)."""

    kind: str
    lhs: object
    rhs: object
    matrix: bool = False
    positive: set = field(default_factory=set)


def is_matrix_claim(tree: Tree) -> bool:
    """Whether a claim is multivariate: it transposes, takes a trace or determinant, or uses a
    capital Greek letter (Σ)."""
    for node in tree.iter_subtrees():
        if node.data in _MATRIX_MARKS:
            return True
        if node.data == "pow" and _letter(node.children[1]) == "T":
            return True
        for child in node.children:
            if isinstance(child, Token) and child.type == "GREEK" and child[1:] in _CAPITAL_GREEK:
                return True
    return False


def _vector_names(tree: Tree) -> set:
    """The lower-case names a multivariate claim uses as vectors: transposed, a normal law's
    mean or a density's point, or inside a norm. Other lower-case names are numbers (σ_t² I)."""
    places = []
    for node in tree.iter_subtrees():
        if node.data == "pow" and (_letter(node.children[1]) == "T" or _is_top(node.children[1])):
            places.append(node.children[0])
        elif node.data in ("law", "density"):
            places += node.children[1:-1]
        elif node.data == "norm":
            places += node.children
    names = set()
    reader = _Builder(frozenset(), {}, False, {}, {})
    for place in places:
        if not isinstance(place, Tree):
            continue
        for found in (*place.find_data("symbol"), *place.find_data("ascii_indexed")):
            symbol = reader.transform(found)
            if isinstance(symbol, Symbol):
                names.add(symbol.name)
    return names


def _density_labels(tree: Tree) -> set:
    """Letters that name densities: the q of q(a | b), and any letter applied to arguments
    under E_{...} or inside D_KL(...)."""
    labels = set()
    for node in tree.iter_subtrees():
        heads = []
        if node.data == "cdensity":
            heads.append(node.children[0])
        elif node.data in ("expectation_density", "kl"):
            heads += [
                c.children[0]
                for c in node.children
                if isinstance(c, Tree) and c.data in ("application", "cdensity")
            ]
        for head in heads:
            symbol = _Builder(frozenset(), {}, False, {}, {}).transform(head)
            labels.add(symbol.name)
    return labels


def _is_top(node) -> bool:
    return isinstance(node, Tree) and node.data == "top"


def _letter(node) -> str | None:
    if isinstance(node, Tree) and node.data == "letter":
        return str(node.children[0])
    return None


def build(
    tree: Tree,
    random: frozenset = frozenset(),
    families: dict | None = None,
    named: dict | None = None,
    known: dict | None = None,
) -> Claim:
    """The claim ``tree`` as SymPy: ``random`` names the declared random variables; ``families``
    maps a name (``beta``) to the indexed family of a notation profile; ``named`` holds the
    named results (``betatilde_t``), which may be written applied to arguments; ``known`` maps
    printed names to the symbols of a derivation (``sigma`` to its positive σ), so that what a
    derivation prints reads back as its own symbols."""
    matrix = is_matrix_claim(tree)
    builder = _Builder(random, families or {}, matrix, named or {}, known or {})
    builder.vectors = _vector_names(tree) if matrix else set()
    builder.labels = _density_labels(tree)
    try:
        kind, lhs, rhs = builder.transform(tree)
    except VisitError as error:
        if isinstance(error.orig_exc, (UsageError, IllFormed)):
            raise error.orig_exc from None
        raise UsageError(f"cannot read the claim: {error.orig_exc}") from None
    return Claim(kind, lhs, rhs, matrix, builder.positive)


class _Builder(Transformer):
    def __init__(self, random, families, matrix, named, known):
        super().__init__()
        self.random, self.families, self.matrix, self.named = random, families, matrix, named
        self.known = known
        self.vectors: set = set()
        self.labels: set = set()
        self.positive: set = set()

    # --- claims -------------------------------------------------------------------------------
    def start(self, children):
        return children[0]

    def equal(self, children):
        return ("equal", children[0], children[1])

    def proportional(self, children):
        return ("proportional", children[0], children[2])

    def distributed(self, children):
        return ("distributed", children[0], children[2])

    # --- arithmetic ---------------------------------------------------------------------------
    def add(self, children):
        return _combine(children[0], children[1], 1)

    def sub(self, children):
        return _combine(children[0], children[1], -1)

    def mul(self, children):
        left, right = children[0], children[-1]
        if all(isinstance(_matrix(s), MatrixExpr) for s in (left, right)):
            _aligned(_matrix(left), _matrix(right))
        if any(isinstance(s, MatrixExpr) for s in (left, right)):
            return _scalar(MatMul(_matrix(left), _matrix(right)).doit(deep=False))
        return left * right

    def div(self, children):
        return children[0] / _number(children[1])

    def neg(self, children):
        return -children[0]

    def pow(self, children):
        base, exponent = children
        if exponent == "T":
            return Transpose(base)
        if isinstance(exponent, str):  # x^n, x^\alpha: a letter as the exponent
            exponent = self._make(exponent, None)
        if isinstance(base, MatrixExpr) and exponent == -1:
            return Inverse(base)
        if base == E:
            return exp(_number(exponent))
        if _huge(base, exponent):  # 10^{10^{10}}: kept as written, never multiplied out
            return Pow(base, exponent, evaluate=False)
        return _number(base) ** _number(exponent)

    def top(self, _):
        return "T"

    def prime(self, children):
        (inner,) = children
        return (
            Symbol(f"{inner.name}'", **inner.assumptions0) if isinstance(inner, Symbol) else inner
        )

    def frac(self, children):
        return self.div([children[1], children[2]])

    def sqrt(self, children):
        return sqrt(_number(children[-1]))

    def root(self, children):
        return root(_number(children[-1]), children[-2])

    def log(self, children):
        return log(_number(children[-1]))

    def exp(self, children):
        return exp(_number(children[-1]))

    def group(self, children):
        return children[0]

    def number(self, children):
        return Rational(str(children[0]))

    def digit(self, children):
        return Integer(str(children[0]))

    def bars(self, children):
        (inner,) = children
        return Determinant(inner) if isinstance(inner, MatrixExpr) else Abs(inner)

    def norm(self, children):
        (inner,) = children
        if isinstance(inner, MatrixExpr):
            return sqrt(Scalar(MatMul(Transpose(inner), inner)))
        return Abs(inner)

    def det(self, children):
        return Determinant(_matrix(children[-1]))

    def trace(self, children):
        return Trace(_matrix(children[-1]))

    def identity(self, _):
        return Identity(DIMENSION)

    # --- probability --------------------------------------------------------------------------
    def law(self, children):
        mean, variance = children[1], children[2]
        self._variance(variance)
        if self.matrix:
            return MvNormal(_matrix(mean), variance)
        return Normal(mean, variance)

    def density(self, children):
        point, mean, variance = children[1:]
        law = self.law([None, mean, variance])
        return Density(law, point)

    def kl(self, children):
        p, q = children[1], children[3]
        if all(isinstance(side, ConditionalDensity) for side in (p, q)):
            return DivergenceKL(p, q)
        if not all(isinstance(side, Moments) for side in (p, q)):
            raise UsageError("D_KL takes two normal laws, D_KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²))")
        return KL(p, q)

    def entropy(self, children):
        if not isinstance(children[1], Normal):
            raise UsageError("h(...) takes a normal law, h(N(μ, σ²))")
        return Entropy(children[1])

    def expectation(self, children):
        return Expectation(children[-1])

    def expectation_under(self, children):
        var, law, body = children[1], children[3], children[4]
        if not isinstance(law, Moments):
            raise UsageError("E_{x ~ law}[...] takes a normal law")
        return Expectation(body, var, law)

    def cdensity(self, children):
        head, targets, _, conditions = children
        return ConditionalDensity(targets, conditions, _label(head))

    def exprs(self, children):
        return tuple(children)

    def application(self, children):
        head, argument = children[0], children[-1]
        primes = len(children[1]) if len(children) == 3 else 0
        if isinstance(head, (Symbol, MatrixSymbol)) and head.name in self.labels and not primes:
            return ConditionalDensity((argument,), (), _label(head))
        if primes and isinstance(head, Symbol):  # f'(a): the derivative of a function f at a
            u = Symbol("u", real=True)
            return Subs(Derivative(Function(head.name)(u), (u, primes)), u, argument)
        return self.mul([head, argument])

    def expectation_density(self, children):
        density, body = children[1], children[2]
        if not isinstance(density, ConditionalDensity):
            raise UsageError("E_{...} takes a law 'x \\sim N(m, v)' or a density 'q(a | b)'")
        return ExpectationUnder(body, density)

    def sum_over(self, children):
        _, index, lower, upper, body = children
        index = symbols(index, integer=True, positive=True)
        if isinstance(upper, str):
            upper = self._make(upper, None)
        return Sum(body, (index, lower, upper))

    def variance(self, children):
        body = children[-1]
        return Expectation(body**2) - Expectation(body) ** 2

    def charfn(self, children):
        argument = children[1]
        if isinstance(argument, str):  # φ_X: the letter names a variable
            argument = self._make(argument, None)
        return CharacteristicFunction(argument, children[2])

    def call(self, children):
        head = children[0]
        if head in self.named:  # \tilde{\mu}_t(x_t, x_0): the arguments are the result's own
            return head
        raise UsageError(
            f"'{head}' is applied to arguments, but it is not a function derive knows "
            "(named results: \\tilde{\\mu}_t(x_t, x_0))"
        )

    # --- symbols ------------------------------------------------------------------------------
    def symbol(self, children):
        name = children[0]
        sub = children[1] if len(children) > 1 else None
        return self._make(name, sub)

    def ascii_indexed(self, children):
        return self._make(children[0], str(children[1]))

    def subscript(self, children):
        return children[0] if isinstance(children[0], str) else str(children[0])

    def subtext(self, children):
        return "".join(str(c) for c in children)

    def letter(self, children):
        return str(children[0])

    def greek(self, children):
        return str(children[0])[1:]

    def word(self, children):
        return str(children[0])

    def accent(self, children):
        accent = str(children[0]).lstrip("\\").replace("overline", "bar").replace("wide", "")
        return f"{children[1]}{accent}"

    def font(self, children):
        return children[1]

    def _make(self, name: str, sub) -> Expr:
        sub = None if sub is None else str(sub)
        if sub is None and name in {"pi"}:
            return pi
        if sub is None and name == "e":
            return E
        if sub is None and name == "i":  # the imaginary unit, as in φ_X(t) = E[e^{itX}]
            return I
        family = self.families.get(name)
        if family is not None and sub is not None:
            return family[_index(sub)]
        braces = sub is not None and not sub.isalnum()  # x_{t-1}; but Sigma_bb, mu_new
        full = name if sub is None else f"{name}_{{{sub}}}" if braces else f"{name}_{sub}"
        if full in self.known:
            return self.known[full]
        if full in self.random:
            return RandomVariable(full)
        if Symbol(full, real=True) in self.named:
            return Symbol(full, real=True)
        if self.matrix and full == "I":
            return Identity(DIMENSION)
        if full == "n" and self.matrix:
            return DIMENSION
        capital = name[:1].isupper() or name in _CAPITAL_GREEK
        if self.matrix and (capital or full in self.vectors):
            return MatrixSymbol(full, DIMENSION, DIMENSION if capital else 1)
        positive = name.startswith("sigma")
        return Symbol(full, positive=True) if positive else Symbol(full, real=True)

    def _variance(self, variance):
        """Variances are positive: a symbol written as the variance, or squared there."""
        if isinstance(variance, Symbol):
            self.positive.add(variance)
        elif variance.is_Pow and isinstance(variance.base, Symbol) and variance.exp == 2:
            self.positive.add(variance.base)


def _label(head) -> str:
    """The name of a density's letter (``q``, ``p_theta``)."""
    return head.name if hasattr(head, "name") else str(head)


def _index(sub: str) -> Expr:
    """A subscript as an index: t, t-1, t+1, 1, T."""
    t, big = symbols("t", integer=True, positive=True), symbols("T", integer=True, positive=True)
    value = {"t": t, "T": big}
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


def _aligned(left, right) -> None:
    """Raise :class:`IllFormed` unless ``left`` has as many columns as ``right`` has rows."""
    if (left.shape[1] - right.shape[0]) != 0:
        from ..render.printers import text

        shapes = [f"{text(m.shape[0])}×{text(m.shape[1])}" for m in (left, right)]
        raise IllFormed(
            f"{text(left)} ({shapes[0]}) times {text(right)} ({shapes[1]}) is not defined"
        )


def _huge(base, exponent) -> bool:
    """Whether base^exponent would be a number too large to write out."""
    numbers = getattr(base, "is_number", False) and getattr(exponent, "is_number", False)
    if not numbers or base in (0, 1, -1):
        return False
    try:
        return abs(exponent) > MAX_EXPONENT
    except TypeError:
        return True


def _number(expr):
    if isinstance(expr, MatrixExpr) and expr.shape == (1, 1):
        return Scalar(expr)
    return expr


def _scalar(expr):
    if isinstance(expr, MatrixExpr) and expr.shape == (1, 1):
        return Scalar(expr)
    return expr


def _matrix(expr):
    return expr.matrix if isinstance(expr, Scalar) else expr


def _combine(left, right, sign):
    matrices = [isinstance(side, MatrixExpr) and side.shape != (1, 1) for side in (left, right)]
    if all(matrices):
        if left.shape != right.shape:
            raise IllFormed(f"a sum of matrices of shapes {left.shape} and {right.shape}")
        return left + sign * right
    if any(matrices):
        raise IllFormed("a sum of a matrix and a number")
    return _number(left) + sign * _number(right)
