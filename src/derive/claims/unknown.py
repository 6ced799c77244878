"""Claims about unknown functions (``f(x + y) = f(x) + f(y)``, γ(t) undeclared): proved only
when the claim holds with the function left arbitrary (the difference simplifies to zero as
written); refuted by a concrete function for which it fails; otherwise undecided, with the
functions tried. One instance that agrees proves nothing.

Example:
    >>> from sympy import Function, Symbol
    >>> f, x, y = Function("f"), Symbol("x", real=True), Symbol("y", real=True)
    >>> [name for name, _ in instances([f])][:3]
    ['exp', 'sin', 'a cubic']
"""

from __future__ import annotations

from sympy import Lambda, Rational, Symbol, exp, simplify, sin
from sympy.core.function import AppliedUndef

_U = Symbol("u_", real=True)


def unknown_functions(*exprs) -> list:
    """The unknown functions applied in ``exprs``, in a stable order."""
    found = set()
    for expr in exprs:
        if hasattr(expr, "atoms"):
            found |= {a.func for a in expr.atoms(AppliedUndef)}
    return sorted(found, key=str)


def instances(functions: list) -> list:
    """Concrete functions to try for every unknown one: exp, sin, and a cubic with rational
    coefficients no one would pick (deterministic)."""
    cubic = Lambda(_U, Rational(3, 7) * _U**3 - Rational(5, 11) * _U**2 + Rational(2, 13) * _U + 1)
    tries = [("exp", Lambda(_U, exp(_U))), ("sin", Lambda(_U, sin(_U))), ("a cubic", cubic)]
    return [(name, {f: value for f in functions}) for name, value in tries]


def arbitrary_proof(lhs, rhs) -> bool:
    """Whether ``lhs − rhs`` simplifies to zero with the functions left arbitrary."""
    try:
        return simplify(lhs - rhs) == 0
    except (TypeError, ValueError, AttributeError):
        return False


def substitute(expr, mapping: dict):
    """``expr`` with each unknown function replaced by its concrete instance."""
    for function, value in mapping.items():
        expr = expr.replace(function, value)
    return expr.doit() if hasattr(expr, "doit") else expr
