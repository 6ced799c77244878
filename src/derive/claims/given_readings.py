"""What the givens of a claim say beyond laws and definitions, read before the claim is
checked: the claim's vectors shared with its givens; expectations under a density given as an
equation; orders between letters (a < b read b = a + δ); posteriors that follow by Gaussian
conditioning; and the givens no check can use (constraints, which then block refutations and
numeric evidence).

Example:
    >>> from derive.claims import decide
    >>> decide(r"|b - a| = a - b", ("a < b",)).kind
    'fails'
"""

from __future__ import annotations

from dataclasses import replace

from sympy import MatrixSymbol, Rational, Symbol

from ..errors import UsageError
from .build import build
from .givens import is_function_definition
from .parse import parse, quoted
from .shapes import IllFormed


def expectations_under_declared(main, givens, names):
    """E_{q(a | b)}[f(a)] under a given density ``q(a | b) = N(a; m, v)`` is E[f(a)] for
    a ~ N(m, v), the conditions b held fixed: the claim with those expectations replaced, and
    the givens used so. A law N(m, c I) serves a claim read one coordinate at a time through
    its coordinatewise reading N(mᵢ, c)."""
    from ..diffusion import ExpectationUnder
    from ..gaussian import Density, Expectation, MvNormal

    laws, used = {}, set()
    for text, g in givens:
        if g.kind not in ("equal", "define") or not isinstance(g.rhs, Density):
            continue
        density = _density_of(g.lhs)
        if density is None or density.targets != (g.rhs.point,):
            continue
        if isinstance(g.rhs.dist, MvNormal) and not main.matrix:
            if not _multiple_of_identity(g.rhs.dist.args[1]):
                continue
            g = build(parse(text), names(), one_coordinate=True)
            density = _density_of(g.lhs)
            if not isinstance(g.rhs, Density) or density is None:
                continue
            if density.targets != (g.rhs.point,):
                continue
        laws[density] = (g.rhs.point, g.rhs.dist, text)
    if not laws:
        return main, used

    def under(expr):
        if not hasattr(expr, "replace"):
            return expr
        found = [e for e in expr.atoms(ExpectationUnder) if e.density in laws]
        for e in found:
            point, law, text = laws[e.density]
            used.add(text)
            expr = expr.xreplace({e: Expectation(e.body, point, law)})
        return expr

    return replace(main, lhs=under(main.lhs), rhs=under(main.rhs)), used


def _density_of(lhs):
    """The density a given's left side names: q(a | b) as it is; p(x) of one letter as the
    density of x with no condition (E_{p(x)}[…] is taken under it); None otherwise."""
    from sympy.core.function import AppliedUndef

    from ..diffusion import ConditionalDensity

    if isinstance(lhs, ConditionalDensity):
        return lhs
    if isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and isinstance(lhs.args[0], Symbol):
        return ConditionalDensity(lhs.args, (), str(lhs.func))
    return None


_STRICT = {"<": True, "\\lt": True, ">": True, "\\gt": True}
_LOOSE = {"\\le", "\\leq", "\\leqslant", "\\ge", "\\geq", "\\geqslant"}


