"""Running the checks of one built claim: laws validated, expectations that do not exist set
apart, unknown functions tried with concrete ones, linear laws compared by their moments, and
everything else handed to the checker. The verdict lists the assumptions it used.

Example:
    >>> from derive.claims import decide
    >>> decide(r"3X \\sim N(30, 12)", (r"X \\sim N(10, 4)",)).method
    'the law of a linear combination of independent normals: variance 36, claimed 12'
"""

from __future__ import annotations

from sympy import Basic, I, MatrixSymbol, Symbol

from ..errors import CheckTimeout, UsageError
from ..gaussian import CharacteristicFunction
from . import laws as law_checks
from . import unknown
from .decide import Decision, assumption_lines, sampling_ranges
from .names import Assumption


def _probability_types():
    from ..gaussian import KL, CharacteristicFunction, Density, Entropy, Expectation

    return (KL, CharacteristicFunction, Density, Entropy, Expectation)


def run(claim, setup, declared, profile, implied, wrt, timeout, named) -> Decision:
    """The decision on the built claim ``setup`` (see :func:`derive.claims.decide.decide`)."""
    from ..core.checker import CheckContext
    from ..render.printers import latex, text

    main, variables = setup["main"], setup["variables"]
    definitions, names = setup["definitions"], setup["names"]
    if main.kind in ("member", "independent", "define", "conditional"):
        raise UsageError(f"{claim!r} is a given, not a claim; pass it with --given")
    readings = set(names.readings) | set(declared.readings)
    for s, (low, high) in implied.items():
        name = text(Symbol(s))
        shown = f"{'' if low is None else f'{text(low)} ≤ '}{name}"
        shown += "" if high is None else f" ≤ {text(high)}"
        readings.add(
            Assumption(
                name,
                shown,
                "implied by the claim: arguments of square roots and logarithms, variances",
            )
        )
    defined = {str(k) for k in definitions if isinstance(k, type)}
    readings = {r for r in readings if not (r.subject in defined and "unknown" in r.what)}
    for k in defined:
        readings.add(Assumption(k, "a function", "defined by --given"))
    for v, law in variables.items():
        readings.add(Assumption(text(v), f"a random variable, {text(law)}", "declared"))
    if len(variables) > 1:
        group = ", ".join(text(v) for v in variables)
        readings.add(Assumption(group, "independent", "declared by separate givens"))
    kinds = _kinds(main, variables, declared.spd)
    for m, kind in kinds.items():
        if kind == "spd" and m.name not in declared.spd:
            readings.add(
                Assumption(m.name, "symmetric positive definite", _spd_source(m, declared))
            )
    law_checks.validate(
        law_checks.laws_in(main.lhs, main.rhs, *variables.values(), *definitions.values()), kinds
    )
    symbol = {
        "equal": "=",
        "proportional": "∝",
        "distributed": "~",
        "question": "",
        "inequality": " ".join(r for _, r, _ in main.relations),
    }[main.kind]
    sides = [main.lhs] if main.rhs is None else [main.lhs, main.rhs]
    decision = Decision(
        claim,
        "undecided",
        read_as=f" {symbol} ".join(text(s) for s in sides).replace("  ", " "),
        latex=f" {symbol} ".join(latex(s) for s in sides),
    )
    decision.notes += _hints(main, variables, profile, names)
    free = set().union(*(s.free_symbols for s in sides if isinstance(s, Basic)))
    free |= set().union(*(v.free_symbols for v in definitions.values() if isinstance(v, Basic)))
    context = CheckContext(
        ranges=sampling_ranges(free, declared.ranges, implied, profile["ranges"]),
        timeout=timeout,
        variables=variables,
        definitions=definitions,
        matrices=kinds,
        sizes=_sizes(claim, main, names) if main.matrix else (),
    )
    decision.assumptions = assumption_lines(readings)
    decision.declared = set(declared.mentioned)
    decision.real = not any(s.has(I, CharacteristicFunction) for s in sides if isinstance(s, Basic))
    if not variables and _plain_expectation(sides):
        decision.reason = (
            "the claim takes E[...] but declares no random variable, so every letter in it is a "
            "constant; declare one with --given 'X \\sim N(m, v)'"
        )
        return decision
    missing = law_checks.missing_expectation(sides, variables)
    if missing:
        decision.reason = missing
        return decision
    try:
        decided = _checked(decision, main, context, wrt)
        if decided.kind == "fails" and setup["constraints"]:
            unused = "; ".join(repr(c) for c in setup["constraints"])
            decided.counterexample = None
            decided.kind, decided.verdict = "undecided", "undecided"
            decided.reason = (
                f"a counterexample was found, but it ignores the given {unused}, which derive "
                "cannot use (a constraint among several symbols)"
            )
        return decided
    except CheckTimeout as timeout_reached:
        decision.reason = str(timeout_reached)
    except RecursionError:
        decision.reason = "the claim is nested too deeply for the checker"
    except Exception:  # noqa: BLE001 — no internal exception reaches a verdict
        decision.reason = "the checker has no method for an expression of this form"
    return decision


