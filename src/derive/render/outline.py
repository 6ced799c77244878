"""What every proof document says, in order, before any format is chosen.

The renderers (text, LaTeX, Markdown, JSON) only format an :class:`Outline`; none of them decides
truth or walks the derivation itself.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> d = d.eq(a**2 + 2*a*b + b**2, Rule("expand the square")).result("square")
    >>> o = outline(verify(d))
    >>> str(o.proof.lines[0].verdict.status), list(o.results), o.unnamed
    ('verified', ['square'], {})
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sympy import (
    Basic,
    Contains,
    Indexed,
    IndexedBase,
    Interval,
    Lambda,
    Range,
    S,
    Symbol,
    preorder_traversal,
)
from sympy.core.function import UndefinedFunction

from ..core.checker import Verdict
from ..core.model import Derivation, Relation, Step
from ..core.rules import Lemma
from ..core.verify import Report
from ..diffusion import DivergenceKL, ExpectationUnder
from ..gaussian import Distributed, named_laws
from ..gaussian.objects import Moments
from .verdicts import tally


@dataclass(frozen=True)
class Line:
    """One printed step: ``<relation> expr``, its rule, the checker's verdict, and, when the
    rule cites a lemma printed in the same document, that lemma's number."""

    relation: Relation
    expr: Basic
    rule: object
    verdict: Verdict
    lemma_number: int | None = None
    cites: str | None = None  # the name of a derivation proved in a document of its own
    assumed: tuple = ()  # (name, formula or None) of each model assumption the verdict rests on


@dataclass(frozen=True)
class Chain:
    """A proof: the start and its lines."""

    start: Basic
    lines: tuple[Line, ...]
    relation: Relation
    final: Basic


@dataclass(frozen=True)
class LemmaBlock:
    """An inline lemma: its number, title and proof."""

    number: int
    title: str
    proof: Chain


@dataclass(frozen=True)
class Code:
    """The derivation's implementation: the function's name, its source (with and without
    its docstring) and the results it computes. Its formula is not repeated: the theorem
    states it, and a test checks that the function computes it."""

    name: str
    source: str
    bare: str
    results: tuple[str, ...]


@dataclass(frozen=True)
class Picture:
    """The derivation's figure: where the files go (without extension) and its caption."""

    path: str
    caption: str


@dataclass(frozen=True)
class Outline:
    """Everything a proof document states, in reading order."""

    name: str
    title: str
    source: object
    assumptions: tuple[Basic, ...]
    laws: tuple[tuple[str, Basic], ...]
    variables: tuple[Basic, ...]
    definitions: tuple[tuple[Basic, Basic], ...]
    lemmas: tuple[LemmaBlock, ...]
    proof: Chain
    results: dict
    cited: tuple[tuple[str, bool], ...]
    counts: dict
    verified: bool
    tally: dict | None = None  # steps by mark (render.verdicts.tally), proof and inline lemmas
    code: Code | None = None
    picture: Picture | None = None
    where: tuple[tuple[Basic, Basic], ...] = ()  # results the theorem states by their names

    @property
    def theorem(self) -> Chain:
        """The proof's statement with the named results written by their names (μ̃_t, β̃_t);
        :attr:`where` says what each name is."""
        if not self.where:
            return self.proof
        names = {value: symbol for symbol, value in self.where}
        return replace(self.proof, final=self.proof.final.xreplace(names))

    @property
    def unnamed(self) -> dict:
        """The results the theorem does not already state: not in its "where" clause, not its
        whole right side, not a law it concludes nor that law's mean or variance (the theorem
        shows them); the documents list these under Results."""
        stated = {value for _, value in self.where} | {self.proof.final}
        for node in preorder_traversal(self.proof.final):
            law = node if isinstance(node, Moments) else getattr(node, "law", None)
            if isinstance(law, Moments):
                stated |= {law, law.func(*law.args[:2]), law.mean, law.variance}
        return {n: e for n, e in self.results.items() if e not in stated}


