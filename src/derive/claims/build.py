"""From a parse tree of the claim language to SymPy objects the checker knows.

What a name stands for is decided by :mod:`derive.claims.names`; shapes are checked by
:mod:`derive.claims.shapes`; the builder's rules are mixins, one module per family:
:mod:`~derive.claims.arithmetic_rules` (numbers, vectors, matrices),
:mod:`~derive.claims.symbol_rules` (names, applications, sums),
:mod:`~derive.claims.probability_rules`, :mod:`~derive.claims.calculus_rules` and
:mod:`~derive.claims.domain_rules`.

Example:
    >>> from derive.claims.parse import parse
    >>> build(parse("a + b = b + a")).kind
    'equal'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Transformer, Tree
from lark.exceptions import VisitError
from sympy import Symbol

from ..errors import CheckTimeout, UsageError
from . import scan
from .arithmetic_rules import ArithmeticRules
from .calculus_rules import CalculusRules
from .domain_rules import DomainRules
from .names import DIMENSION, Names
from .probability_rules import ProbabilityRules
from .shapes import IllFormed
from .symbol_rules import SymbolRules, define_function, step_index

__all__ = [
    "Claim",
    "IllFormed",
    "build",
    "define_function",
    "letters",
    "sequences_in",
    "step_index",
]


@dataclass
class Claim:
    """A parsed claim: ``kind`` (equal, proportional, distributed, question, define,
    inequality, member, independent), both sides, and what the builder learnt."""

    kind: str
    lhs: object
    rhs: object
    matrix: bool = False
    positive: set = field(default_factory=set)
    names: Names | None = None
    relations: tuple = ()
    spd: frozenset = frozenset()  # covariances of laws the claim wrote but no longer shows


_DOTS = ("\\dots", "\\ldots", "\\cdots", "...")


@dataclass(frozen=True)
class _TuplePower:
    """The exponent written on a tuple (only ^T is read)."""

    exponent: object


def build(tree: Tree, names: Names | None = None, one_coordinate: bool = False) -> Claim:
    """The claim ``tree`` as SymPy, reading names with ``names`` (a fresh :class:`Names`
    if none): bound indices, unknown functions, vectors and densities are found first.
    ``one_coordinate`` reads it one coordinate at a time even where it names a density (for a
    given law N(m, c I) used by a claim that is itself read one coordinate at a time)."""
    names = names or Names()
    sizes = scan.identity_sizes(tree)
    if len(sizes) == 1 and names.dimension == DIMENSION:  # N(0, I_d): vectors of size d
        names.dimension = Symbol(sizes.pop(), integer=True, positive=True)
    # x declared by a multivariate law (x ~ N(μ, Σ)) makes a claim about x multivariate
    vector_claim = bool(names.random_vectors) and bool(names.random_vectors & letters(tree, names))
    names.coordinatewise = (
        not names.shapes
        and not names.matrix
        and not vector_claim
        and (one_coordinate or scan.coordinatewise(tree))
    )
    if names.coordinatewise:
        names.note(
            "the claim",
            "read one coordinate at a time (covariances multiples of I, "
            "no operation mixing coordinates)",
            "implied: only I and 0 are multivariate",
        )
    names.matrix = names.matrix or bool(names.shapes) or vector_claim
    names.matrix = names.matrix or (scan.is_matrix_claim(tree) and not names.coordinatewise)
    names.bound = names.bound | scan.bound_names(tree)
    for limit in scan.limit_names(tree) - set(names.domains):
        names.domains[limit] = {"integer": True, "positive": True}
        names.note(limit, "a whole number ≥ 1", "implied: a limit of a sum or product")
    bare = _Builder(Names(names.random, names.families, names.named, names.known))
    namer = _namer(bare)
    names.sequences = names.sequences | scan.sequence_names(tree, namer)
    names.functions = names.functions | {
        n for n in scan.applied_heads(tree, namer) if _free(n, names) and n not in names.matrices
    }
    if names.matrix:  # a letter declared a number (β > 0, a ∈ ℝ) is none of a mean's vectors
        names.vectors = names.vectors | {
            namer(s)
            for place in scan.vector_places(tree)
            for s in (*place.find_data("symbol"), *place.find_data("ascii_indexed"))
        } - _declared_numbers(names)
    both = scan.indexed_both_ways(tree, namer)
    if both:
        raise UsageError(
            f"{both}^{{(…)}} is written both alone and applied to an argument: write "
            f"{both}^{{(…)}} \\cdot (…) for a product, or give the function its own letter"
        )
    labels = {namer(h) for h in scan.density_heads(tree)} - names.defined_functions
    names.functions = (names.functions - labels) | names.defined_functions
    demoted: set = set()
    for _ in range(8):  # a letter added to a vector is a vector: read again with it
        builder = _Builder(names)
        builder.labels = labels
        try:
            kind, lhs, rhs, *rest = builder.transform(tree)
            break
        except VisitError as error:
            demote = getattr(error.orig_exc, "demote", None)
            if names.matrix and demote in names.vectors - demoted:
                # √ᾱ x₀ in a law's mean: the coefficient of a vector is a number
                names.vectors.discard(demote)
                demoted.add(demote)
                names.note(demote, "a number", "implied: the coefficient of a vector")
                continue
            promote = getattr(error.orig_exc, "promote", None)
            if (
                not names.matrix
                or promote is None
                or promote in names.vectors | set(names.domains) | demoted
            ):
                _refuse_default_reading(error, names)
                _reraise(error)
            names.vectors.add(promote)
            names.note(promote, "an n-vector", "implied: added to a vector")
    relations = tuple(rest[0]) if rest else ()
    return Claim(
        kind, lhs, rhs, names.matrix, builder.positive, names, relations, frozenset(builder.spd)
    )


def letters(tree: Tree, names: Names) -> set:
    """The names of the letters ``tree`` writes, as ``names`` spells them."""
    namer = _namer(_Builder(Names(names.random, names.families, names.named, names.known)))
    nodes = (*tree.find_data("symbol"), *tree.find_data("ascii_indexed"))
    return {name for name in map(namer, nodes) if name}


def _declared_numbers(names: Names) -> set:
    """The letters a domain declares real numbers (an inequality, ``a \\in \\mathbb{R}``), not
    declared as vectors or matrices."""
    return {name for name, domain in names.domains.items() if domain} - set(names.shapes)


def sequences_in(trees) -> set:
    """The letters any of ``trees`` indexes by a sum's index (x in Σ_n x_n), so that a claim
    and its givens read x_N alike."""
    namer = _namer(_Builder(Names()))
    return set().union(*(scan.sequence_names(tree, namer) for tree in trees))


def _refuse_default_reading(error: VisitError, names: Names) -> None:
    """A sum of a matrix and a number whose number side has letters derive read as numbers
    by default (nothing declared them) is a question of reading, not a false claim: x_b in
    μ_a − Λ_aa⁻¹Λ_ab(x_b − μ_b) is a vector the claim does not mark as one."""
    sizes = getattr(error.orig_exc, "sizes", None)
    if sizes and names.shapes:
        dims = {d for shape in sizes for d in shape}
        if any(getattr(d, "is_Symbol", False) for d in dims) and any(
            getattr(d, "is_Integer", False) and d != 1 for d in dims
        ):
            raise UsageError(
                f"a sum of vectors or matrices of shapes {sizes[0]} and {sizes[1]}: some sizes "
                "are declared as numbers, others read as the default n; declare every shape "
                "(--given 'x \\in \\mathbb{R}^2')"
            )
    numbers = getattr(error.orig_exc, "numbers", ())
    declared = set(names.domains) | set(names.shapes) | set(names.random) | set(names.known)
    undeclared = [n for n in numbers if n not in declared and n not in names.bound]
    if names.matrix and undeclared:
        shown = ", ".join(undeclared)
        raise UsageError(
            f"a sum of a matrix and a number, where {shown} was read as a number by default; "
            f"declare its shape (--given '{undeclared[0]} \\in \\mathbb{{R}}^n' for a vector)"
        )


def _reraise(error: VisitError):
    """The building error as the reader reports it."""
    if isinstance(error.orig_exc, (UsageError, IllFormed, CheckTimeout, RecursionError)):
        raise error.orig_exc from None
    raise UsageError(f"cannot read the claim as mathematics: {_construct(error)}") from None


def _construct(error: VisitError) -> str:
    """The construct a building error happened in, as a reader names it."""
    rule = getattr(error, "rule", None) or getattr(getattr(error, "obj", None), "data", "")
    return f"the construct '{rule}' is not supported here"


def _free(name: str, names: Names) -> bool:
    """Whether ``name`` is free to be an unknown function (not a notation's name or variable)."""
    taken = set(names.known) | set(names.random) | set(names.domains) | set(names.shapes)
    taken |= names.defined_symbols
    return name not in taken and Symbol(name, real=True) not in names.named


def _namer(bare: _Builder):
    def name_of(node) -> str | None:
        try:
            made = bare.transform(node)
        except (VisitError, UsageError):
            return None
        return getattr(made, "name", None) if not isinstance(made, str) else made

    return name_of


class _Builder(
    ArithmeticRules, SymbolRules, ProbabilityRules, CalculusRules, DomainRules, Transformer
):
    def __init__(self, names: Names):
        super().__init__()
        self.names = names
        self.labels: set = set()
        self.positive: set = set()
        self.spd: set = set()

    # --- claims -------------------------------------------------------------------------------
    def start(self, children):
        return children[0]

    def equal(self, children):
        return ("equal", children[0], children[1])

    def tuple_given(self, children):
        return ("tuple", children[0], children[-1])

    def tuple(self, children):
        """The components of a tuple, in order (a row of dots as the string "…"); a
        transpose on it changes nothing (a tuple is a column either way)."""
        if children and isinstance(children[-1], _TuplePower):
            if children[-1].exponent != "T":
                raise UsageError("a tuple of components takes only a transpose, (x_1, x_2)^T")
            children = children[:-1]
        return tuple("…" if str(c) in _DOTS else c for c in children)

    def tuple_power(self, children):
        return _TuplePower(children[0])

    def define(self, children):
        return ("define", children[0], children[2])

    def proportional(self, children):
        return ("proportional", children[0], children[2])

    def distributed(self, children):
        return ("distributed", children[0], children[2])

    def conditional_law(self, children):
        targets, _, conditions, _, law = children
        return ("conditional", targets, law, [tuple(conditions)])

    def question(self, children):
        return ("question", children[0], None)

    def inequality(self, children):
        terms, relations = children[0::2], [str(r) for r in children[1::2]]
        return (
            "inequality",
            terms[0],
            terms[-1],
            list(zip(terms, relations, terms[1:], strict=False)),
        )

    def member(self, children):
        return ("member", children[0], children[2])

    def independent(self, children):
        return ("independent", children[0], children[2])