def orders(givens, main, variables, definitions, declared, reader) -> list[str]:
    """Givens that order two symbols, ``a < b`` (or ``σ_min ≤ σ_max``). Where the larger one
    is declared by nothing else, it is written ``b = a + δ`` with a fresh δ > 0 (δ ≥ 0 for ≤),
    which every check then respects; otherwise the order is a constraint that no refutation
    trusts (returned, as text)."""
    from ..render.printers import text as shown

    # where a letter is declared (defined, random, ordered); its use inside a definition's
    # body is no declaration (definitions are substituted until none is left)
    mentions: dict = {}
    sides = [*definitions.keys(), *variables.keys()]
    for _, g in givens:
        if g.kind == "inequality":
            sides += [term for left, _, right in g.relations for term in (left, right)]
    for side in sides:
        for s in getattr(side, "free_symbols", ()):
            mentions[s] = mentions.get(s, 0) + 1
    kept = []
    for text, g in givens:
        if g.kind != "inequality":
            continue
        for left, relation, right in g.relations:
            if relation in (">", "\\gt", "\\ge", "\\geq", "\\geqslant"):
                left, right = right, left
            if relation not in _STRICT and relation not in _LOOSE:
                continue
            numbers = [getattr(side, "is_number", False) for side in (left, right)]
            if any(numbers):
                continue  # a range: read by read_givens
            gap = Symbol(
                f"delta_{{{right}-{left}}}",
                **({"positive": True} if relation in _STRICT else {"nonnegative": True}),
            )

            def free(end, other):
                return (
                    isinstance(end, Symbol)
                    and end not in definitions
                    and end not in variables
                    and end.name not in declared.ranges
                    and end.name not in declared.domains
                    and mentions.get(end, 0) == 1
                    and getattr(other, "is_real", False)
                    and not getattr(other, "is_Matrix", False)
                )

            if free(right, left):  # a < b: b = a + δ
                definitions[right] = left + gap
                said = f"{shown(right)} = {shown(left + gap)}"
            elif free(left, right):  # a < b < 1: a = b − δ
                definitions[left] = right - gap
                said = f"{shown(left)} = {shown(right - gap)}"
            elif _below_a_number(left, right, declared, definitions, variables, mentions):
                # 0 < a < b < 1: b = a + (1 − a)u with 0 < u < 1, and a < 1
                high = declared.ranges[right.name][1]
                low = declared.ranges.get(left.name, (None, None))[0]
                share = Symbol(f"u_{{{right}}}", positive=True)
                declared.ranges[share.name] = (0, 1)
                declared.ranges[left.name] = (low, high)
                definitions[right] = left + (high - left) * share
                said = f"{shown(right)} = {shown(definitions[right])}, 0 < {shown(share)} < 1"
                gap = None
            elif _square_of_free(right, left, definitions, variables, declared, mentions):
                base = right.base  # σ_s² < σ_t²: σ_t = √(σ_s² + δ)
                definitions[base] = (left + gap) ** Rational(1, 2)
                said = f"{shown(base)} = {shown(definitions[base])}"
            else:
                kept.append(text)
                continue
            bound = ">" if relation in _STRICT else "≥"
            said += "" if gap is None else f", {shown(gap)} {bound} 0"
            reader.note(said.split(" = ")[0], said, f"declared: {text}")
    return kept


def _below_a_number(left, right, declared, definitions, variables, mentions) -> bool:
    """Whether ``left < right`` sits in a chain ``left < right < H`` with a number H, right
    declared by nothing else and left bounded by nothing above H."""
    if not (isinstance(left, Symbol) and isinstance(right, Symbol)):
        return False
    if any(s in definitions or s in variables for s in (left, right)):
        return False
    low, high = declared.ranges.get(right.name, (None, None))
    if low is not None or high is None or mentions.get(right, 0) != 2:
        return False
    if right.name in declared.domains:
        return False
    left_high = declared.ranges.get(left.name, (None, None))[1]
    return left_high is None or bool(left_high >= high)


def _square_of_free(right, left, definitions, variables, declared, mentions) -> bool:
    """Whether ``left < s²`` for a positive letter s declared by nothing else, with left ≥ 0."""
    if not (getattr(right, "is_Pow", False) and right.exp == 2):
        return False
    base = right.base
    return (
        isinstance(base, Symbol)
        and bool(base.is_positive)
        and base not in definitions
        and base not in variables
        and base.name not in declared.ranges
        and base.name not in declared.domains
        and mentions.get(base, 0) == 1
        and bool(getattr(left, "is_nonnegative", False))
    )


def mismatched(givens, main, definitions) -> list[str]:
    """Givens defining a name that the claim reads with another shape (a number in the given,
    a vector in the claim): their definition does not reach the claim's symbol, so no
    refutation may rest on it."""
    written = {}
    for side in (main.lhs, main.rhs):
        for s in getattr(side, "free_symbols", ()):
            written.setdefault(getattr(s, "name", None), set()).add(s)
    kept = []
    for text, g in givens:
        if g.kind not in ("equal", "define") or g.lhs not in definitions:
            continue
        same = written.get(getattr(g.lhs, "name", None), set())
        if same and g.lhs not in same:
            kept.append(text)
    return kept


def _multiple_of_identity(covariance) -> bool:
    """Whether a covariance is c·I for a number c."""
    from sympy import Identity, MatMul, MatrixExpr

    if isinstance(covariance, Identity):
        return True
    if isinstance(covariance, MatMul):
        scalars = [a for a in covariance.args if not isinstance(a, MatrixExpr)]
        matrices = [a for a in covariance.args if isinstance(a, MatrixExpr)]
        return len(matrices) == 1 and isinstance(matrices[0], Identity) and bool(scalars)
    return False