def outline(report: Report) -> Outline:
    """Lay out ``report`` (a verified derivation) as the sections of a proof document."""
    derivation = report.derivation
    inline = report.inline_lemmas
    numbers = {id(r.derivation): i for i, r in enumerate(inline, start=1)}
    lemmas = tuple(
        LemmaBlock(numbers[id(r.derivation)], r.derivation.title, _chain(r, numbers))
        for r in inline
    )
    exprs = [derivation.start, *(s.expr for s in derivation.steps)]
    for block in lemmas:
        exprs += [block.proof.start, *(line.expr for line in block.proof.lines)]
    definitions = used_definitions(
        tuple(_definition(name, value) for name, value in derivation.definitions.items())
        + tuple(derivation.declared.statements),
        [part for e in exprs for part in evaluated_parts(e)],
    )
    shown = [*exprs, *(x for pair in definitions for x in pair), *derivation.results.values()]
    shown += [Distributed(v, law) for v, law in derivation.variables.items()]
    cited: dict[str, bool] = {}
    for r in (report, *inline):
        for lemma in r.lemmas:
            if id(lemma.derivation) not in numbers:
                cited[lemma.derivation.name] = lemma.verified
    return Outline(
        name=derivation.name,
        title=derivation.title,
        source=derivation.source,
        assumptions=tuple(
            a
            for a in _assumptions(derivation, [r.derivation for r in inline])
            if _about_shown(a, shown)
        ),
        laws=tuple((law.label, law.func(*law.args[:2])) for law in named_laws(*exprs)),
        variables=tuple(Distributed(v, law) for v, law in derivation.variables.items()),
        definitions=definitions,
        lemmas=lemmas,
        proof=_chain(report, numbers),
        results=dict(derivation.results),
        cited=tuple(cited.items()),
        counts=report.counts,
        verified=report.verified,
        tally=tally([*report.verdicts, *(v for r in inline for v in r.verdicts)]),
        code=_code(derivation),
        picture=_picture(derivation),
        where=tuple(
            (symbol, derivation.results[name]) for name, symbol in derivation.named.items()
        ),
    )


def _code(derivation: Derivation) -> Code | None:
    implementation = derivation.implementation
    if implementation is None:
        return None
    from .implementation import source

    function = implementation.function
    return Code(
        function.__name__,
        source(function),
        source(function, docstring=False),
        implementation.results,
    )


def _picture(derivation: Derivation) -> Picture | None:
    from .figures import available

    if derivation.figure is None or not available():
        return None
    return Picture(f"figures/{derivation.name}", derivation.figure.caption)


def used_definitions(pairs: tuple, exprs: list) -> tuple:
    """The definitions ``(name, value)`` a reader meets: those whose name occurs in one of
    ``exprs`` (the proof's lines) or in the value of one listed already, in their order. The
    ELBO's proof, say, never meets the forward step's law, so it does not list it.

    Example:
        >>> from sympy import symbols
        >>> a, b, c, x = symbols("a b c x")
        >>> used_definitions(((a, b + 1), (b, 2 * x), (c, 3)), [a + x])
        ((a, b + 1), (b, 2*x))
    """
    targets, kept, changed = list(exprs), set(), True
    while changed:
        changed = False
        for i, (name, value) in enumerate(pairs):
            if i not in kept and any(_mentions(e, name) for e in targets):
                kept.add(i)
                targets.append(value)
                changed = True
    return tuple(pair for i, pair in enumerate(pairs) if i in kept)


def evaluated_parts(expr: Basic) -> list[Basic]:
    """The parts of ``expr`` whose values a check may use: all of it but the expectations
    E_q[…] and divergences D_KL(q ‖ p) of a process, which the checks treat as symbols (the
    ELBO's rewrites hold for every q and p_θ, :mod:`derive.diffusion.expectations`), so a
    density that occurs only there is used by no check, and its law is not listed.

    Example:
        >>> from sympy import Symbol, log
        >>> from derive.diffusion import ConditionalDensity, ExpectationUnder
        >>> a, c = Symbol("a"), Symbol("c")
        >>> q = ConditionalDensity((a,), (c,))
        >>> evaluated_parts(ExpectationUnder(log(q), q) + c), evaluated_parts(q * c) == [q * c]
        ([c], True)
    """
    if isinstance(expr, ExpectationUnder | DivergenceKL):
        return []
    if not expr.has(ExpectationUnder, DivergenceKL):
        return [expr]
    return [part for arg in expr.args for part in evaluated_parts(arg)]


