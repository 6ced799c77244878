"""Rewrites of a built claim with its givens, before it is checked: H[x] as the entropy of x's
law (:mod:`.entropy_readings`), expectations under a mixture density (:mod:`.mixtures`),
diagonal normal laws summed over coordinates (:mod:`.diagonal_laws`), E[a | b] by Gaussian
conditioning (:mod:`.conditioning`); and the readings of givens the reader shares (a
conditional law as an affine map of a new standard normal, a definition at step t for the
other steps).

Example:
    >>> from derive.claims import decide
    >>> decide(r"H[x] = \\frac{1}{2}\\ln(2\\pi e s)", (r"x \\sim N(m, s)", "s > 0")).kind
    'holds'
"""

from __future__ import annotations

from dataclasses import replace

from sympy import MatrixSymbol, Rational, Symbol

from ..errors import UsageError
from .diagonal_laws import coordinate_vectors, coordinatewise
from .entropy_readings import resolve_entropies
from .mixtures import mixture_givens, resolve_mixtures
from .parse import parse, quoted


def with_entropies(main, variables):
    """The claim with H[x] the entropy of x's declared law (see :mod:`.entropy_readings`)."""

    def note(subject, what):
        main.names.note(subject, what, "implied: x's declared law")

    return replace(
        main,
        lhs=resolve_entropies(main.lhs, variables, note),
        rhs=resolve_entropies(main.rhs, variables, note),
    )


def with_mixtures(main, definitions):
    """The claim with expectations under a mixture density written per component (see
    :mod:`.mixtures`)."""
    mixtures = mixture_givens(definitions)

    def note(subject, what):
        main.names.note(subject, what, "implied: the mixture density given")

    return replace(
        main,
        lhs=resolve_mixtures(main.lhs, mixtures, note),
        rhs=resolve_mixtures(main.rhs, mixtures, note),
    )


def with_coordinates(main, definitions: dict, variables: dict):
    """The claim with KL, entropies and ∫ p log q of diagonal normal laws summed over their
    coordinates (see :mod:`.diagonal_laws`) — only when each vector so split is written nowhere
    else in the claim and is neither defined nor random (else it stays as written)."""

    notes = []  # recorded only if the rewrite is kept

    def note(subject, what):
        notes.append((subject, what))

    split = coordinate_vectors(main.lhs) | coordinate_vectors(main.rhs)
    if not split:
        return main
    dimension = main.names.dimension
    lhs, rhs = (coordinatewise(s, dimension, note) for s in (main.lhs, main.rhs))
    left_over = {
        m.name for side in (lhs, rhs) for m in getattr(side, "atoms", lambda *_: ())(MatrixSymbol)
    }
    taken = {getattr(k, "name", None) for k in (*definitions, *variables)}
    if split & (left_over | taken):
        return main
    for subject, what in notes:
        main.names.note(subject, what, "implied: a diagonal covariance")
    return replace(main, lhs=lhs, rhs=rhs)


def main_sides(main) -> tuple:
    """The claim's two sides."""
    return main.lhs, main.rhs


def tree_of(text: str):
    """The parse tree of a given, or None when it does not parse (the givens' reader says
    why)."""
    try:
        return parse(text)
    except UsageError:
        return None


def conditioned(main, variables, definitions):
    """The claim with E[a | b] and Var[a | b] computed where the model is linear-Gaussian
    (:mod:`derive.claims.conditioning`); undecided where one is left."""
    from ..render.printers import text as shown
    from .conditioning import GivenExpectation, GivenVariance, resolve

    for side in (main.lhs, main.rhs):  # the structure the checker used, in the verdict
        for item in getattr(side, "atoms", lambda *_: set())(GivenExpectation, GivenVariance):
            value = resolve(item, variables, definitions)
            if value != item:
                body, *conditions = item.args
                word = "Var" if isinstance(item, GivenVariance) else "E"
                given = ", ".join(shown(c) for c in conditions)
                main.names.note(
                    f"{word}[{shown(body)} | {given}]",
                    f"= {shown(value)}",
                    "implied: Gaussian conditioning of the givens (a linear-Gaussian model)",
                )
    main = replace(
        main,
        lhs=resolve(main.lhs, variables, definitions),
        rhs=resolve(main.rhs, variables, definitions),
    )
    left = [getattr(s, "has", lambda *_: False) for s in (main.lhs, main.rhs)]
    if any(has(GivenExpectation, GivenVariance) for has in left):
        from .decide import Decision  # decide imports this module

        return Decision(
            "",
            "undecided",
            reason="E[a | b] is computed only when a and b are, by the givens, affine in "
            "independent normal variables (a linear-Gaussian model); here they are not",
        )
    return main


