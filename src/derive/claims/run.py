"""Running the checks of one built claim: laws validated, expectations that do not exist set
apart, unknown functions tried with concrete ones, linear laws compared by their moments, and
everything else handed to the checker. The verdict lists the assumptions it used.

Example:
    >>> from derive.claims import decide
    >>> decide(r"3X \\sim N(30, 12)", (r"X \\sim N(10, 4)",)).method
    'the law of a linear combination of independent normals: variance 36, claimed 12'
"""

from __future__ import annotations

import os
from dataclasses import replace

from sympy import Basic, Derivative, I, MatrixExpr, MatrixSymbol, Symbol

from ..core.config import DEFAULT
from ..errors import CheckTimeout, UsageError, internal_limitation
from ..gaussian import CharacteristicFunction
from . import laws as law_checks
from . import routes, unknown
from .decide import Decision, assumption_lines, sampling_ranges
from .entrywise_gradients import EntrywiseGradient
from .names import Assumption
from .parse import quoted
from .undeclared import undeclared_expectation

# Relations as LaTeX: the text forms are Unicode, which pdfLaTeX's math does not take.
_LATEX_RELATIONS = {"∝": r"\propto", "~": r"\sim", "≤": r"\le", "≥": r"\ge", "<": "<", ">": ">"}

# Sizes for a claim with an entrywise gradient (n = 1, 2 with symbolic entries, 3 with random
# ones): the entries of X stay symbols, and det or log det of an 8×8 symbolic matrix is
# thousands of terms.
GRADIENT_SIZES = replace(DEFAULT, random_sizes=(3,))