def _calculus(main, context):
    """The claim with defined functions substituted and its definite integrals and derivatives
    of elementary functions carried out (SymPy's integrate and diff), so that the checker
    compares closed forms: ∫₀ᵗ β(s) ds with β(s) = a + bs is at + bt²/2."""
    from dataclasses import replace

    from sympy import Derivative, Integral
    from sympy.core.function import UndefinedFunction

    functions = {k: v for k, v in context.definitions.items() if isinstance(k, UndefinedFunction)}
    probability = _probability_types()

    def carried(node):
        if node.has(*probability):
            return node
        done = node.doit()
        return node if done.has(Integral, Derivative) else done

    sides = []
    for side in (main.lhs, main.rhs):
        if not isinstance(side, Basic) or side.is_Matrix or getattr(side, "is_MatrixExpr", False):
            sides.append(side)
            continue
        for function, value in functions.items():
            side = side.replace(function, value)
        finite = lambda e: isinstance(e, Integral) and all(len(lim) == 3 for lim in e.limits)  # noqa: E731
        side = side.replace(finite, carried)
        side = side.replace(lambda e: isinstance(e, Derivative), carried)
        sides.append(side)
    return replace(main, lhs=sides[0], rhs=sides[1])


def _checked(decision: Decision, main, context, wrt) -> Decision:
    from ..core.checker import check_relation

    if main.kind != "question" and not main.matrix:
        main = _calculus(main, context)

    if main.kind == "question":
        from .question import answer

        return answer(decision, main, context)
    functions = unknown.unknown_functions(main.lhs, main.rhs, *context.definitions.values())
    functions = [f for f in functions if f not in context.definitions]
    if functions and main.kind == "equal":
        return _about_functions(decision, main, context, functions)
    if main.kind == "inequality":
        return _inequality(decision, main, context)
    if main.kind == "distributed":
        linear = _linear(decision, main, context)
        if linear is not None:
            return linear
    if main.kind == "equal":
        exact = _exact(decision, main, context)
        if exact is not None:
            return exact
    var = None
    relation = {"equal": "=", "proportional": "∝", "distributed": "~"}[main.kind]
    if relation == "∝":
        var = _variable(main, wrt)
        decision.notes.append(f"as functions of {var}")
    verdict = check_relation(main.lhs, relation, main.rhs, context, var)
    decision = _settled(decision, verdict)
    if decision.kind == "holds numerically" and relation == "=":
        proof = _elementary_proof(main, context)
        if proof:
            decision.settle("holds", proof)
    return decision


def _sizes(claim: str, main, names) -> tuple:
    """Extra sizes for a matrix claim: 8, and where the dimension n is also written as a number
    ((n − 1)(n − 2)… tr A), one more size drawn per claim (seeded by its text), so that no fixed
    list of sizes can be gamed."""
    import zlib

    if not any(_scalar_use(side, names.dimension) for side in (main.lhs, main.rhs)):
        return (8,)
    extra = (5, 7, 9, 10)[zlib.crc32(claim.encode("utf-8")) % 4]
    return (8, extra)


def _scalar_use(expr, dimension) -> bool:
    """Whether ``dimension`` occurs in ``expr`` outside the shapes of matrices."""
    from sympy import Identity, ZeroMatrix

    if expr == dimension:
        return True
    if not isinstance(expr, Basic) or isinstance(expr, (MatrixSymbol, Identity, ZeroMatrix)):
        return False
    return any(_scalar_use(arg, dimension) for arg in expr.args)


