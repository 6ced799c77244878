"""Deciding a claim: holds (proved), holds at sizes, holds numerically, fails (with a
counterexample inside the stated domain), or undecided (with the reason); a left side alone
is a question, answered with its closed form.

Givens declare random variables (``X \\sim N(10, 4)``; separate givens are independent),
define symbols and functions (substituted everywhere), and declare domains and shapes
(:mod:`derive.claims.givens`). A notation (``ddpm``, ``course``) brings its families (β_t is
the member β[t]), their definitions and ranges, and the named results of the derivations:
``\\tilde{\\beta}_t`` and ``\\tilde{\\mu}_t``, the posterior's variance and mean.

Example:
    >>> decide("\\\\log(a + b) = \\\\log a + \\\\log b").verdict
    'fails'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sympy import MatrixExpr, MatrixSymbol, Symbol
from sympy.core.function import AppliedUndef

from ..core.config import DEFAULT
from ..errors import CheckTimeout, UsageError
from . import function_ranges
from .bayes_rule import evidence_form, posterior_definitions
from .build import Claim, IllFormed, build, sequences_in
from .claim_rewrites import (
    conditional_law,
    conditioned,
    family_members,
    once,
    tree_of,
    with_coordinates,
    with_entropies,
    with_mixtures,
)
from .constraints import forms_of
from .declared_densities import with_declared_densities
from .domains import implied_bounds, meet
from .entropy_readings import is_entropy_definition
from .given_readings import (
    build_givens,
    defines_builtin,
    expectations_under_declared,
    mismatched,
    orders,
    posteriors,
    restates_known,
    silent_givens,
    vector_names,
    vectors_in_definitions,
)
from .givens import (
    apply_indexed_definition,
    function_definition,
    indexed_by,
    is_function_definition,
    is_symmetry,
    read_givens,
)
from .joint_laws import is_joint_law, read_joint_law
from .likelihoods import is_likelihood, read_likelihood
from .mixtures import mixture_densities
from .named_laws import with_named_laws
from .names import Assumption, Names
from .parse import parse, quoted
from .reparametrised import derivatives_first
from .scan import limit_names
from .shapes import defined_as, equated
from .tuples import components, written_out
from .verdicts import EXIT, wording

WIDTH = 20  # a half-bounded range is sampled over this width


@dataclass
class Decision:
    """The verdict on one claim, and everything needed to show it."""

    claim: str
    verdict: str
    method: str = ""
    reason: str = ""
    counterexample: object = None
    read_as: str = ""
    latex: str = ""
    notes: list = field(default_factory=list)
    assumptions: list = field(default_factory=list)
    readings: list = field(default_factory=list)  # the assumptions as Assumption records
    kind: str = "undecided"
    answer: str = ""
    value: str = ""
    real: bool = True  # both sides are meant as real numbers (no i, no characteristic function)
    declared: set = field(default_factory=set)  # names whose domain a given declares
    internal: str = ""  # an exception inside derive that left it undecided (type, module)

    @property
    def exit_code(self) -> int:
        """0 holds (proved, at sizes or numerically), 1 fails, 3 undecided."""
        return EXIT[self.kind]

    def settle(self, kind: str, method: str = "", sizes=(), points=0, digits=0) -> Decision:
        """Set the verdict to ``kind`` with its wording."""
        self.kind, self.method = kind, method or self.method
        self.verdict = wording(kind, sizes, points, digits)
        return self


def decide(
    claim: str,
    given: tuple = (),
    wrt: str | None = None,
    notation: str | None = None,
    timeout: float | None = DEFAULT.timeout,
) -> Decision:
    """Decide ``claim`` (text); a malformed claim or given is a :class:`UsageError`. The time
    bound covers reading and building as well as checking."""
    from ..core.timebound import time_bound

    try:
        with time_bound(timeout):
            return _decide(claim, tuple(given), wrt, notation, timeout)
    except CheckTimeout as error:
        return Decision(claim, "undecided", reason=f"{error} (reading the claim)", read_as=claim)


def _decide(claim, given, wrt, notation, timeout) -> Decision:
    from .instance_routes import first_reading_then_routes

    return first_reading_then_routes(_read_and_run, claim, given, wrt, notation, timeout)


def _read_and_run(claim, given, wrt, notation, timeout) -> Decision:
    from .run import run

    profile = _profile(notation, (claim, *given))
    families, named = profile["families"], profile["named"]
    declared = read_givens(given, families)
    tree = parse(claim)
    _isotropic_vectors(tree, declared, families)
    _laws_from_densities(tree, declared, families)
    implied: dict = {}
    for _ in range(2):  # read once, then again with the domain the first reading implies
        setup = _read(tree, given, declared, profile, implied, notation)
        if setup is None or isinstance(setup, Decision):
            break
        bounds = implied_bounds(
            [
                setup["main"].lhs,
                setup["main"].rhs,
                *setup["definitions"].values(),
                *(law.variance for law in setup["variables"].values() if hasattr(law, "variance")),
            ]
        )
        for positive in setup["positive"]:  # a letter written as a variance
            bounds[positive] = meet(bounds.get(positive), (0, None))
        new = {s.name: b for s, b in bounds.items() if s.name not in declared.mentioned}
        merged = {**implied, **{k: meet(implied.get(k), v) for k, v in new.items()}}
        if merged == implied:
            break
        implied = merged
    if isinstance(setup, Decision):
        setup.claim = setup.read_as = claim
        return setup
    return run(claim, setup, declared, profile, implied, wrt, timeout, named)


def _isotropic_vectors(tree, declared, families) -> None:
    """A letter given a law N(0, σ²I) is read one coordinate at a time; a claim that uses it
    as a vector (vᵀs, ‖v‖²: a transpose, trace, norm, or a declared shape), and does not
    read one coordinate at a time itself, makes it a random vector of that law."""
    from . import scan
    from .build import letters

    if not declared.isotropic or scan.coordinatewise(tree):
        return
    if not (scan.is_matrix_claim(tree) or declared.shapes or scan.mixes_coordinates(tree)):
        return
    declared.random_vectors |= declared.isotropic & letters(tree, Names(families=families))


def _laws_from_densities(tree, declared, families) -> None:
    """A given ``p(X) = N(X; m, v)`` of a letter the claim takes a plain E[…] of, with no law
    of X declared otherwise, declares that law: X is random."""
    from .build import letters

    if not declared.density_laws:
        return
    inside = set()
    for node in tree.find_data("expectation"):
        inside |= letters(node, Names(families=families))
    found = (declared.density_laws & inside) - declared.random
    declared.random = declared.random | found
    declared.laws_by_density = found


def _read(tree, given, declared, profile, implied, notation):
    """The claim and givens built with the declared and implied domains."""
    families, named = profile["families"], profile["named"]
    domains = dict(declared.domains)
    for name, (low, _high) in implied.items():
        if low is not None and low >= 0 and name not in domains:
            domains[name] = {"positive": True}

    shared: dict = {"vectors": set(), "matrix": False, "defined": set()}
    trees = [t for t in (tree, *map(tree_of, given)) if t is not None]
    sequences = sequences_in(trees)
    # N in ∏_{n=1}^N of a given is the claim's N too: a whole number wherever it is written
    limits = set().union(*(limit_names(t) for t in trees))

    def names(known=None) -> Names:
        made = Names(
            declared.random,
            families,
            named,
            known or {},
            domains=dict(domains),
            matrix=shared["matrix"],
            vectors=set(shared["vectors"]),
            shapes=dict(declared.shapes),
            notation=notation,
        )
        if declared.dimension is not None:
            made.dimension = declared.dimension
        made.defined_symbols = set(declared.defined)
        made.random_vectors = set(declared.random_vectors)
        made.matrices = set(declared.spd)  # W ≻ 0: W(x − s) is a product, not a function
        made.sequences = set(sequences)
        made.vectors_by_definition = set(shared["defined"])
        for limit in limits:  # a declared range (N ≥ 2) keeps its bounds; N is whole anyway
            declared_domain = made.domains.get(limit)
            made.domains[limit] = {"positive": True, **(declared_domain or {}), "integer": True}
            whole = "a whole number" if declared_domain else "a whole number ≥ 1"
            made.note(limit, whole, "implied: a limit of a sum or product")
        return made

    first = None
    for _ in range(3):  # read again with the claim's vectors (and their definitions' letters)
        try:
            givens = build_givens(given, names)
        except UsageError:
            if first is None:
                raise
            givens, main = first  # the givens do not read with the claim's vectors
            break
        laws = {
            g.lhs.name: g.rhs for _, g in givens if g.kind in ("equal", "define") and _is_law(g.rhs)
        }
        reader = names(laws)
        for _, g in givens:  # w = (λI + ΦᵀΦ)⁻¹Φᵀt, Φ ∈ ℝ^{3×2}: w is of the explicit size
            if g.kind in ("equal", "define") and isinstance(g.lhs, (Symbol, MatrixSymbol)):
                shape = g.rhs.shape if isinstance(g.rhs, MatrixExpr) else None
                explicit = shape and all(getattr(d, "is_Integer", False) for d in shape)
                if explicit and shape != (1, 1) and g.lhs.name not in declared.shapes:
                    reader.shapes[g.lhs.name] = shape
        reader.defined_functions = {
            str(g.lhs.func)
            for _, g in givens
            if g.kind in ("equal", "define") and is_function_definition(g.lhs)
        }
        try:
            main = build(tree, reader)
            if main.kind == "equal":
                lhs, rhs = equated(main.lhs, main.rhs)
                main = replace(main, lhs=lhs, rhs=rhs)
        except IllFormed as error:
            return _ill_formed(error, reader)
        vectors = vector_names(main)
        if main.matrix:  # μ₁ = a·z_t + b·x defines the claim's vector μ₁: z_t and x are too
            found = vectors_in_definitions(givens, declared, shared["vectors"] | vectors)
            shared["defined"] = shared["defined"] | (found - vectors)
            vectors |= found
        if not main.matrix or not given or (shared["matrix"] and vectors <= shared["vectors"]):
            break
        # m_c = Σ_c(Σ₁⁻¹m₁ + Σ₂⁻¹m₂) defines the vector m_c of the claim: a given is read with
        # the claim's vectors, so that its definition is the one the claim's symbol takes
        shared["matrix"], shared["vectors"] = True, shared["vectors"] | vectors
        first = (givens, main)
    for letter in shared["defined"]:  # read as vectors in their givens: the verdict says so
        reader.note(letter, "an n-vector", "implied: a term of a vector's definition")
    main, used = expectations_under_declared(main, givens, names)
    variables, definitions, said, constraints = {}, dict(profile["definitions"]), {}, []
    indexed = []  # functions whose body names the argument in subscripts
    for text, g in givens:
        if g.kind == "distributed" and is_joint_law(g.lhs, g.rhs):
            read_joint_law(g, text, variables, definitions, reader)
        elif g.kind == "distributed" and getattr(g.lhs, "name", None) in declared.random:
            once(said, g.lhs, g.rhs, text)
            variables[g.lhs] = g.rhs
        elif g.kind in ("equal", "define") and is_symmetry(g.lhs, g.rhs):
            continue  # A = A^T: a symmetric matrix, read by read_givens
        elif g.kind == "tuple":
            constraints += components(g, text, declared.random, definitions, said)
        elif g.kind == "conditional":
            conditional_law(g, text, variables, definitions, said, reader)
        elif g.kind in ("equal", "define") and is_likelihood(g, declared.random, main):
            read_likelihood(g, text, variables, definitions, said, reader)  # p(y | w) = N(…)
            used.add(text)
        elif g.kind in ("equal", "define") and _is_law(g.rhs):
            continue  # P = N(μ, σ²): a name for a law, used as written
        elif g.kind in ("equal", "define") and _law_by_density(g, declared):
            once(said, g.rhs.point, g.rhs.dist, text)  # p(X) = N(X; m, v) of an X under E[…]
            variables[g.rhs.point] = g.rhs.dist
            used.add(text)
            said_so = f"declared: {text}"
            reader.note(g.rhs.point.name, "random, of the law its density states", said_so)
        elif g.kind in ("equal", "define") and _defines_function(g, main, givens):
            head, value = function_definition(g.lhs, g.rhs)
            once(said, head, value, text)
            if len(value.variables) == 1 and indexed_by(value.variables[0], value.expr):
                # SNR(t) = α_t²/σ_t²: a body that depends on t through subscripts
                indexed.append((head, value.variables[0], value.expr))
            else:
                definitions[head] = value
        elif g.kind in ("equal", "define") and _power_of_positive(g.lhs):
            base, exponent = g.lhs.base, g.lhs.exp  # σ_t² = v defines σ_t = v^(1/2), σ_t > 0
            once(said, base, g.rhs ** (1 / exponent), text)
            definitions[base] = g.rhs ** (1 / exponent)
        elif g.kind in ("equal", "define") and _even_power(g.lhs):
            once(said, g.lhs, g.rhs, text)  # α_t² = v: every α_t² written is v
            definitions[g.lhs] = g.rhs
            base, k = g.lhs.base, g.lhs.exp  # and α_t⁻² is 1/v, α_t⁴ is v² (b/α_s² in VDM)
            definitions.update({base ** (m * k): g.rhs**m for m in (-3, -2, -1, 2, 3)})
        elif g.kind in ("equal", "define") and _definable(g.lhs):
            once(said, g.lhs, g.rhs, text)
            definitions[defined_as(g.lhs, g.rhs)] = g.rhs
        elif g.kind in ("equal", "define") and inverted(g.lhs, g.rhs):
            letter, value = inverted(g.lhs, g.rhs)  # log α_t = v: α_t = e^v
            once(said, letter, value, text)
            definitions[letter] = value
        elif g.kind in ("equal", "define") and is_entropy_definition(g.lhs, g.rhs):
            continue  # H[x] = −∫ p ln p: the definition derive reads H[x] with
        elif g.kind in ("equal", "define") and restates_known(g.lhs, g.rhs):
            continue  # sigmoid(x) := 1/(1 + e^{-x}): what derive already reads, constrains nothing
        elif g.kind in ("equal", "define") and defines_builtin(text):
            raise UsageError(
                f"--given {quoted(text)} defines a function derive knows (cos, tanh, sigmoid, "
                "softplus, ...) otherwise than its standard meaning; give it another name"
            )
        elif g.kind in ("equal", "define"):
            constraints.append(text)  # Σ π_k = 1: used by no check, so no refutation trusts it
        elif g.kind not in ("member", "inequality", "independent"):
            raise UsageError(
                f"a given must declare 'X \\sim N(m, v)', define 'name = expression', or state "
                f"a domain 'a \\in ...', '0 < a < 1': {quoted(text)}"
            )
    tuples = {getattr(g.lhs, "name", None) for _, g in givens if g.kind == "tuple"}
    main = written_out(main, definitions, tuples)  # x = (x_1, x_2): ‖x‖² is x_1² + x_2²
    defined = set(definitions) | {head for head, _, _ in indexed}
    definitions.update(function_ranges.definitions(declared.function_ranges, defined))
    used |= posteriors(givens, variables, definitions, reader)
    densities = posterior_definitions(definitions, reader)  # Bayes' rule (bayes_rule.py)
    (lhs, left), (rhs, right) = (
        evidence_form(s, definitions, reader) for s in (main.lhs, main.rhs)
    )
    main = replace(main, lhs=lhs, rhs=rhs)
    densities |= left | right | mixture_densities(definitions)
    used |= {text for text, g in givens if {g.lhs, getattr(g.lhs, "func", None)} & densities}
    constraints += orders(givens, main, variables, definitions, declared, reader)
    constraints += mismatched(givens, main, definitions)
    unused = [(text, g) for text, g in givens if text not in used]
    constraints += silent_givens(unused, main, variables, definitions)
    for head, parameter, body in indexed:
        main = replace(
            main,
            lhs=apply_indexed_definition(main.lhs, head, parameter, body),
            rhs=apply_indexed_definition(main.rhs, head, parameter, body),
        )
        definitions = {
            k: apply_indexed_definition(v, head, parameter, body) for k, v in definitions.items()
        }
    definitions.update(family_members(definitions, main))
    main = with_declared_densities(main, variables, definitions, reader)
    if isinstance(main, Decision):
        return main
    main = derivatives_first(main, definitions)  # ∇_{x_t} with x_t = √ᾱ x_0 + √(1 − ᾱ) ε
    main = with_entropies(main, variables)
    main = with_mixtures(main, definitions)
    main = with_coordinates(main, definitions, variables)
    main = conditioned(main, variables, definitions)
    if isinstance(main, Decision):
        return main
    # X ~ Beta(a, b), Gamma, Exp: their expectations in closed form
    main, variables, left = with_named_laws(main, variables, reader, definitions)
    if left:
        return Decision("", "undecided", reason=left)
    positive = set(main.positive).union(*(g.positive for _, g in givens))
    return {
        "main": main,
        "variables": variables,
        "definitions": definitions,
        "names": reader,
        "positive": positive,
        "constraints": constraints,
        "constraint_forms": forms_of(givens),
    }


def _defines_function(g, main, givens) -> bool:
    """Whether a given ``f(x, t) = body`` defines f: its body does not apply f (f(x, y) =
    f(x)f(y) is a property) and f is applied with as many arguments everywhere."""
    if not is_function_definition(g.lhs):
        return False
    head, arity = g.lhs.func, len(g.lhs.args)
    sides = (main.lhs, main.rhs, *(side for _, other in givens for side in (other.lhs, other.rhs)))
    applied = [a for side in sides for a in getattr(side, "atoms", lambda *_: ())(AppliedUndef)]
    if any(a.func == head for a in getattr(g.rhs, "atoms", lambda *_: ())(AppliedUndef)):
        return False
    return all(len(a.args) == arity for a in applied if a.func == head)


def _explicit_size(shape) -> bool:
    """Whether a declared shape has a size written as a number other than 1 (ℝ², ℝ^{3×3})."""
    return any(getattr(d, "is_Integer", isinstance(d, int)) and d != 1 for d in shape)


def _ill_formed(error, reader) -> Decision:
    r"""A claim whose shapes do not match fails, unless a letter in it was read as a number
    only because nothing declared it (u in A + uvᵀ): the mismatch may then be derive's
    misreading, so the claim is undecided, saying what to declare. Capitals (matrices) and
    transposed letters (vectors) are the documented conventions, and stated in the verdict.

    Example:
        >>> d = decide(r"\det(\mathbf{A} + \mathbf{u}\mathbf{v}^{\top}) = \det(\mathbf{A})")
        >>> d.kind, d.reason.split("; ")[1].split(":")[0]
        ('undecided', 'u read as a number, nothing declares it')
        >>> decide(r"\mathbf{tr}[\Sigma^{-1} (x - \mu)^T (x - \mu)] = 0").kind
        'fails'
    """
    explicit = sorted(name for name, shape in reader.shapes.items() if _explicit_size(shape))
    defaulted = sorted(reader.defaulted - set(reader.shapes))
    if explicit and defaulted:  # A read as n×n beside x ∈ ℝ²: the default, not the claim
        decision = Decision("", "undecided")
        decision.reason = (
            f"the shapes do not match as read: {error}; {', '.join(defaulted)} read with the "
            f"default size n beside the declared size of {', '.join(explicit)}: declare its "
            f"shape (e.g. --given '{defaulted[0]} \\in \\mathbb{{R}}^{{2 \\times 2}}')"
        )
        return decision.settle("undecided")
    guessed = sorted(reader.guessed - set(reader.shapes))
    if not guessed:
        return Decision("", "fails").settle("fails", f"not well-formed: {error}")
    names = ", ".join(guessed)
    if len(guessed) == 1:
        said = f"{names} read as a number, nothing declares it: declare its shape"
    else:
        said = f"{names} read as numbers, nothing declares them: declare their shapes"
    decision = Decision("", "undecided")
    decision.reason = (
        f"the shapes do not match as read: {error}; {said} "
        f"(e.g. --given '{guessed[0]} \\in \\mathbb{{R}}^n')"
    )
    return decision.settle("undecided")


def _even_power(lhs) -> bool:
    return bool(lhs.is_Pow and isinstance(lhs.base, Symbol) and lhs.exp.is_even)


def _power_of_positive(lhs) -> bool:
    return bool(lhs.is_Pow and isinstance(lhs.base, Symbol) and lhs.base.is_positive)


def _definable(lhs) -> bool:
    from ..diffusion import ConditionalDensity

    return isinstance(lhs, (Symbol, MatrixSymbol, ConditionalDensity)) or (
        hasattr(lhs, "base") and hasattr(lhs, "indices")
    )


def inverted(lhs, rhs):
    r"""``(letter, value)`` where ``lhs = rhs`` sets the logarithm or the reciprocal of one letter
    equal to a value, as schedules are given (``\log\alpha_t = …``, ``1/\tilde\beta_t = …``):
    the equation holds exactly when the letter is that value, for every real value; else None.
    (A root or an exponential set equal to a value also bounds the value: not read here.)

    Example:
        >>> from sympy import Symbol, log, sqrt
        >>> a, v = Symbol("a"), Symbol("v", real=True)
        >>> inverted(log(a), v), inverted(1 / a, v), inverted(sqrt(a), v), inverted(a + 1, v)
        ((a, exp(v)), (a, 1/v), None, None)
    """
    from sympy import exp, log

    if isinstance(lhs, log) and _definable(lhs.args[0]):
        return lhs.args[0], exp(rhs)
    if lhs.is_Pow and lhs.exp == -1 and _definable(lhs.base):
        return lhs.base, 1 / rhs
    return None


def _law_by_density(g, declared) -> bool:
    """Whether ``g`` is a density ``p(X) = N(X; m, v)`` read as the law of X."""
    from .givens import density_of_letter

    return density_of_letter(g.lhs, g.rhs) and g.rhs.point.name in declared.laws_by_density


def _is_law(expr) -> bool:
    from ..gaussian import Moments

    return isinstance(expr, Moments)


def _profile(name: str | None, texts: tuple = ()) -> dict:
    """What a notation brings to a claim (nothing without one). The named results (the
    posterior's β̃_t and μ̃_t, a derivation built for them: a third of a second) only where
    one of ``texts`` writes a tilde, the only way to name them."""
    if name is None:
        return {"families": {}, "named": {}, "definitions": {}, "ranges": {}}
    from ..diffusion import notation

    nt = notation(name)
    families = {nt.beta.label.name: nt.beta, nt.cumulative_family.label.name: nt.cumulative_family}
    if nt.per_step is not None:
        families[nt.per_step.label.name] = nt.per_step
    named = _named_results(name) if any("tilde" in text for text in texts) else {}
    return {
        "families": families,
        "named": named,
        "definitions": {**nt.definitions, **named},
        "ranges": nt.ranges,
    }


def _named_results(name: str) -> dict:
    """β̃_t and μ̃_t of the notation ``name``: the posterior derivation's results."""
    from ..registry import load

    results = load("posterior", name).results
    return {
        Symbol("betatilde_t", real=True): results["variance"],
        Symbol("mutilde_t", real=True): results["mean"],
    }


def sampling_ranges(symbols, declared_ranges: dict, implied: dict, notation_ranges: dict):
    """Sampling ranges for the checker: declared ranges first, then implied ones; a
    half-bounded range is sampled over a width of :data:`WIDTH`."""
    ranges = dict(notation_ranges)
    for s in symbols:
        bounds = declared_ranges.get(s.name) or implied.get(s.name)
        if bounds is None:
            continue
        low, high = bounds
        if low is not None and high is not None:
            ranges[s] = (low, high)
        elif low is not None and low != 0:
            ranges[s] = (low, low + WIDTH)
        elif high is not None:
            ranges[s] = (high - WIDTH, high)
    return ranges


def assumption_lines(readings) -> list:
    """The verdict's assumptions, one line each, in a stable order."""
    return [str(a) for a in sorted(set(readings))]


__all__ = ["Assumption", "Claim", "Decision", "decide"]


def report(decision: Decision, fmt: str = "txt") -> str:
    """The decision as text or JSON (:func:`derive.claims.report.report`)."""
    from .report import report as render

    return render(decision, fmt)
