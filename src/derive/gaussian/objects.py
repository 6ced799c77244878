"""Symbolic objects of probability: normal laws, densities, expectations, KL divergences.

They stay unevaluated: a derivation writes them as a textbook does, the renderers print them
in the source's notation, and only the checker (:mod:`derive.gaussian.reduce`) turns them into
closed forms, by a route of its own.

Example:
    >>> from sympy import symbols
    >>> mu, s = symbols("mu sigma", positive=True)
    >>> x = symbols("x", real=True)
    >>> P = Normal(mu, s**2, "P")
    >>> Expectation((x - mu)**2, x, P)
    Expectation((-mu + x)**2, x, Normal(mu, sigma**2, P))
"""

from __future__ import annotations

from sympy import Basic, Expr, MatrixBase, Symbol, Tuple, sympify
from sympy.core.symbol import Str

from ..core.statements import Distributed, PositiveDefinite, Proportional


def _label(label: str | Str | None) -> Str:
    return label if isinstance(label, Str) else Str(label or "")


class RandomVariable(Symbol):
    """A random variable's name (``X``): a real symbol that sorts after the constants, so that
    ``a*X`` prints as ``a·X``. Its law is declared by the derivation that uses it.

    Example:
        >>> from sympy import Symbol
        >>> X, a = RandomVariable("X"), Symbol("a")
        >>> (X * a).args
        (a, X)
    """

    random_variable = True  # the kernel's protocol: a symbol that is a random variable

    def __new__(cls, name: str, **assumptions):
        assumptions.setdefault("real", True)
        return super().__new__(cls, name, **assumptions)

    @classmethod
    def class_key(cls):
        return 2, 1, cls.__name__


class Moments(Basic):
    """A law with a mean and a variance, optionally named (``P``) for printing."""

    def __new__(cls, mean, variance, label: str | Str | None = None):
        return super().__new__(cls, sympify(mean), sympify(variance), _label(label))

    mean = property(lambda self: self.args[0])
    variance = property(lambda self: self.args[1])
    label = property(lambda self: self.args[2].name)

    @property
    def free_symbols(self):
        return self.mean.free_symbols | self.variance.free_symbols


class Normal(Moments):
    """The normal law N(mean, variance), optionally named (``P``) for printing.

    Example:
        >>> Normal(0, 1).variance
        1
    """


class Law(Moments):
    """A law known only by its mean and variance (``p`` in a maximum-entropy argument).

    Expectations under it are linear, and those of polynomials of degree at most 2 follow from
    its two moments; everything else about it stays symbolic.

    Example:
        >>> Law(0, 1, "p").label
        'p'
    """


class Density(Expr):
    """The density of ``dist`` at ``point``: p(x), or N(x; mu, sigma^2) for an unnamed law.

    Example:
        >>> from sympy import Symbol
        >>> Density(Normal(0, 1), Symbol("x")).dist
        Normal(0, 1, )
    """

    is_commutative = True

    def __new__(cls, dist: Normal, point):
        return super().__new__(cls, dist, sympify(point))

    dist = property(lambda self: self.args[0])
    point = property(lambda self: self.args[1])


class Expectation(Expr):
    """E_{var ~ dist}[body]: the expectation of ``body`` over ``var`` drawn from ``dist``.

    ``var`` is bound: it is not a free symbol of the expectation. Without ``var`` and ``dist``,
    the expectation is over the derivation's declared random variables (printed E[body]).

    Example:
        >>> from sympy import Symbol
        >>> x = Symbol("x", real=True)
        >>> Expectation(x**2, x, Normal(0, 1)).free_symbols
        set()
        >>> Expectation(x**2).declared
        True
    """

    is_commutative = True

    def __new__(cls, body, var: Symbol | None = None, dist: Basic | None = None):
        if (var is None) != (dist is None):
            raise TypeError("give both the variable and its law, or neither")
        if var is None:
            return super().__new__(cls, sympify(body), Tuple(), Tuple())
        return super().__new__(cls, sympify(body), var, dist)

    body = property(lambda self: self.args[0])
    var = property(lambda self: self.args[1])
    dist = property(lambda self: self.args[2])
    declared = property(lambda self: self.args[1] == Tuple())

    @property
    def free_symbols(self):
        if self.declared:
            return self.body.free_symbols
        var = self.var
        bound = (
            set().union(*(e.free_symbols for e in var))
            if getattr(var, "is_Matrix", False) and not var.is_symbol
            else {var}
        )
        return (self.body.free_symbols - bound) | self.dist.free_symbols


