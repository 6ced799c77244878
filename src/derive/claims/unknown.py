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

from sympy import Function, Lambda, Rational, exp, simplify, sin, symbols
from sympy.core.function import AppliedUndef


def unknown_functions(*exprs) -> list:
    """The unknown functions applied in ``exprs``, in a stable order."""
    found = set()
    for expr in exprs:
        if hasattr(expr, "atoms"):
            found |= {a.func for a in expr.atoms(AppliedUndef)}
    return sorted(found, key=str)


def instances(functions: list, arity: dict | None = None) -> list:
    """Concrete functions to try for every unknown one: exp, sin, and a cubic with rational
    coefficients no one would pick (deterministic), each of a weighted sum of the arguments
    for a function of several (``arity`` maps a function to its number of arguments)."""
    arity = arity or {}
    tries = []
    for name, outer in (("exp", exp), ("sin", sin), ("a cubic", _cubic)):
        mapping = {}
        for f in functions:
            args = symbols(f"u_1:{arity.get(f, 1) + 1}", real=True)
            inner = sum(Rational(k + 2, k + 1) ** k * a for k, a in enumerate(args))
            mapping[f] = Lambda(args, outer(inner))
        tries.append((name, mapping))
    return tries


def _cubic(u):
    return Rational(3, 7) * u**3 - Rational(5, 11) * u**2 + Rational(2, 13) * u + 1


def arities(*exprs) -> dict:
    """How many arguments each unknown function is applied to in ``exprs``."""
    found = {}
    for expr in exprs:
        if hasattr(expr, "atoms"):
            found.update({a.func: len(a.args) for a in expr.atoms(AppliedUndef)})
    return found


def one_arity_each(*exprs) -> dict:
    """For an unknown function applied with different numbers of arguments (ε_θ(z, c) and
    ε_θ(z), as classifier-free guidance writes its two networks), a replacement of each
    application by a function of its own per number of arguments: arbitrary functions of
    different arities are independent, and so they are tried."""
    seen: dict = {}
    for expr in exprs:
        for a in getattr(expr, "atoms", lambda *_: ())(AppliedUndef):
            seen.setdefault(a.func, set()).add(len(a.args))
    swap = {}
    for expr in exprs:
        for a in getattr(expr, "atoms", lambda *_: ())(AppliedUndef):
            if len(seen[a.func]) > 1:
                swap[a] = Function(f"{a.func}_{len(a.args)}", real=True)(*a.args)
    return swap


def arbitrary_proof(lhs, rhs) -> bool:
    """Whether ``lhs − rhs`` simplifies to zero with the functions left arbitrary."""
    from sympy import Function

    difference = lhs - rhs
    if hasattr(difference, "atoms"):  # the functions are real-valued, as the claim's numbers are
        real = {f: Function(str(f), real=True) for f in unknown_functions(difference)}
        for f, g in real.items():
            difference = difference.replace(f, g)
    try:
        return simplify(difference) == 0
    except (TypeError, ValueError, AttributeError):
        return False


def substitute(expr, mapping: dict):
    """``expr`` with each unknown function replaced by its concrete instance."""
    for function, value in mapping.items():
        expr = expr.replace(function, value)
    return expr.doit() if hasattr(expr, "doit") else expr