def _elementary_proof(main, context) -> str:
    """A proof of an equation of elementary functions the checker only confirmed at points:
    the difference rewritten in exponentials simplifies to 0."""
    from sympy import Expr, exp, simplify

    from ..core.checker import substitute

    sides = [substitute(s, context.definitions) for s in (main.lhs, main.rhs)]
    if not all(isinstance(s, Expr) and s.is_commutative for s in sides) or main.matrix:
        return ""
    if any(s.atoms(*_probability_types()) for s in sides):
        return ""
    try:
        zero = simplify((sides[0] - sides[1]).rewrite(exp)) == 0
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        return ""
    return "symbolic: the difference, in exponentials, simplifies to 0" if zero else ""


def _exact(decision: Decision, main, context) -> Decision | None:
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
    decision.counterexample = Counterexample((), *sides)
    return decision.settle("fails", "exact: the sides differ by a nonzero number")


def _settled(decision: Decision, verdict) -> Decision:
    """The decision from a kernel verdict."""
    if (
        verdict.status == "refuted"
        and decision.real
        and _outside(verdict.counterexample)
        and not _in_declared(verdict.counterexample, decision.declared)
    ):
        decision.reason = (
            "the only counterexample found makes a side non-real, outside the domain the claim "
            "implies; declare the letters' signs (e.g. --given 'a > 0')"
        )
        return decision
    if verdict.status == "refuted":
        decision.counterexample = verdict.counterexample
        return decision.settle("fails", verdict.method)
    if verdict.status == "verified":
        from ..core.verdict import describe

        kind, sizes, points, digits = _strength(verdict)
        return decision.settle(kind, describe(verdict), sizes, points, digits)
    if verdict.status == "ill-formed":  # the reader checked the shapes: the kernel's sizes did not
        decision.reason = f"the checker could not evaluate it at explicit sizes ({verdict.reason})"
        return decision
    decision.reason = verdict.reason
    return decision


def _in_declared(example, declared: set) -> bool:
    """Whether the counterexample's point lies in a domain the user declared (a ≠ 0, a ∈ ℝ):
    then a non-real side is the claim's own meaning there, not a point outside its domain."""
    names = {getattr(k, "name", str(k)) for k, _ in example.values}
    return bool(names) and names <= declared


def _outside(example) -> bool:
    """Whether a counterexample has a side that is not a real number (a logarithm or a square
    root outside its domain)."""
    if example is None:
        return False
    for value in (example.lhs, example.rhs):
        try:
            number = complex(value)
        except (TypeError, ValueError, OverflowError):
            continue
        if abs(number.imag) > 1e-30 * max(1.0, abs(number.real)):
            return True
    return False


def _strength(verdict):
    from .verdicts import strength_of

    return strength_of(verdict)


def _about_functions(decision, main, context, functions) -> Decision:
    from dataclasses import replace

    from ..core.checker import check_relation
    from ..render.printers import text

    names = ", ".join(str(f) for f in functions)
    for side, other in ((main.lhs, main.rhs), (main.rhs, main.lhs)):
        if _defines(side, other):
            decision.reason = (
                f"{side.func} is not defined, and the claim reads as its definition; define it "
                f"with --given '{side.func}(…) = …' (or, for a named result, use --notation)"
            )
            return decision
    from ..core.checker import substitute

    written = [substitute(side, context.definitions) for side in (main.lhs, main.rhs)]
    if unknown.arbitrary_proof(*written):
        return decision.settle("holds", f"symbolic: the sides agree for every function {names}")
    agreed = []
    arity = unknown.arities(main.lhs, main.rhs, *context.definitions.values())
    for label, mapping in unknown.instances(functions, arity):
        left, right = (unknown.substitute(side, mapping) for side in (main.lhs, main.rhs))
        instance = replace(
            context,
            definitions={
                k: unknown.substitute(v, mapping) if isinstance(v, Basic) else v
                for k, v in context.definitions.items()
            },
        )
        verdict = check_relation(left, "=", right, instance)
        if verdict.status == "refuted":
            decision.counterexample = verdict.counterexample
            decision.notes.append(f"with {names} = {label}: {text(left)} = {text(right)}")
            return decision.settle("fails", f"{verdict.method}, with {names} = {label}")
        if verdict.status == "verified":
            agreed.append(label)
    tried = ", ".join(agreed) or "none"
    decision.reason = (
        f"{names} is an unknown function: the claim holds for {tried} but is not shown for every "
        f"function (declare it, e.g. --given '{functions[0]}(t) = …')"
    )
    return decision


