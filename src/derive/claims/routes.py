"""The routes of a decision besides the kernel's check of the relation: exact rationals,
closed-form calculus, elementary proofs, the law of a linear combination of independent
normals, inequalities (refuted, never proved) and claims about unknown functions; and the
settling of a decision from a kernel verdict.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\int_0^t 2s \\, ds = t^2").kind
    'holds'
"""

from __future__ import annotations

from sympy import Basic, Symbol

from . import laws as law_checks
from .decide import Decision


def probability_types():
    from ..gaussian import KL, CharacteristicFunction, Density, Entropy, Expectation

    return (KL, CharacteristicFunction, Density, Entropy, Expectation)


INTEGRATION_CPU = 3  # seconds of CPU time one definite integral may take in closed form


def _integrated(integral):
    """``integral`` carried out within :data:`INTEGRATION_CPU`, else as written, for the checker
    to evaluate by quadrature: SymPy's heuristic integration spent minutes on integrals with no
    elementary closed form (the von Mises normaliser ∫ e^{m cos θ} dθ, the logit-normal density's
    ∫₀¹) and took the claim's whole time bound with it."""
    from ..core.timebound import time_bound
    from ..errors import CheckTimeout

    try:
        with time_bound(INTEGRATION_CPU):
            return integral.doit()
    except CheckTimeout:
        return integral


def calculus(main, context):
    """The claim with defined functions substituted and its definite integrals and derivatives
    of elementary functions carried out (SymPy's integrate and diff), so that the checker
    compares closed forms: ∫₀ᵗ β(s) ds with β(s) = a + bs is at + bt²/2."""
    from dataclasses import replace

    from sympy import Derivative, Integral
    from sympy.core.function import UndefinedFunction

    functions = {k: v for k, v in context.definitions.items() if isinstance(k, UndefinedFunction)}
    probability = probability_types()

    dependent = dependent_in((main.lhs, main.rhs), context.definitions)

    def carried(node):
        if node.has(*probability):
            return node
        if isinstance(node, Derivative):
            node = _dependent(node, context.definitions)
        done = _integrated(node) if isinstance(node, Integral) else node.doit()
        return node if done.has(Integral, Derivative) else done

    sides = []
    for side in (main.lhs, main.rhs):
        if not isinstance(side, Basic) or side.is_Matrix or getattr(side, "is_MatrixExpr", False):
            sides.append(side)
            continue
        side = side.xreplace(dependent)
        for function, value in functions.items():
            side = side.replace(function, value)
        side = side.xreplace(dependent)  # the letters the functions' bodies brought in
        finite = lambda e: isinstance(e, Integral) and all(len(lim) == 3 for lim in e.limits)  # noqa: E731
        side = side.replace(finite, carried)
        side = side.replace(lambda e: isinstance(e, Derivative), carried)
        sides.append(side)
    return replace(main, lhs=sides[0], rhs=sides[1])


def _dependent(node, definitions: dict):
    r"""A derivative whose body depends on its variable as the claim says: each defined letter
    replaced by its definition first (d/dφ z_φ with z_φ = cos φ·x + sin φ·ε), and a letter
    whose subscript names the variable and that nothing defines read as an unknown function of
    it (x_t under d/dt is x_t(t), never a constant whose derivative is 0).

    Example:
        >>> from sympy import Derivative, Symbol
        >>> t = Symbol("t", real=True)
        >>> _dependent(Derivative(Symbol("x_t", real=True), t), {})
        Derivative(x_t(t), t)
        >>> _dependent(Derivative(Symbol("x_{t-1}", real=True) + t, t), {}).doit()
        Derivative(x_{t-1}(t), t) + 1
    """
    from sympy import Derivative

    from ..core.checker import substitute

    body = substitute(node.expr, definitions) if definitions else node.expr
    applied = dependent_letters(Derivative(body, *node.variable_count))
    if not applied and body == node.expr:
        return node
    return Derivative(body.xreplace(applied), *node.variable_count)