class CharacteristicFunction(Expr):
    """φ_Z(t) = E[exp(i t Z)] for an expression ``Z`` of declared random variables.

    Example:
        >>> from sympy import symbols
        >>> X, Y, t = symbols("X Y t", real=True)
        >>> CharacteristicFunction(X + Y, t).argument
        X + Y
    """

    is_commutative = True

    def __new__(cls, argument, t: Symbol):
        return super().__new__(cls, sympify(argument), t)

    argument = property(lambda self: self.args[0])
    t = property(lambda self: self.args[1])


class Entropy(Expr):
    """The differential entropy h(P) = -E_P[log p(x)].

    Example:
        >>> Entropy(Normal(0, 1, "N")).law.label
        'N'
    """

    is_commutative = True

    def __new__(cls, law: Basic):
        return super().__new__(cls, law)

    law = property(lambda self: self.args[0])

    @property
    def free_symbols(self):
        return self.law.free_symbols


class Given(Basic):
    """``target | condition``: a random variable given another, the subject of a conditional
    law (``Distributed(Given(x_a, x_b), law)`` reads x_a | x_b ~ law).

    Example:
        >>> from sympy import Symbol
        >>> Given(Symbol("a"), Symbol("b")).condition
        b
    """

    def __new__(cls, target, condition):
        return super().__new__(cls, sympify(target), sympify(condition))

    target = property(lambda self: self.args[0])
    condition = property(lambda self: self.args[1])


class Both(Basic):
    """Two statements concluded together (``x_b ~ N(μ_b, Σ_bb)`` and ``x_a | x_b ~ N(m, S)``).

    Example:
        >>> from sympy import Symbol
        >>> a, b = Symbol("a"), Symbol("b")
        >>> Both(Distributed(a, Normal(0, 1)), Distributed(b, Normal(0, 1))).args[1].expr
        b
    """


class KL(Expr):
    """The Kullback–Leibler divergence D_KL(P ‖ Q) = E_P[log p(x) − log q(x)].

    Example:
        >>> KL(Normal(0, 1, "P"), Normal(1, 1, "Q")).args[0].label
        'P'
    """

    is_commutative = True

    def __new__(cls, p: Normal, q: Normal):
        return super().__new__(cls, p, q)

    p = property(lambda self: self.args[0])
    q = property(lambda self: self.args[1])

    @property
    def free_symbols(self):
        return self.p.free_symbols | self.q.free_symbols


def bound_symbols(var: Basic) -> set:
    """The symbols a bound variable stands for: itself, or the entries of an explicit vector.

    Example:
        >>> from sympy import ImmutableMatrix, symbols
        >>> a, b = symbols("a b")
        >>> sorted(map(str, bound_symbols(ImmutableMatrix([a, b]))))
        ['a', 'b']
    """
    if isinstance(var, MatrixBase):
        return set().union(*(entry.free_symbols for entry in var))
    return {var}


def density_as_written(point, mean, variance) -> Expr:
    """The normal density as textbooks write it: exp(-(x - μ)²/(2σ²)) / √(2πσ²).

    For printing a step; the checker uses its own formula
    (:func:`derive.gaussian.reduce.density_formula`).

    Example:
        >>> from sympy import symbols
        >>> x = symbols("x")
        >>> density_as_written(x, 0, 1)
        exp(-x**2/2)/(sqrt(2*pi))
    """
    from sympy import exp, pi

    from ..writing import over, root

    return over(exp(-((point - mean) ** 2) / (2 * variance)), root(2 * pi * variance))


def named_laws(*exprs: Basic) -> list[Normal]:
    """The named normal laws that occur in ``exprs``, in order of first appearance.

    Example:
        >>> P, Q = Normal(0, 1, "P"), Normal(1, 2, "Q")
        >>> [law.label for law in named_laws(KL(P, Q), KL(Q, P))]
        ['P', 'Q']
    """
    seen: dict[Normal, None] = {}
    for expr in exprs:
        for node in _preorder(expr):
            if isinstance(node, Moments) and node.label and node not in seen:
                seen[node] = None
    return list(seen)


def _preorder(expr: Basic):
    yield expr
    for arg in expr.args:
        yield from _preorder(arg)


__all__ = [
    "KL",
    "RandomVariable",
    "density_as_written",
    "CharacteristicFunction",
    "Density",
    "Distributed",
    "Entropy",
    "Expectation",
    "Law",
    "Moments",
    "Normal",
    "PositiveDefinite",
    "Proportional",
    "named_laws",
]