def posteriors(givens, variables, definitions, reader) -> set:
    """Givens ``q(z_s | z_t, x) = N(z_s; μ_Q, σ_Q²)`` whose law follows from the model by
    Gaussian conditioning: they define μ_Q and σ_Q (the texts of the givens so used)."""
    from ..diffusion import ConditionalDensity
    from ..gaussian import Density, Normal
    from ..render.printers import text as shown
    from .conditioning import posterior_parameters

    used = set()
    for text, g in givens:
        if g.kind not in ("equal", "define") or not isinstance(g.lhs, ConditionalDensity):
            continue
        if not isinstance(g.rhs, Density) or not isinstance(g.rhs.dist, Normal):
            continue
        if g.lhs.targets != (g.rhs.point,):
            continue
        found = posterior_parameters(g.lhs, g.rhs.dist, variables, definitions)
        for name, value in found.items():
            definitions[name] = value
            reader.note(
                shown(name),
                f"{shown(name)} = {shown(value)} (Gaussian conditioning of the other givens)",
                f"declared: {text}",
            )
        if found:
            used.add(text)
    return used


def build_givens(given, names) -> list:
    """Each given built with a fresh :class:`Names` from ``names``."""
    givens = []
    for text in given:
        try:
            givens.append((text, build(parse(text), names())))
        except IllFormed as error:
            raise UsageError(f"a given is not well-formed: {error}") from None
        except UsageError as error:
            raise UsageError(f"--given {quoted(text)}: {error}") from None
    return givens


def vector_names(main) -> set:
    """The names the claim reads as n-vectors."""
    found = set()
    for side in (main.lhs, main.rhs):
        for atom in getattr(side, "atoms", lambda *_: ())(MatrixSymbol):
            if atom.shape[1] == 1 and atom.shape[0] != 1:
                found.add(atom.name)
    return found


def vectors_in_definitions(givens, declared, known) -> set:
    """The letters a vector's definition must read as vectors: in ``μ₁ = a·z_t + b·x``, with
    μ₁ one of the ``known`` n-vectors and the given read with numbers, each term's one plain
    letter (z_t, x) that nothing declares a number, unless the term holds a known vector; a
    term with no such letter, or with two (b·x: which is the vector?), leaves it as it is."""
    from sympy import Add, Indexed, MatrixExpr, Mul

    found = set()
    for _, g in givens:
        if g.kind not in ("equal", "define") or getattr(g.lhs, "name", None) not in known:
            continue
        if isinstance(g.rhs, MatrixExpr) or not hasattr(g.rhs, "args"):
            continue
        indices = set().union(*(i.free_symbols for i in g.rhs.atoms(Indexed)))
        letters = []
        for term in Add.make_args(g.rhs.expand()):
            plain = [
                f
                for f in Mul.make_args(term)
                if isinstance(f, Symbol)
                and f not in indices
                and f.is_positive is None
                and f.name not in declared.ranges
                and f.name not in declared.domains
            ]
            if any(f.name in known for f in plain):
                continue
            if len(plain) != 1:
                break
            letters.append(plain[0].name)
        else:
            found.update(letters)
    return found


def silent_givens(givens, main, variables, definitions) -> list[str]:
    """Givens that define something the claim never uses, yet name its symbols: a density
    equation p(μ | X) = N(μ | μ_N, σ_N²) says what μ_N is, which no check here can use, so a
    refutation that ignores it is not trusted (the claim is then undecided)."""
    used = set()
    for side in (main.lhs, main.rhs, *definitions.values(), *variables.values()):
        used |= getattr(side, "free_symbols", set())
    from ..diffusion import ConditionalDensity

    silent = []
    for text, g in givens:
        if g.kind not in ("equal", "define"):
            continue
        if is_function_definition(g.lhs):
            head = g.lhs.func
        elif isinstance(g.lhs, ConditionalDensity):  # p(x_a | x_b) = N(x_a | μ_{a|b}, Σ_{a|b})
            head = g.lhs
        else:
            continue
        reach = (main.lhs, main.rhs, *(v for k, v in definitions.items() if k != head))
        if any(getattr(side, "has", lambda _: False)(head) for side in reach):
            continue  # used by the claim, or by a definition it uses (SNR(t) = exp(−γ(t)))
        named = getattr(g.rhs, "free_symbols", set()) - getattr(g.lhs, "free_symbols", set())
        if named & used:
            silent.append(text)
    return silent


def defines_builtin(text: str) -> bool:
    """Whether a given's left side is a named function derive knows, ``sigmoid(x) := ...``."""
    tree = parse(text).children[0]
    head = tree.children[0] if tree.children else None
    return getattr(head, "data", None) in ("named_function", "named_function_power")


def restates_known(lhs, rhs) -> bool:
    """Whether a given equation holds identically (both sides simplify to one expression)."""
    from sympy import Expr, simplify

    if not (isinstance(lhs, Expr) and isinstance(rhs, Expr)) or lhs.is_Matrix or rhs.is_Matrix:
        return False
    try:
        return simplify((lhs - rhs).rewrite("exp")) == 0
    except (TypeError, ValueError, AttributeError):
        return False