def run(claim, setup, declared, profile, implied, wrt, timeout, named) -> Decision:
    """The decision on the built claim ``setup`` (see :func:`derive.claims.decide.decide`)."""
    from ..core.checker import CheckContext
    from ..render.printers import latex, text

    main, variables = setup["main"], setup["variables"]
    definitions, names = setup["definitions"], setup["names"]
    if main.kind in ("member", "independent", "define", "conditional", "tuple"):
        raise UsageError(f"{quoted(claim)} is a given, not a claim; pass it with --given")
    main = _matrix_expectations(main, variables)
    if isinstance(main, str):
        return Decision(claim, "undecided", reason=main, read_as=claim)
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
    for k in defined - {str(f) for f in declared.function_ranges}:  # β(t) > 0: said there
        readings.add(Assumption(k, "a function", "defined by --given"))
    for v, law in variables.items():
        readings.add(Assumption(text(v), f"a random variable, {text(law)}", "declared"))
    if len(variables) > 1:
        group = ", ".join(text(v) for v in variables)
        readings.add(Assumption(group, "independent", "declared by separate givens"))
    kinds = _kinds(main, variables, set(declared.spd) | set(main.spd))
    for m, kind in kinds.items():
        if kind == "spd" and m.name not in declared.spd:
            readings.add(
                Assumption(m.name, "symmetric positive definite", _spd_source(m, declared))
            )
    # the law a claim ascribes (E ~ N(m, v)) is compared, not refused: a variance that may be
    # no variance makes the claim false (σ_x² − σ_y²; identically 0, the point mass of
    # X − X ~ N(0, 0)); one that is negative everywhere is no law at all (an input error)
    claimed = [main.rhs] if main.kind == "distributed" else []
    if claimed and getattr(getattr(main.rhs, "variance", None), "is_negative", False):
        law_checks.validate([main.rhs], kinds)
    written = [s for s in (main.lhs, main.rhs) if not any(s is c for c in claimed)]
    inside = [law for c in claimed for law in law_checks.laws_in(*c.args)]
    law_checks.validate(
        law_checks.laws_in(*written, *variables.values(), *definitions.values()) + inside, kinds
    )
    symbol = {  # as text; _LATEX_RELATIONS gives the LaTeX
        "equal": "=",
        "proportional": "∝",
        "distributed": "~",
        "question": "",
        "inequality": " ".join(r for _, r, _ in main.relations),
    }[main.kind]
    sides = [main.lhs] if main.rhs is None else [main.lhs, main.rhs]
    dependent = routes.dependent_in(sides, definitions)  # x_t is x_t(t) under d/dt
    for letter, function in dependent.items():
        if isinstance(function, Derivative):  # σ_t′ beside σ_t(t), λ_t′ beside λ_t = …
            variable, order = function.variable_count[0]
            power = f"^{order}" if order > 1 else ""
            what = f"d{power}{text(function.expr)}/d{text(variable)}{power}"
            why = _PRIME_OF_DEFINED if function.expr in definitions else _PRIME_OF_DEPENDENT
            readings.add(Assumption(text(letter), what, why))
            continue
        what = f"a function of {text(function.args[0])}"
        readings.add(Assumption(text(letter), what, _DEPENDS_ON_VARIABLE))
    shown = [s.xreplace(dependent) if isinstance(s, Basic) else s for s in sides]
    decision = Decision(
        claim,
        "undecided",
        # one line: the text printer breaks a written-out matrix over rows
        read_as=abbreviated(
            f" {symbol} ".join(text(s) for s in shown).replace("  ", " ").replace("\n", "")
        ),
        latex=abbreviated(
            f" {_LATEX_RELATIONS.get(symbol, symbol)} ".join(latex(s) for s in sides), tex=True
        ),
    )
    decision.notes += _hints(main, variables, profile, names)
    free = set().union(*(s.free_symbols for s in sides if isinstance(s, Basic)))
    free |= set().union(*(v.free_symbols for v in definitions.values() if isinstance(v, Basic)))
    # ∇_X f entry by entry: X's entries stay symbols, so sizes beyond 3 cost more than they say
    entrywise = any(isinstance(s, Basic) and s.has(EntrywiseGradient) for s in sides)
    context = CheckContext(
        ranges=sampling_ranges(free, declared.ranges, implied, profile["ranges"]),
        nonzero=tuple(declared.nonzero),
        timeout=timeout,
        variables=variables,
        definitions=definitions,
        matrices=kinds,
        sizes=_sizes(claim, main, names) if main.matrix and not entrywise else (),
        config=GRADIENT_SIZES if entrywise else DEFAULT,
    )
    fixed = next((v for k, v in definitions.items() if str(k) == str(names.dimension)), None)
    if main.matrix and getattr(fixed, "is_Integer", False) and fixed > 0:
        # d = 3 given: the vectors of size d are checked at that size only, never at others
        at = (int(fixed),)
        context = replace(
            context,
            sizes=(),
            config=replace(
                context.config,
                symbolic_sizes=at if fixed <= 2 else (),
                random_sizes=() if fixed <= 2 else at,
            ),
        )
    decision.assumptions = assumption_lines(readings)
    decision.readings = sorted(set(readings))
    decision.declared = set(declared.mentioned)
    decision.real = not any(s.has(I, CharacteristicFunction) for s in sides if isinstance(s, Basic))
    undeclared = undeclared_expectation(sides, variables, definitions)
    if undeclared:  # E[(X − a)²] with no law of X: every letter a constant, as written
        raise UsageError(undeclared)
    missing = law_checks.missing_expectation(sides, variables)
    if missing:
        decision.reason = missing
        return decision
    try:
        decided = _checked(decision, main, context, wrt)
        if decided.kind == "fails" and _meets_constraints(decided, setup, main, context):
            unused = "; ".join(quoted(c) for c in setup["constraints"])
            decided.notes.append(f"the counterexample meets the given {unused} (checked exactly)")
        elif decided.kind == "fails" and setup["constraints"]:
            unused = "; ".join(quoted(c) for c in setup["constraints"])
            decided.counterexample = None
            decided.kind, decided.verdict = "undecided", "undecided"
            decided.reason = (
                f"a counterexample was found, but it ignores the given {unused}, which derive "
                "cannot use (a constraint among several symbols); none was found at the points "
                "tried where it holds"
            )
        elif decided.kind in ("holds at sizes", "holds numerically") and setup["constraints"]:
            # evidence at points (or sizes) drawn without the constraint is no evidence for it
            unused = "; ".join(quoted(c) for c in setup["constraints"])
            decided.kind, decided.verdict = "undecided", "undecided"
            decided.reason = (
                f"equal at the points tried, but they ignore the given {unused}, which derive "
                "cannot use (a constraint among several symbols); only a proof would cover it"
            )
        return decided
    except CheckTimeout as timeout_reached:
        decision.reason = str(timeout_reached)
    except RecursionError:
        decision.reason = "the claim is nested too deeply for the checker"
    except UsageError:  # what the user must say (--wrt VAR) is an input error, not a verdict
        raise
    except NotImplementedError as error:  # SymPy has no algorithm for a step: a limit of methods
        if os.environ.get("DERIVE_DEBUG"):
            raise
        where = internal_limitation(error).rpartition(" in ")[2]
        decision.reason = (
            "the checker has no method for an expression of this form (SymPy implements no "
            f"step it needs, in {where})"
        )
    except Exception as error:  # noqa: BLE001 — a defect of derive, said to be one
        if os.environ.get("DERIVE_DEBUG"):
            raise
        decision.internal = internal_limitation(error)
        decision.reason = (
            f"not decided because of an internal limitation of derive ({decision.internal}): "
            "it says nothing about the claim; DERIVE_DEBUG=1 shows where"
        )
    return decision