def once(said: dict, key, value, text: str) -> None:
    """Two givens for one name must agree."""
    before = said.get(key)
    if before is not None and before[0] != value:
        raise UsageError(
            f"the givens contradict each other: {quoted(before[1])} and {quoted(text)} both "
            f"declare {getattr(key, 'name', key)}"
        )
    said[key] = (value, text)


def conditional_law(g, text, variables, definitions, said, reader) -> None:
    """``z \\mid \\mu \\sim N(m, v)``: z = m + √v·ε_z with ε_z ~ N(0, 1) independent of the
    rest — the same joint law, for a normal conditional law whose parameters depend on the
    conditions."""
    from ..gaussian import Normal, RandomVariable
    from ..render.printers import text as shown

    (target,) = g.lhs if len(g.lhs) == 1 else (None,)
    law = g.rhs
    if not isinstance(target, Symbol) or not isinstance(law, Normal):
        raise UsageError(f"--given {quoted(text)}: a conditional law is 'z \\mid y \\sim N(m, v)'")
    noise = RandomVariable(f"epsilon_{target.name}")
    once(said, target, law, text)
    variables[noise] = Normal(0, 1)
    definitions[target] = law.mean + law.variance ** Rational(1, 2) * noise
    reader.note(
        shown(target),
        f"{shown(target)} = {shown(definitions[target])}, {shown(noise)} ~ N(0, 1) independent",
        f"declared: {text}",
    )


def _members_at_step(value) -> dict:
    """The letters of ``value`` subscripted by the step t (ᾱ_t, ᾱ_{t-1}): {symbol: (stem,
    index in STEP)}."""
    from .names import STEP
    from .symbol_rules import step_index

    found = {}
    for symbol in getattr(value, "free_symbols", ()):
        stem, _, sub = getattr(symbol, "name", "").partition("_")
        if not stem or not sub:
            continue
        try:
            index = step_index(sub.strip("{}"))
        except UsageError:
            continue
        if index.has(STEP):
            found[symbol] = (stem, index)
    return found


def _member_symbol(symbol, stem: str, index, written: set):
    """The letter ``stem`` subscripted by ``index`` (ᾱ_1 for ᾱ_t at t = 1): the claim's own
    symbol of that name where it writes one, else one with ``symbol``'s assumptions."""
    from sympy import Integer

    from .names import LAST_STEP

    sub = "T" if index == LAST_STEP else str(index).replace(" ", "")
    if isinstance(index, Integer) and index >= 0:
        name = f"{stem}_{sub}"
    else:
        name = f"{stem}_{{{sub}}}" if not sub.isalnum() else f"{stem}_{sub}"
    same = next((s for s in written if s.name == name), None)
    return same if same is not None else Symbol(name, **symbol.assumptions0)


def family_members(definitions: dict, main) -> dict:
    """A definition at step t (``\\bar\\alpha_t = f(t)/f(0)``) defines every member the claim
    writes (``\\bar\\alpha_{t-1}``, ``\\bar\\alpha_0``): t replaced by that step."""
    from .names import LAST_STEP, STEP
    from .symbol_rules import step_index

    members = {}
    written = set()
    for side in (main.lhs, main.rhs, *definitions.values()):
        written |= {s for s in getattr(side, "free_symbols", ()) if isinstance(s, Symbol)}
    for key, value in definitions.items():
        name = getattr(key, "name", "")
        if not isinstance(key, Symbol) or not name.endswith("_t") or not hasattr(value, "xreplace"):
            continue
        step = next((s for s in value.free_symbols if getattr(s, "name", "") == "t"), None)
        step = step if step is not None else Symbol("t", real=True)
        base = name[:-2]
        # ᾱ_t, ᾱ_{t-1} in s_t = f(ᾱ_t): members at the step too — unless the definition is one
        # step of a recursion (x_t = √α_t x_{t-1} + …) or one of several steps defined apart
        in_step = _members_at_step(value)
        same_stem = [k for k in definitions if getattr(k, "name", "").startswith(base + "_")]
        if any(stem == base for stem, _ in in_step.values()) or len(same_stem) > 1:
            in_step = {}
        if step not in value.free_symbols and not in_step:
            continue
        for symbol in written - set(definitions):
            if not symbol.name.startswith(base + "_"):
                continue
            sub = symbol.name[len(base) + 1 :].strip("{}")
            try:
                index = step_index(sub)
            except UsageError:
                continue
            last = next((s for s in value.free_symbols if getattr(s, "name", "") == "T"), LAST_STEP)
            at = index.xreplace({STEP: step, LAST_STEP: last})
            renamed = {
                other: _member_symbol(other, head, shift.xreplace({STEP: at}), written)
                for other, (head, shift) in in_step.items()
            }
            member = value.xreplace({**renamed, step: at})
            if symbol in member.free_symbols:
                continue  # x_t = √ᾱ_t x_0 + … at t = 0 names x_0 by itself: it defines no x_0
            members[symbol] = member
    return members
