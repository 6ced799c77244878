"""Claims about unknown functions: proved for every function, or refuted by a concrete one.

An undefined function ``f`` in a step stands for every function (every positive one, if ``f``
was made positive: it is then tried with exponentials of the candidates). A symbolic proof that
keeps ``f`` abstract covers them all; otherwise the step is tried with concrete functions put in
for ``f`` (an exponential, a random quadratic polynomial, a sine plus a line, a cubic, each of a
random weighted sum of the arguments for a function of several): one that makes the sides
differ refutes the step, and agreement for all of them proves nothing. This is the one place
both the derivations' checker and ``derive check`` try functions.

Example:
    >>> from sympy import Function, Symbol
    >>> f, x, y = Function("f"), Symbol("x", real=True), Symbol("y", real=True)
    >>> shown, left, right = next(instances(f(x + y), f(x) + f(y), seed=1))
    >>> shown, left, right
    ('f(u) = exp(u)', exp(x + y), exp(x) + exp(y))
"""

from __future__ import annotations

import random

from sympy import Basic, Function, Lambda, Rational, Symbol, exp, sin
from sympy.core.function import AppliedUndef

KINDS = 4  # concrete functions tried for each unknown one

REAL = "a real-valued function (assumed by the proof that leaves it arbitrary)"


def undefined_functions(*exprs: Basic) -> list:
    """The undefined functions applied in ``exprs``, sorted by name.

    Example:
        >>> from sympy import Function, Symbol
        >>> x = Symbol("x")
        >>> undefined_functions(Function("g")(x) + Function("f")(x, x))
        [f, g]
    """
    found = {node.func for e in exprs if isinstance(e, Basic) for node in e.atoms(AppliedUndef)}
    return sorted(found, key=lambda f: f.__name__)


def real_valued(left: Basic, right: Basic) -> tuple:
    """``left`` and ``right`` with every undefined function not already real-valued made so,
    and the assumptions that says (the functions of a claim about numbers are real).

    Example:
        >>> from sympy import Function, Symbol, conjugate
        >>> x = Symbol("x", real=True)
        >>> l, r, assumed = real_valued(conjugate(Function("f")(x)), Function("f")(x))
        >>> l == r, assumed
        (True, ('f: a real-valued function (assumed by the proof that leaves it arbitrary)',))
    """
    swap = {
        f: Function(f.__name__, real=True)
        for f in undefined_functions(left, right)
        if not _positive(f)  # a positive function is real already, and stays positive
    }
    swap = {f: g for f, g in swap.items() if f != g}
    for f, g in swap.items():
        left, right = left.replace(f, g), right.replace(f, g)
    return left, right, tuple(f"{f.__name__}: {REAL}" for f in swap)


def instances(left: Basic, right: Basic, seed: int):
    """Triples (description, left, right) with every undefined function replaced by a
    concrete one, one kind of candidate for all functions at a time (see the module)."""
    functions = undefined_functions(left, right)
    applied = left.atoms(AppliedUndef) | right.atoms(AppliedUndef)
    for kind in range(KINDS):
        mapping, shown = {}, []
        for offset, function in enumerate(functions):
            arity = max(len(node.args) for node in applied if node.func == function)
            concrete = _concrete(arity, seed + offset, kind)
            if _positive(function) and kind:  # a positive function is tried with positive ones
                concrete = Lambda(concrete.variables, exp(concrete.expr))
            mapping[function] = concrete
            variables = ", ".join(map(str, concrete.variables))
            shown.append(f"{function.__name__}({variables}) = {concrete.expr}")
        yield "; ".join(shown), _apply(left, mapping), _apply(right, mapping)


def _concrete(arity: int, seed: int, kind: int) -> Lambda:
    """A function of ``arity`` arguments of the ``kind``-th sort, with seeded coefficients."""
    rng = random.Random(seed * KINDS + kind)
    names = [chr(ord("u") + i) for i in range(arity)] if arity <= 3 else None
    arguments = tuple(Symbol(names[i] if names else f"u{i}", real=True) for i in range(arity))

    def coefficient():
        return Rational(rng.randint(-9, 9) or 1, rng.randint(2, 7))

    # a function of several arguments sees them with unequal weights, so that it is not
    # symmetric in them (f(x, y) = f(y, x) must fail)
    weights = [1]
    while len(weights) < arity:
        weight = Rational(rng.randint(2, 19), rng.randint(2, 7))
        weights += [] if weight in weights else [weight]
    inner = sum(w * a for w, a in zip(weights, arguments, strict=True))
    if kind == 0:
        return Lambda(arguments, exp(inner))
    if kind == 1:
        body = sum(coefficient() * a**2 + coefficient() * a for a in arguments) + coefficient()
        if arity > 1:
            body += coefficient() * arguments[0] * arguments[1]
        return Lambda(arguments, body)
    if kind == 2:
        return Lambda(arguments, sin(inner) + coefficient() * inner)
    return Lambda(arguments, coefficient() * inner**3 + coefficient() * inner**2 + coefficient())


def _positive(function) -> bool:
    """Whether an undefined function was made positive (``Function("f", positive=True)``)."""
    return function(Symbol("u", real=True)).is_positive is True


def _apply(expr: Basic, mapping: dict) -> Basic:
    return expr.replace(
        lambda node: isinstance(node, AppliedUndef) and node.func in mapping,
        lambda node: mapping[node.func](*node.args),
    )