def abbreviated(shown: str, tex: bool = False) -> str:
    """``shown`` (text, or LaTeX if ``tex``) with each run of more than 80 digits cut to its
    first and last digits and its length (2^{20000} + 1 is read as a 6,021-digit number).

    Example:
        >>> abbreviated("x = " + "7" * 100)
        'x = 777777777777…777777 (100 digits)'
        >>> print(abbreviated("7" * 1000, tex=True))
        777777777777\\ldots 777777\\ (1{,}000\\ \\mathrm{digits})
    """
    import re

    def cut(match) -> str:
        digits, size = match.group(), f"{len(match.group()):,}"
        if tex:
            size = size.replace(",", "{,}")
            return f"{digits[:12]}\\ldots {digits[-6:]}\\ ({size}\\ \\mathrm{{digits}})"
        return f"{digits[:12]}…{digits[-6:]} ({size} digits)"

    return re.sub(r"\d{81,}", cut, shown)


_DEPENDS_ON_VARIABLE = "implied: subscripted by the derivative's variable"
_PRIME_OF_DEPENDENT = "implied: a prime on a letter that is a function of the derivative's variable"
_PRIME_OF_DEFINED = "implied: a prime on a letter a given defines, in the variable it depends on"


def _meets_constraints(decided: Decision, setup: dict, main, context) -> bool:
    """Whether the counterexample lies where every constraint among the givens holds; if it
    does not, another is searched for there (then it replaces the first)."""
    from .constraints import meets, refuted_within

    example, forms, kept = decided.counterexample, setup["constraint_forms"], setup["constraints"]
    if not kept or example is None or example.values2:
        return False
    if meets(forms, kept, example.values, setup["definitions"]):
        return True
    found = refuted_within(main, context, forms, kept)
    if found is None:
        return False
    decided.counterexample = found
    decided.method = "exact evaluation at a point where the givens' constraints hold"
    return True


def _checked(decision: Decision, main, context, wrt) -> Decision:
    from ..core.checker import check_relation

    if main.kind != "question" and not main.matrix:
        main = routes.calculus(main, context)

    if main.kind == "question":
        from .question import answer

        return answer(decision, main, context)
    split = unknown.one_arity_each(main.lhs, main.rhs)  # ε(z, c) and ε(z): two functions
    if split:
        main = replace(main, lhs=main.lhs.xreplace(split), rhs=main.rhs.xreplace(split))
        decision.notes.append(
            "an unknown function applied to different numbers of arguments is read as one "
            "arbitrary function per number of arguments"
        )
    functions = unknown.unknown_functions(main.lhs, main.rhs, *context.definitions.values())
    functions = [f for f in functions if f not in context.definitions]
    if functions and main.kind == "equal":
        return routes.about_functions(decision, main, context, functions)
    if main.kind == "inequality":
        return routes.inequality(decision, main, context)
    if main.kind == "distributed":
        linear = routes.linear(decision, main, context)
        if linear is not None:
            return linear
    if main.kind == "equal":
        exact = routes.exact(decision, main, context)
        if exact is not None:
            return exact
    if main.kind == "distributed" and main.matrix:
        from .vector_laws import affine_law

        decided = affine_law(decision, main, context)
        if decided is not None:
            return decided
    var = None
    relation = {"equal": "=", "proportional": "∝", "distributed": "~"}[main.kind]
    if relation == "∝":
        var = _variable(main, wrt)
        decision.notes.append(f"as functions of {var}")
    verdict = check_relation(main.lhs, relation, main.rhs, context, var)
    decision = routes.settled(decision, verdict, main, context)
    if decision.kind == "holds numerically" and relation == "=":
        proof = routes.elementary_proof(main, context)
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
    if len(symbols) == 1:  # e^{-x²/2} ∝ e^{-x²/2 + x}: the one letter there is
        return next(iter(symbols.values()))
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


def _matrix_expectations(main, variables):
    """E[M] of a matrix M (E[xxᵀ], not a number) of one declared normal vector x: E_x[M],
    taken entry by entry under x's law; of several random vectors, or of none, a reason why it
    is not decided (as written it would read M for a constant matrix)."""
    from ..gaussian import Expectation, MatrixExpectation, MvNormal

    random = {v: law for v, law in variables.items() if isinstance(v, MatrixSymbol)}
    reason = []

    def taken(e):
        body = e.args[0]
        if any(e.args[1:]) or not isinstance(body, MatrixExpr) or body.shape == (1, 1):
            return e
        inside = [v for v in random if body.has(v)]
        if len(inside) == 1 and isinstance(random[inside[0]], MvNormal):
            return MatrixExpectation(body, inside[0], random[inside[0]])
        reason.append(
            "an expectation of a matrix of random vectors is taken here only for one declared "
            "normal vector (E[xxᵀ] with x ~ N(μ, Σ)); this one is not decided"
        )
        return e

    sides = []
    for side in (main.lhs, main.rhs):
        if isinstance(side, Basic) and side.has(Expectation):
            side = side.replace(lambda e: isinstance(e, Expectation), taken)
        sides.append(side)
    if reason:
        return reason[0]
    return replace(main, lhs=sides[0], rhs=sides[1])