def dependent_in(sides, definitions: dict) -> dict:
    """The letters a derivative of ``sides`` reads as functions of its variable (x_t under
    d/dt) that no given defines, each with that function: x_t is x_t(t) wherever the claim
    writes it, inside the derivative and out (2x_t·d/dt x_t is 2x_t(t)·x_t'(t))."""
    from sympy import Derivative, Expr, Symbol

    from ..core.checker import substitute

    found = {}
    for side in sides:
        if isinstance(side, Expr) and not side.is_Matrix:
            for node in side.atoms(Derivative):
                # through the definitions: σ_t in ψ_t(x) = σ_t x + μ_t under d/dt ψ_t(x)
                body = substitute(node.expr, definitions) if definitions else node.expr
                found.update(dependent_letters(Derivative(body, *node.variable_count)))
    found = {k: v for k, v in found.items() if k not in definitions}
    primes = {  # σ_t′ beside such a σ_t is its derivative (Lipman et al. 2023 write ψ_t′)
        Symbol(f"{k.name}'", **k.assumptions0): Derivative(v, v.args[0]) for k, v in found.items()
    }
    return {**found, **primes, **primes_of_defined(sides, definitions)}


def primes_of_defined(sides, definitions: dict) -> dict:
    r"""Each primed letter of ``sides`` whose unprimed letter a given defines, with the
    derivative it stands for: λ_t′ beside λ_t = 2 log((1 − t)/t) is dλ_t/dt (SD3 writes λ′_t),
    taken in the variable its subscript names, or in the one letter its definition depends on.
    A prime that names no such variable is an input error, never a fresh letter (which any
    value of would refute the claim).

    Example:
        >>> from sympy import Symbol, log
        >>> t = Symbol("t", real=True)
        >>> lam, primed = Symbol("lambda_t", real=True), Symbol("lambda_t'", real=True)
        >>> primes_of_defined([2 * primed], {lam: log(t)})
        {lambda_t': Derivative(lambda_t, t)}
    """
    import re

    from sympy import Derivative, Expr

    from ..core.checker import substitute
    from ..errors import UsageError

    letters = {k.name: k for k in definitions if isinstance(k, Symbol)}
    found = {}
    for side in sides:
        if not isinstance(side, Expr):
            continue
        for primed in side.free_symbols:
            if not (isinstance(primed, Symbol) and primed.name.endswith("'")):
                continue
            base = letters.get(primed.name.rstrip("'"))
            if base is None or primed in definitions:
                continue
            order = len(primed.name) - len(base.name)
            body = substitute(base, definitions)
            named = set(re.findall(r"\\?[A-Za-z]+", base.name.partition("_")[2]))
            variables = sorted(
                (v for v in body.free_symbols if v.name in named), key=lambda v: v.name
            ) or sorted(body.free_symbols, key=lambda v: v.name)
            if len(variables) != 1:
                among = ", ".join(v.name for v in variables) or "no letter"
                raise UsageError(
                    f"a prime on {base.name}, which a given defines in terms of {among}, does "
                    "not say which variable it differentiates in: write \\frac{d}{da}(...) "
                    "with the variable meant"
                )
            found[primed] = Derivative(base, (variables[0], order))
    return found


def dependent_letters(node) -> dict:
    r"""The letters of a derivative's body whose subscript names its variable, each with the
    unknown function of the variable it stands for (x_t under d/dt: x_t(t)).

    Example:
        >>> from sympy import Derivative, Symbol
        >>> t = Symbol("t", real=True)
        >>> dependent_letters(Derivative(Symbol("x_t", real=True) * Symbol("a"), t))
        {x_t: x_t(t)}
    """
    import re

    from sympy import Function, Symbol

    variables = [v for v, _ in node.variable_count if isinstance(v, Symbol)]
    applied = {}
    for letter in node.expr.free_symbols - set(variables):
        subscript = letter.name.partition("_")[2]
        if not subscript:
            continue
        names = set(re.findall(r"\\?[A-Za-z]+", subscript.strip("{}")))
        for variable in variables:
            if variable.name in names:  # x_t under d/dt, z_{\phi} under d/dφ
                positive = {"positive": True} if letter.is_positive else {}  # σ_t > 0 given
                applied[letter] = Function(letter.name, **positive)(variable)
    return applied