def _about_shown(assumption: Basic, shown: list) -> bool:
    """Whether ``assumption`` is about something the document shows: a symbol (or a family
    β_s) of its lines, definitions, results or random variables. The ELBO's rewrites never
    meet β, so "β_s ∈ (0, 1)" is no assumption of theirs."""
    if isinstance(assumption, ForEvery):
        assumption = assumption.statement
    about = [s.base if isinstance(s, Indexed) else s for s in _subjects(assumption)]
    return not about or any(_mentions(e, s) for e in shown for s in about)


def _subjects(assumption: Basic) -> list[Basic]:
    """What an assumption is about: the element of ``x ∈ S``, else its free symbols."""
    if isinstance(assumption, Contains):
        return [assumption.args[0]]
    return list(assumption.free_symbols)


def _mentions(expr: Basic, name: Basic) -> bool:
    """Whether ``expr`` uses the defined ``name``: a family α_k by its base, a function f(u)
    by f, anything else as it is."""
    if isinstance(name, Indexed):
        return expr.has(name.base)
    if isinstance(getattr(name, "func", None), UndefinedFunction):
        return expr.has(name.func)
    return expr.has(name)


def _definition(name: Basic, value: Basic) -> tuple[Basic, Basic]:
    """``(f(u), body)`` for a function or indexed family defined by a Lambda, else as given."""
    if isinstance(value, Lambda):
        head = name[value.variables] if isinstance(name, IndexedBase) else name(*value.variables)
        return head, value.expr
    return name, value


def _chain(report: Report, numbers: dict) -> Chain:
    derivation = report.derivation
    lines = tuple(
        Line(
            step.relation,
            step.expr,
            step.rule,
            verdict,
            _lemma_number(step, numbers),
            _cites(step, numbers),
            _assumed(verdict, derivation),
        )
        for step, verdict in zip(derivation.steps, report.verdicts, strict=True)
    )
    return Chain(derivation.start, lines, derivation.relation, derivation.final)


def _assumed(verdict: Verdict, derivation: Derivation) -> tuple:
    """``(name, formula)`` of each assumption a "by assumption" verdict names (the formula as
    the derivation's process declares it, None if it declares none of that name)."""
    if str(verdict.strength) != "by assumption":
        return ()
    found = (derivation.declared.assumption(name) for name in verdict.assumptions)
    return tuple(
        (name, None if a is None else a.formula)
        for name, a in zip(verdict.assumptions, found, strict=True)
    )


def _lemma_number(step: Step, numbers: dict) -> int | None:
    if isinstance(step.rule, Lemma):
        return numbers.get(id(step.rule.derivation))
    return None


def _cites(step: Step, numbers: dict) -> str | None:
    """The derivation of a document of its own that the step's rule uses: a cited lemma not
    printed here, or the one a rule names (``Rule.cites``)."""
    if isinstance(step.rule, Lemma) and id(step.rule.derivation) not in numbers:
        return step.rule.derivation.name
    return step.rule.cites or None


class ForEvery(Basic):
    """``statement`` for every value of ``index``: ``β_s ∈ (0, 1) for every s``."""

    statement = property(lambda self: self.args[0])
    index = property(lambda self: self.args[1])


def _assumptions(derivation: Derivation, lemmas: list[Derivation]) -> list[Basic]:
    stated: dict[Basic, None] = {}
    for d in (derivation, *lemmas):
        stated.update(dict.fromkeys(_mathematics(a, d) for a in d.assumptions))
    return list(stated)


def _mathematics(assumption: Basic, derivation: Derivation) -> Basic:
    """An assumption as the mathematics states it, not as the checker samples it: a whole
    number kept from below only (``t ∈ {2, 3, …}``, the checker stops at some t), a range
    of a family said of every member (``β_s ∈ (0, 1) for every s``)."""
    if not isinstance(assumption, Contains) or not isinstance(assumption.args[1], Interval):
        return assumption
    element, interval = assumption.args
    families = {f.label: f for f in derivation.ranges if isinstance(f, IndexedBase)}
    if element in families:
        index = Symbol("s", integer=True)
        member = families[element][index]
        return ForEvery(Contains(member, interval, evaluate=False), index)
    if getattr(element, "is_integer", False) and interval.start.is_integer:
        # The checker reads a whole number's range as closed (2, …, 8): keep its start.
        return Contains(element, Range(interval.start, S.Infinity), evaluate=False)
    return assumption