def _defines(side, other) -> bool:
    """Whether ``side`` is an unknown function at distinct letters that ``other`` does not use:
    the claim then defines it rather than states something about it."""
    from sympy.core.function import AppliedUndef

    return (
        isinstance(side, AppliedUndef)
        and all(isinstance(a, Symbol) for a in side.args)
        and len(set(side.args)) == len(side.args)
        and not getattr(other, "has", lambda *_: False)(side.func)
    )


def _inequality(decision, main, context) -> Decision:
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


def _linear(decision, main, context) -> Decision | None:
    """``a·X + b·Y + c ~ N(m, v)``: compare the mean and the variance one by one."""
    from ..core.checker import check_relation, substitute
    from ..gaussian import Normal
    from ..render.printers import text

    if not isinstance(main.rhs, Normal):
        return None
    lhs = substitute(main.lhs, context.definitions)
    variables = {v: substitute(law, context.definitions) for v, law in context.variables.items()}
    moments = law_checks.linear_law(lhs, variables)
    if moments is None:
        return None
    route = "the law of a linear combination of independent normals"
    methods = []
    for what, value, claimed in zip(("mean", "variance"), moments, main.rhs.args[:2], strict=True):
        verdict = check_relation(value, "=", claimed, context)
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
    kinds = [_strength(v) for v in methods]
    weakest = max(kinds, key=lambda k: ("holds", "holds at sizes", "holds numerically").index(k[0]))
    return decision.settle(weakest[0], f"{route}: mean and variance agree", *weakest[1:])


def _plain_expectation(sides) -> bool:
    """Whether a side takes E[...] over declared variables (no law written under the E)."""
    from ..gaussian import Expectation

    return any(
        getattr(e, "declared", False)
        for side in sides
        if isinstance(side, Basic)
        for e in side.atoms(Expectation)
    )


def _hints(main, variables, profile, names) -> list:
    """What context the claim seems to miss."""
    from ..gaussian import Expectation

    hints = []
    sides = [s for s in (main.lhs, main.rhs) if isinstance(s, Basic)]
    if any(s.has(Expectation) for s in sides) and not variables:
        hints.append(
            "no random variable is declared: E[...] of letters treats them as constants;"
            " declare one with --given 'X \\sim N(m, v)'"
        )
    words = {s.name for side in sides for s in side.free_symbols if isinstance(s, Symbol)}
    if not profile["families"] and any(
        w.startswith(("alphabar", "betatilde", "mutilde")) for w in words
    ):
        hints.append(
            "ᾱ_t and β̃_t are plain letters here; with --notation ddpm they are the "
            "schedule's, 0 < β_t < 1"
        )
    return hints


def _kinds(main, variables, spd: set) -> dict:
    """Covariances of laws and matrices declared ``\\succ 0`` are symmetric positive definite;
    other matrix letters are square matrices with no structure."""
    from ..gaussian import MvNormal

    kinds = {}
    for side in (main.lhs, main.rhs, *variables.values()):
        for m in side.atoms(MatrixSymbol) if isinstance(side, Basic) else ():
            if m.name in spd:
                kinds[m] = "spd"
        for law in side.atoms(MvNormal) if isinstance(side, Basic) else ():
            if isinstance(law.variance, MatrixSymbol):
                kinds[law.variance] = "spd"
    return kinds


def _spd_source(m, declared) -> str:
    return "declared" if m.name in declared.spd else "implied: the covariance of a normal law"


def _variable(claim, wrt: str | None):
    """The variable of ``∝``: ``--wrt`` (``\\mathbf{x}`` is x), or the one point shared by the
    densities."""
    from ..gaussian import Density

    symbols = {s.name: s for s in claim.lhs.free_symbols | claim.rhs.free_symbols}
    if wrt is not None:
        name = _plain_wrt(wrt)
        if name not in symbols:
            raise UsageError(
                f"--wrt {wrt}: no symbol {name!r} in the claim ({', '.join(sorted(symbols))})"
            )
        return symbols[name]
    points = {d.point for side in (claim.lhs, claim.rhs) for d in side.atoms(Density)}
    if len(points) == 1:
        return points.pop()
    raise UsageError("say which variable the sides are proportional in: --wrt VAR")


def _plain_wrt(wrt: str) -> str:
    """The symbol name of a --wrt written in LaTeX (``\\mathbf{x}_t`` is x_t)."""
    from .build import build
    from .parse import parse

    try:
        made = build(parse(wrt)).lhs
    except UsageError:
        return wrt
    return getattr(made, "name", wrt)
