"""Claims about unknown functions: proved for every function, or refuted by a concrete one.

An undefined function ``f`` in a step stands for every function. A symbolic proof that keeps
``f`` abstract covers them all; otherwise the step is tried with concrete functions put in for
``f`` (an exponential, a polynomial with random rational coefficients, a sine): one that makes
the sides differ refutes the step, and agreement for all of them proves nothing.

Example:
    >>> from sympy import Function, Symbol
    >>> f, x, y = Function("f"), Symbol("x", real=True), Symbol("y", real=True)
    >>> shown, left, right = next(instances(f(x + y), f(x) + f(y), seed=1))
    >>> shown, left, right
    ('f(u) = exp(u)', exp(x + y), exp(x) + exp(y))
"""

from __future__ import annotations

import random

from sympy import Basic, Lambda, Rational, Symbol, exp, sin
from sympy.core.function import AppliedUndef


def undefined_functions(*exprs: Basic) -> list:
    """The undefined functions applied in ``exprs``, sorted by name."""
    found = {node.func for e in exprs for node in e.atoms(AppliedUndef)}
    return sorted(found, key=lambda f: f.__name__)


def instances(left: Basic, right: Basic, seed: int):
    """Pairs (description, left, right) with every undefined function replaced by a concrete
    one, one choice of candidate per function at a time."""
    functions = undefined_functions(left, right)
    for choice in range(3):
        mapping, shown = {}, []
        for offset, function in enumerate(functions):
            applied = left.atoms(AppliedUndef) | right.atoms(AppliedUndef)
            arity = max(len(node.args) for node in applied if node.func == function)
            concrete = _concrete(arity, seed + offset, choice)
            mapping[function] = concrete
            variables = ", ".join(map(str, concrete.variables))
            shown.append(f"{function.__name__}({variables}) = {concrete.expr}")
        yield "; ".join(shown), _apply(left, mapping), _apply(right, mapping)


def _concrete(arity: int, seed: int, choice: int) -> Lambda:
    """An exponential, a random quadratic polynomial, or a sine plus a line, of ``arity``
    arguments."""
    rng = random.Random(seed)
    names = [chr(ord("u") + i) for i in range(arity)] if arity <= 3 else None
    arguments = tuple(Symbol(names[i] if names else f"u{i}", real=True) for i in range(arity))

    def coefficient():
        return Rational(rng.randint(-9, 9) or 1, rng.randint(2, 7))

    total = sum(arguments)
    if choice == 0:
        return Lambda(arguments, exp(total))
    if choice == 1:
        body = sum(coefficient() * a**2 + coefficient() * a for a in arguments) + coefficient()
        if arity > 1:
            body += coefficient() * arguments[0] * arguments[1]
        return Lambda(arguments, body)
    return Lambda(arguments, sin(total) + coefficient() * total)


def _apply(expr: Basic, mapping: dict) -> Basic:
    return expr.replace(
        lambda node: isinstance(node, AppliedUndef) and node.func in mapping,
        lambda node: mapping[node.func](*node.args),
    )
