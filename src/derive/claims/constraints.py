"""Givens no check can build in (``0 \\le t \\le T``, ``\\sum_{t} p_t = 1``, ``a + b = 1`` among
letters declared elsewhere) are constraints: the checker's points are drawn without them, so a
counterexample found there proves nothing by itself. It does when it meets them: a point of
the claim's domain where every constraint holds, decided exactly, is a point of the domain the
givens state, and a counterexample there refutes the claim as given. A constraint that cannot
be evaluated at the point (a letter the point leaves free, a sum of unknown length) is not met.

Example:
    >>> from sympy import Symbol, Le, Rational
    >>> t, T = Symbol("t"), Symbol("T")
    >>> forms = {"0 \\\\le t \\\\le T": [Le(0, t), Le(t, T)]}
    >>> meets(forms, ["0 \\\\le t \\\\le T"], ((t, Rational(1, 2)), (T, 3)), {})
    True
    >>> meets(forms, ["0 \\\\le t \\\\le T"], ((t, 4), (T, 3)), {})
    False
"""

from __future__ import annotations

RELATIONS = {
    "<": "Lt",
    "\\lt": "Lt",
    ">": "Gt",
    "\\gt": "Gt",
    "\\le": "Le",
    "\\leq": "Le",
    "\\leqslant": "Le",
    "\\ge": "Ge",
    "\\geq": "Ge",
    "\\geqslant": "Ge",
    "\\neq": "Ne",
    "\\ne": "Ne",
}


def forms_of(givens) -> dict:
    """For each given (text, built given), the relations it states, as SymPy relationals: an
    equation of an ``=`` (or ``:=``) given, the links of an (in)equality chain; givens of other
    kinds state none here."""
    import sympy

    forms = {}
    for text, g in givens:
        try:
            if g.kind in ("equal", "define") and isinstance(g.rhs, sympy.Expr):
                forms[text] = [sympy.Eq(g.lhs, g.rhs, evaluate=False)]
            elif g.kind == "inequality":
                forms[text] = [
                    getattr(sympy, RELATIONS[relation])(left, right, evaluate=False)
                    for left, relation, right in g.relations
                ]
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return forms


def meets(forms: dict, constraints: list, values: tuple, definitions: dict) -> bool:
    """Whether every constraint holds, exactly, at the point ``values`` ((symbol, value)
    pairs), the givens' definitions substituted first."""
    from sympy import Expr, sympify, true

    from ..core.checker import substitute

    if not values:
        return False
    point = {getattr(k, "name", str(k)): sympify(v) for k, v in values}
    for text in constraints:
        if text not in forms:
            return False
        for relation in forms[text]:
            try:
                sides = [substitute(side, definitions) for side in relation.args]
                chosen = {
                    s: point[s.name] for side in sides for s in side.free_symbols if s.name in point
                }
                sides = [side.xreplace(chosen).doit() for side in sides]
                if not all(isinstance(s, Expr) and s.is_number for s in sides):
                    return False  # a letter the point leaves free, a sum of unknown length
                holds = relation.func(*sides)  # exact where the sides are exact
            except (TypeError, ValueError, AttributeError, RecursionError):
                return False
            if holds is not true:
                return False
    return True


TRIES = 48  # points drawn; only those meeting every constraint are compared


def refuted_within(main, context, forms: dict, constraints: list):
    """A counterexample to an equation at a point where every constraint holds, or None: points
    are drawn in the claim's domain (its declared and implied ranges), those meeting the
    constraints exactly are kept, and the sides are compared there exactly (a difference that
    is nonzero in exact arithmetic; a side that is not a real number there is no witness)."""
    from sympy import Expr

    from ..core.checker import substitute
    from ..core.compare import compare_values
    from ..core.sampling import _at_point, sample_points, seed_of
    from ..core.verdict import Counterexample

    if main.kind != "equal" or main.matrix or context.variables:
        return None  # random variables are the kernel's to sample
    sides = [substitute(s, context.definitions) for s in (main.lhs, main.rhs)]
    if not all(isinstance(s, Expr) and s.is_commutative for s in sides):
        return None
    symbols = set().union(*(s.free_symbols for s in sides))
    for text in constraints:
        for relation in forms.get(text, ()):
            for side in relation.args:
                symbols |= substitute(side, context.definitions).free_symbols
    symbols = sorted(symbols, key=lambda s: s.name)
    points = sample_points(symbols, context.ranges, seed_of(*sides), count=TRIES)
    for point in points:
        values = tuple(point.items())
        if not meets(forms, constraints, values, context.definitions):
            continue
        try:
            at = [_at_point(s, point).doit() for s in sides]
        except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, RecursionError):
            continue
        if not all(v.is_number and v.is_extended_real and v.is_finite for v in at):
            continue  # outside a side's domain (a root or log of a negative number), or unknown
        if compare_values(*at).outcome == "differ" and compare_values(*at).exact:
            return Counterexample(values, *at)
    return None
