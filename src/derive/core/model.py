"""The proof model: a derivation is a chain of steps, each a relation, a new side and a rule.

As in a Lean ``calc`` block, a step's left side is the previous step's right side, and the
relations compose: ``=`` then ``∝ x`` gives ``∝ x``.

Example:
    >>> from sympy import symbols
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes.txt", "§1"), start=(a + b)**2)
    >>> d.eq(a**2 + 2*a*b + b**2, Rule("expand the square")).final
    a**2 + 2*a*b + b**2
    >>> [str(c) for c in d.assumptions]
    ['a > 0', 'b > 0']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass, field

from sympy import (
    Basic,
    Contains,
    Eq,
    Gt,
    Indexed,
    IndexedBase,
    Interval,
    LessThan,
    Rational,
    S,
    Symbol,
    sympify,
)

from ..errors import DerivationError
from .rules import Lemma, Rule, lemma


@dataclass(frozen=True)
class Relation:
    """How a step's new side relates to the previous one: ``=``, ``∝`` (in ``var``), ``⇒``.

    Example:
        >>> from sympy import Symbol
        >>> EQ.then(proportional(Symbol("x"))).symbol
        '∝'
    """

    symbol: str
    var: Symbol | None = None

    def then(self, other: Relation) -> Relation:
        """The relation of a chain ``a R b``, ``b S c`` between ``a`` and ``c`` (a conclusion
        ``⇒`` ends the chain with a statement of its own)."""
        if self == EQ or other.symbol == "⇒":
            return other
        if other == EQ or other == self:
            return self
        raise DerivationError(f"cannot chain '{self}' with '{other}'")

    def __str__(self) -> str:
        return self.symbol if self.var is None else f"{self.symbol} (in {self.var})"


EQ = Relation("=")
IMPLIES = Relation("⇒")
SIM = Relation("~")
AT_MOST = Relation("≤")


def proportional(var: Symbol) -> Relation:
    """``∝`` as functions of ``var``: the ratio of the two sides does not depend on ``var``."""
    return Relation("∝", var)


@dataclass(frozen=True)
class Source:
    """The document and section a derivation reproduces (files in ``shared/seeds/``)."""

    document: str
    section: str

    def __str__(self) -> str:
        return f"{self.document}, {self.section}"


@dataclass(frozen=True)
class Step:
    """One link of the chain: ``previous <relation> expr``, justified by ``rule``."""

    relation: Relation
    expr: Basic
    rule: Rule


@dataclass(frozen=True)
class Implementation:
    """A plain Python function computing named results, the code one would put in a training
    loop; ``arguments`` maps each parameter name to the expression it stands for."""

    function: Callable
    results: tuple[str, ...]
    arguments: dict


@dataclass(frozen=True)
class Figure:
    """A plot of the result: ``draw(axes)`` draws on matplotlib axes (fixed seed, no clock)."""

    draw: Callable
    caption: str


@dataclass(frozen=True)
class Assumption:
    """A property of a model that the kernel takes as given rather than proves: ``name`` (words,
    as a verdict lists it), ``formula`` (what it says, as the documents print it) and
    ``without``: ``(object, reduction)`` pairs replacing the declared definitions when it is
    dropped (an object reduced to itself is left alone). A step whose check fails without it is
    verified "by assumption", naming it.

    Example:
        >>> from sympy import Eq, Function, Symbol
        >>> k, x = Function("k"), Symbol("x")
        >>> Assumption("k is even", Eq(k(-x), k(x)), ((k(-x), k(-x)),)).name
        'k is even'
    """

    name: str
    formula: Basic | None = None
    without: tuple = ()


@dataclass(frozen=True)
class Declared:
    """What a domain object (a stochastic process) declares to the kernel, as plain data: the
    kernel holds this, never the object.

    Attributes:
        definitions: ``(object, reduction)`` pairs the checker substitutes (a conditional
            density by the process's factors).
        statements: ``(object, value)`` pairs a document prints as what the process is.
        facts: ``(name, value)`` strings only the declaring domain's plug-ins read (which
            process the steps are about).
        assumed: the :class:`Assumption` s of the model that the definitions or the domain's
            rules encode (the Markov property of a forward process): steps that need one are
            verified "by assumption", not proved.

    Example:
        >>> Declared(facts=(("domain.process", "ddpm"),)).fact("domain.process")
        'ddpm'
    """

    definitions: tuple = ()
    statements: tuple = ()
    facts: tuple = ()
    assumed: tuple = ()

    def fact(self, name: str) -> str | None:
        """The value of the fact ``name``, or None."""
        return dict(self.facts).get(name)

    def assumption(self, name: str) -> Assumption | None:
        """The declared assumption called ``name``, or None."""
        return next((a for a in self.assumed if a.name == name), None)


def declare(process) -> Declared:
    """``process`` as plain data, by the domain that registered a declarer for it."""
    from .plugins import PLUGINS

    for declarer in PLUGINS.declarers:
        declared = declarer(process)
        if declared is not None:
            return declared
    raise DerivationError(f"no domain declares a process of type {type(process).__name__}")


@dataclass(eq=False)
class Derivation:
    """A named, sourced chain of steps from ``start`` to named results.

    Args:
        name: the CLI name (``kl``).
        title: one line saying what is derived.
        source: the document and section it reproduces.
        start: the expression the chain starts from.
        ranges: open intervals for symbols beyond their SymPy assumptions
            (``{beta: (0, 1)}``); the checker samples inside them.
        variables: random variables the derivation declares, with their laws; declared
            variables are independent.
        definitions: symbols that abbreviate expressions (``{abar_t: alpha_t * abar_s}``);
            the checker substitutes them.
        matrices: what each matrix symbol is: ``"spd"`` (symmetric positive definite),
            ``"square"`` (invertible) or ``"vector"`` (the default for n×1).
        process: a stochastic process whose conditional densities the steps use (a
            :class:`~derive.diffusion.ForwardChain`), given when the derivation is built: the
            domain that knows it turns it into ``declared`` (plain data), and the kernel
            keeps nothing of the object itself.
        declared: what the process declares (:class:`Declared`): the reductions of its
            densities, the statements the document prints, the facts the domain's plug-ins
            read back.
    """

    name: str
    title: str
    source: Source
    start: Basic
    ranges: dict[Symbol, tuple] = field(default_factory=dict)
    variables: dict[Symbol, Basic] = field(default_factory=dict)
    definitions: dict[Symbol, Basic] = field(default_factory=dict)
    matrices: dict[Basic, str] = field(default_factory=dict)
    process: InitVar[object] = None
    declared: Declared = field(default_factory=lambda: Declared())
    steps: list[Step] = field(default_factory=list)
    results: dict[str, Basic] = field(default_factory=dict)
    named: dict[str, Basic] = field(default_factory=dict)  # the sources' names of results
    included: list[Lemma] = field(default_factory=list)
    implementation: Implementation | None = None
    figure: Figure | None = None

    def __post_init__(self, process):
        if process is not None:
            self.declared = declare(process)

    def step(self, relation: Relation, expr, rule: Rule) -> Derivation:
        """Append ``<relation> expr`` justified by ``rule``; returns the derivation."""
        self.relation.then(relation)
        self.steps.append(Step(relation, sympify(expr), rule))
        return self

    def eq(self, expr, rule: Rule) -> Derivation:
        """Append ``= expr`` justified by ``rule``."""
        return self.step(EQ, expr, rule)

    def prop(self, expr, var: Symbol, rule: Rule) -> Derivation:
        """Append ``∝ expr`` (as functions of ``var``) justified by ``rule``."""
        return self.step(proportional(var), expr, rule)

    def include(self, derivation: Derivation) -> Derivation:
        """Prove ``derivation`` in this document as a lemma of its own, cited by no step."""
        self.included.append(lemma(derivation))
        return self

    def result(self, name: str, expr=None, symbol: Basic | None = None) -> Derivation:
        """Name the final right side, or a part of it, as a result of the derivation; a
        ``symbol`` is the name the sources give it (μ̃_t), which the theorem then states it with
        ("…, where μ̃_t = …")."""
        expr = self.final if expr is None else sympify(expr)
        if not self.final.has(expr):
            raise DerivationError(f"result '{name}' is not part of the final expression")
        self.results[name] = expr
        if symbol is not None:
            self.named[name] = symbol
        return self

    def implement(self, function: Callable, results, **arguments) -> Derivation:
        """Attach ``function``, which computes the named ``results`` (one name or several, in
        the order it returns them) from parameters standing for ``arguments``."""
        names = (results,) if isinstance(results, str) else tuple(results)
        unknown = [n for n in names if n not in self.results]
        if unknown:
            raise DerivationError(f"implementation of unknown results {unknown}")
        self.implementation = Implementation(function, names, dict(arguments))
        return self

    def illustrate(self, draw: Callable, caption: str) -> Derivation:
        """Attach a figure: ``draw(axes)`` plots on matplotlib axes."""
        self.figure = Figure(draw, caption)
        return self

    def _repr_markdown_(self) -> str | None:
        """The checked proof as Markdown with math, for Jupyter (checks every step)."""
        from .display import markdown
        from .verify import verify

        return markdown(verify(self))

    @property
    def final(self) -> Basic:
        """The right side of the last step (the start, before any step)."""
        return self.steps[-1].expr if self.steps else self.start

    @property
    def statement(self) -> Basic:
        """What the chain proves, as one SymPy object: ``Eq(start, final)``, ``start ~ final``,
        ``start ∝ final``, ``start ≤ final``, or the conclusion of a ``⇒``."""
        from .statements import Distributed, Proportional

        symbol, start, final = self.relation.symbol, self.start, self.final
        if symbol == "⇒":
            return final
        if symbol == "~":
            return Distributed(start, final)
        if symbol == "∝":
            return Proportional(start, final, self.relation.var)
        if symbol == "≤":
            return LessThan(start, final, evaluate=False)
        return Eq(start, final, evaluate=False)

    @property
    def relation(self) -> Relation:
        """The relation the whole chain establishes between ``start`` and ``final``."""
        relation = EQ
        for step in self.steps:
            relation = relation.then(step.relation)
        return relation

    @property
    def citations(self) -> list[Lemma]:
        """The included lemmas, then the chain's lemma rules, one per derivation, in order."""
        cited: dict[int, Lemma] = {}
        rules = [*self.included, *(step.rule for step in self.steps)]
        for rule in rules:
            if isinstance(rule, Lemma):
                cited.setdefault(id(rule.derivation), rule)
        return list(cited.values())

    @property
    def symbols(self) -> list[Symbol]:
        """The free symbols of the chain and of its declarations, sorted by name (members of
        indexed families, such as ``alpha[t]``, are not symbols of their own)."""
        found: set[Symbol] = set(self.start.free_symbols)
        for step in self.steps:
            found |= step.expr.free_symbols
        for law in self.variables.values():
            found |= law.free_symbols
        families = {
            label
            for label in found
            if any(isinstance(i, Indexed) and i.base.label == label for i in found)
        }
        chosen = [s for s in found if isinstance(s, Symbol) and s not in families]
        return sorted(chosen, key=lambda s: (s.name, s.sort_key()))

    @property
    def assumptions(self) -> list[Basic]:
        """What the derivation assumes of its symbols, as SymPy propositions.

        Read off each symbol's SymPy assumptions and ``ranges``, so they cannot drift apart.
        """
        from .statements import PositiveDefinite

        stated = []
        for symbol in self.symbols:
            if symbol in self.variables or symbol in self.definitions:
                continue  # stated with its law, or defined
            if getattr(symbol, "random_variable", False):
                continue  # a random variable, defined by the derivation
            if symbol in self.ranges:
                low, high = (Rational(bound) for bound in self.ranges[symbol])
                stated.append(Contains(symbol, Interval.open(low, high), evaluate=False))
            elif symbol.is_integer and symbol.is_positive:
                stated.append(Contains(symbol, S.Naturals, evaluate=False))
            elif symbol.is_positive:
                stated.append(Gt(symbol, 0, evaluate=False))
            elif symbol.is_integer:
                stated.append(Contains(symbol, S.Integers, evaluate=False))
            elif symbol.is_real:
                stated.append(Contains(symbol, S.Reals, evaluate=False))
        stated += [PositiveDefinite(m) for m, kind in self.matrices.items() if kind == "spd"]
        for family, (low, high) in self.ranges.items():
            if isinstance(family, IndexedBase) and family not in self.definitions:
                interval = Interval.open(Rational(low), Rational(high))
                stated.append(Contains(family.label, interval, evaluate=False))
        return stated
