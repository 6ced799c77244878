"""Unknown functions in a claim (``f(x + y) = f(x) + f(y)``, γ(t) undeclared): which they are,
and one function per number of arguments where a letter is applied to several. The claim is
then decided by the kernel's one way of trying functions (:mod:`derive.core.functions`):
proved only with the functions left arbitrary, refuted by a concrete one, else undecided.

Example:
    >>> from sympy import Function, Symbol
    >>> f, x, y = Function("f"), Symbol("x", real=True), Symbol("y", real=True)
    >>> unknown_functions(f(x + y) - f(x) - f(y))
    [f]
"""

from __future__ import annotations

from sympy import Function
from sympy.core.function import AppliedUndef


def unknown_functions(*exprs) -> list:
    """The unknown functions applied in ``exprs``, in a stable order."""
    found = set()
    for expr in exprs:
        if hasattr(expr, "atoms"):
            found |= {a.func for a in expr.atoms(AppliedUndef)}
    return sorted(found, key=str)


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