def elementary_proof(main, context) -> str:
    """A proof of an equation of elementary functions the checker only confirmed at points:
    the difference rewritten in exponentials simplifies to 0."""
    from sympy import Expr, Integral, exp, simplify

    from ..core.checker import substitute

    sides = [substitute(s, context.definitions) for s in (main.lhs, main.rhs)]
    if not all(isinstance(s, Expr) and s.is_commutative for s in sides) or main.matrix:
        return ""
    if any(s.atoms(*probability_types()) for s in sides):
        return ""
    try:
        difference = (sides[0] - sides[1]).rewrite(exp)
        zero = simplify(difference, doit=not difference.has(Integral)) == 0  # as symbolic.zero
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        return ""
    return "symbolic: the difference, in exponentials, simplifies to 0" if zero else ""


def exact(decision: Decision, main, context) -> Decision | None:
    """Sides whose difference is a rational number are compared exactly (1 + 10⁻⁶⁰ is not 1,
    2^(10⁴) + 1 is not 2^(10⁴)), after the definitions and closed forms are substituted."""
    from ..core.checker import substitute
    from ..core.verdict import Counterexample
    from ..gaussian import reduce

    if main.lhs == main.rhs:  # the sides read as one expression: true for every value
        return decision.settle(
            "holds", "symbolic: both sides are the same expression (definitions substituted)"
        )
    if main.matrix:
        return None
    difference, sides = main.lhs - main.rhs, (main.lhs, main.rhs)
    if not difference.is_Rational:
        laws = {v: substitute(law, context.definitions) for v, law in context.variables.items()}
        try:
            sides = [reduce(substitute(s, context.definitions), laws) for s in (main.lhs, main.rhs)]
        except (ValueError, TypeError, AttributeError, NotImplementedError):
            return None
        if not all(getattr(s, "is_Rational", False) for s in sides):
            return None
        difference = sides[0] - sides[1]
    if difference == 0:
        return decision.settle("holds", "exact: the difference of the sides is the number 0")
    decision.counterexample = Counterexample((), *sides, difference=difference)
    return decision.settle("fails", "exact: the sides differ by a nonzero number")


def settled(decision: Decision, verdict, main=None, context=None) -> Decision:
    """The decision from a kernel verdict; a refutation that makes a side non-real is no
    refutation of a real claim: for an equation ``main`` with powers of negative numbers, one
    is searched for where they are real (:mod:`derive.claims.negative_bases`)."""
    if (
        verdict.status == "refuted"
        and decision.real
        and outside(verdict.counterexample)
        and not in_declared(verdict.counterexample, decision.declared)
    ):
        return _outside(decision, verdict.counterexample, main, context)
    if verdict.status == "refuted":
        decision.counterexample = verdict.counterexample
        return decision.settle("fails", verdict.method)
    if verdict.status == "verified":
        from ..core.verdict import describe

        kind, sizes, points, digits = strength(verdict)
        return decision.settle(kind, describe(verdict), sizes, points, digits)
    if verdict.status == "ill-formed":  # the reader checked the shapes: the kernel's sizes did not
        decision.reason = f"the checker could not evaluate it at explicit sizes ({verdict.reason})"
        return decision
    decision.reason = verdict.reason
    return decision


def _outside(decision: Decision, example, main, context) -> Decision:
    """A decision whose only counterexample makes a side non-real: refuted where the powers
    of negative numbers are real, or undecided, saying what to declare."""
    from ..render.printers import latex, text

    if main is not None and main.kind == "equal" and not main.matrix:
        from .negative_bases import integer_exponent_points, undecided_reason

        found = integer_exponent_points(main.lhs, main.rhs, context)
        if found is not None and found.counterexample is not None:
            decision.counterexample = found.counterexample
            return decision.settle(
                "fails",
                "exact evaluation where every power of a negative base has an integer "
                "exponent (both sides real)",
            )
        if found is not None:
            decision.reason = undecided_reason(found)
            return decision
    # a letter negative at the point first: its sign is the one to declare ((xy)^a, x < 0)
    letters = [k for k, v in sorted(example.values, key=lambda kv: not _negative(kv[1]))]
    if not letters:  # a number: no domain to choose, the principal value is not real
        from .report import short

        side = "left" if outside_value(example.lhs) else "right"
        value = short(example.lhs if side == "left" else example.rhs)
        decision.reason = (
            f"the {side} side is not a real number (its principal value is {value}), and the "
            "claim compares real numbers: derive reads a power or root of a negative number "
            "by its principal value"
        )
        return decision
    decision.reason = (
        "the only counterexample found makes a side non-real, outside the domain the claim "
        f"implies; declare the letters' signs (e.g. --given '{latex(letters[0])} > 0')"
    )
    powers = _negative_powers(main)
    if powers:  # (−1)^x ∝ (−1)^{2x}: signs do not help, integers do
        exponent = powers[0].exp
        named = sorted(exponent.free_symbols, key=str)
        decision.reason = (
            f"the only counterexample found makes a side non-real, outside the domain the "
            f"claim implies: {text(powers[0])} is a real number only where {text(exponent)} "
            f"is an integer (its principal value); declare the domain meant, e.g. --given "
            f"'{latex(named[0])} \\in \\mathbb{{Z}}'"
        )
    return decision


def _negative(value) -> bool:
    return bool(getattr(value, "is_negative", False))


def _negative_powers(main) -> list:
    """The powers of a negative number with a letter in the exponent in the claim's sides."""
    if main is None:
        return []
    from .negative_bases import negative_powers

    return negative_powers(*(s for s in (main.lhs, main.rhs) if isinstance(s, Basic)))


def _non_real(decision: Decision, example) -> bool:
    """Whether a counterexample makes a side non-real where the claim means real numbers and
    the user declared nothing that puts the point in its domain."""
    return decision.real and outside(example) and not in_declared(example, decision.declared)


def in_declared(example, declared: set) -> bool:
    """Whether the counterexample's point lies in a domain the user declared (a ≠ 0, a ∈ ℝ):
    then a non-real side is the claim's own meaning there, not a point outside its domain."""
    names = {getattr(k, "name", str(k)) for k, _ in example.values}
    return bool(names) and names <= declared


def outside(example) -> bool:
    """Whether a counterexample has a side that is not a real number (a logarithm or a square
    root outside its domain)."""
    if example is None:
        return False
    return any(outside_value(value) for value in (example.lhs, example.rhs))


def outside_value(value) -> bool:
    """Whether ``value`` is a number that is not real."""
    try:
        number = complex(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return abs(number.imag) > 1e-30 * max(1.0, abs(number.real))


def strength(verdict):
    from .verdicts import strength_of

    return strength_of(verdict)


def about_functions(decision, main, context, functions) -> Decision:
    """A claim about unknown functions, decided by the kernel's one way of trying them
    (:mod:`derive.core.functions`): proved with them arbitrary, refuted by a concrete one, or
    undecided with the functions tried."""
    from ..core.checker import check_relation

    names = ", ".join(str(f) for f in functions)
    for side, other in ((main.lhs, main.rhs), (main.rhs, main.lhs)):
        if defines(side, other):
            decision.reason = (
                f"{side.func} is not defined, and the claim reads as its definition; define it "
                f"with --given '{side.func}(…) = …' (or, for a named result, use --notation)"
            )
            return decision
    proved = _by_stein(decision, main, context)
    if proved is not None:
        return proved
    verdict = check_relation(main.lhs, "=", main.rhs, context)
    if verdict.status == "unverified":
        decision.reason = (
            f"{names} is an unknown function, and the claim is not shown for every function: "
            f"{verdict.reason} (declare it, e.g. --given '{functions[0]}(t) = …')"
        )
        return decision
    decided = settled(decision, verdict)
    # a proof that took the functions as real-valued says so (the claim's numbers are real)
    decided.assumptions = sorted(set(decided.assumptions) | set(verdict.assumptions))
    return decided


def _by_stein(decision, main, context) -> Decision | None:
    """The claim proved for every unknown function by Stein's lemma (:mod:`.stein`), or None:
    only a proof of the rewritten claim is taken; anything else is decided as written."""
    from ..core.checker import check_relation
    from .names import Assumption
    from .stein import THEOREM, condition, unknown_in, with_stein

    rewritten = with_stein(main.lhs, main.rhs, context.variables)
    if rewritten is None:
        return None
    lhs, rhs, used = rewritten
    verdict = check_relation(lhs, "=", rhs, context)
    if verdict.status != "verified" or strength(verdict)[0] != "holds":
        return None
    decided = settled(decision, verdict)
    decided.method = f"{THEOREM}; then {decided.method}"
    assumed = condition(unknown_in(main.lhs, main.rhs), used)
    decided.assumptions = sorted(set(decided.assumptions) | {assumed} | set(verdict.assumptions))
    decided.readings = sorted(set(decided.readings) | {Assumption("", assumed, "a theorem")})
    return decided


def defines(side, other) -> bool:
    """Whether ``side`` is an unknown function at distinct letters (numbers or vectors: P₁(x)
    with x a vector) that ``other`` does not use: the claim then defines it rather than states
    something about it."""
    from sympy import MatrixSymbol
    from sympy.core.function import AppliedUndef

    return (
        isinstance(side, AppliedUndef)
        and all(isinstance(a, (Symbol, MatrixSymbol)) for a in side.args)
        and len(set(side.args)) == len(side.args)
        and not getattr(other, "has", lambda *_: False)(side.func)
    )


def inequality(decision, main, context) -> Decision:
    from ..core.checker import check_relation

    for left, relation, right in main.relations:
        if relation in (">", "\\gt", "\\ge", "\\geq", "\\geqslant"):
            left, right = right, left
        verdict = check_relation(left, "≤", right, context)
        if verdict.status == "refuted":
            decision.counterexample = verdict.counterexample
            return decision.settle("fails", verdict.method)
    decision.reason = "an inequality can be refuted here, not proved"
    return decision


def _constant(lhs, variables) -> bool:
    """Whether ``lhs`` is a number, or written only with the parameters of the declared laws
    (no random variable, no letter the givens leave undeclared)."""
    from sympy import Expr

    if not variables or not isinstance(lhs, Expr) or lhs.has(*variables):
        return False
    parameters = set().union(*(getattr(law, "free_symbols", set()) for law in variables.values()))
    return not lhs.is_Matrix and lhs.free_symbols <= parameters


def linear(decision, main, context) -> Decision | None:
    """``a·X + b·Y + c ~ N(m, v)``: compare the mean and the variance one by one."""
    from ..core.checker import check_relation, substitute
    from ..gaussian import Normal
    from ..render.printers import text

    if not isinstance(main.rhs, Normal):
        return None
    lhs = substitute(main.lhs, context.definitions)
    variables = {v: substitute(law, context.definitions) for v, law in context.variables.items()}
    from sympy import S

    moments = law_checks.linear_law(lhs, variables)
    route = "the law of a linear combination of independent normals"
    if moments is None and _constant(lhs, variables):  # X − X ~ N(0, 0): a point mass
        moments, route = (lhs, S.Zero), "a constant's law is the degenerate normal N(c, 0)"
        decision.notes.append("N(c, 0) is read as the point mass at c (the degenerate normal)")
    if moments is None:
        return None
    methods = []
    for what, value, claimed in zip(("mean", "variance"), moments, main.rhs.args[:2], strict=True):
        verdict = check_relation(value, "=", claimed, context)
        if verdict.status == "refuted" and _non_real(decision, verdict.counterexample):
            decision.reason = (  # as settled() says of a kernel verdict: no refutation there
                f"{route}: the only counterexample found for the {what} makes a side non-real, "
                "outside the domain the claim implies; declare the letters' signs"
            )
            return decision
        if verdict.status == "refuted":
            decision.counterexample = verdict.counterexample
            if not value.free_symbols and not claimed.free_symbols:
                return decision.settle(
                    "fails", f"{route}: {what} {text(value)}, claimed {text(claimed)}"
                )
            decision.notes.append(f"{what} {text(value)}, claimed {text(claimed)}")
            return decision.settle("fails", f"{route}: the {what}s differ")
        if verdict.status != "verified":
            decision.reason = f"{route}: the {what} is not decided ({verdict.reason})"
            return decision
        methods.append(verdict)
    kinds = [strength(v) for v in methods]
    weakest = max(kinds, key=lambda k: ("holds", "holds at sizes", "holds numerically").index(k[0]))
    return decision.settle(weakest[0], f"{route}: mean and variance agree", *weakest[1:])
