"""Verification of a whole derivation: every step checked, every cited lemma verified.

Example:
    >>> from sympy import symbols
    >>> from derive.core.model import Derivation, Source
    >>> from derive.core.rules import Rule
    >>> a, b = symbols("a b", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> report = verify(d.eq(a**2 + 2*a*b + b**2, Rule("expand the square")))
    >>> report.verified, report.counts
    (True, {'steps': 1, 'verified': 1, 'unverified': 0, 'refuted': 0})
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .cache import VerdictCache, context_key, step_content, step_key
from .checker import CheckContext, Verdict, check_step
from .config import DEFAULT
from .model import Derivation
from .verdict import Status, Strength


@dataclass
class Report:
    """The verdict on each step of ``derivation`` and the reports on the lemmas it cites."""

    derivation: Derivation
    verdicts: list[Verdict]
    lemmas: list[Report] = field(default_factory=list)
    seconds: float = 0.0
    from_cache: int = 0

    @property
    def cached(self) -> int:
        """Steps whose verdict was served from the cache, over this chain and the lemmas
        printed inside it (the steps :attr:`counts` counts)."""
        return self.from_cache + sum(lemma.from_cache for lemma in self.inline_lemmas)

    @property
    def verified(self) -> bool:
        """Every step verified, and every cited lemma verified too."""
        own = all(v.status == "verified" for v in self.verdicts)
        return own and all(lemma.verified for lemma in self.lemmas)

    def _repr_markdown_(self) -> str | None:
        """The proof as Markdown with math, for Jupyter."""
        from .display import markdown

        return markdown(self)

    @property
    def counts(self) -> dict[str, int]:
        """Steps by status, over this chain and the lemmas printed inside it."""
        verdicts = list(self.verdicts)
        for lemma in self.inline_lemmas:
            verdicts += lemma.verdicts
        counts = {"steps": len(verdicts), "verified": 0, "unverified": 0, "refuted": 0}
        for verdict in verdicts:
            # An ill-formed step is not verified: it is counted with the unverified ones.
            status = "unverified" if verdict.status is Status.ILL_FORMED else str(verdict.status)
            counts[status] += 1
        return counts

    @property
    def strengths(self) -> dict[str, int]:
        """Verified steps by strength (proof, at sizes, numeric, by assumption)."""
        verdicts = list(self.verdicts)
        for lemma in self.inline_lemmas:
            verdicts += lemma.verdicts
        counts = {str(strength): 0 for strength in Strength}
        for verdict in verdicts:
            if verdict.verified:
                counts[str(verdict.strength)] += 1
        return counts

    @property
    def inline_lemmas(self) -> list[Report]:
        """Reports of the lemmas proved inside this derivation's document, those of inline
        lemmas included, each once, every lemma after the lemmas it cites."""
        found: dict[int, Report] = {}
        self._collect_inline(found)
        return list(found.values())

    def _collect_inline(self, found: dict) -> None:
        inline = {id(c.derivation) for c in self.derivation.citations if c.inline}
        for lemma in self.lemmas:
            if id(lemma.derivation) in inline and id(lemma.derivation) not in found:
                lemma._collect_inline(found)
                found[id(lemma.derivation)] = lemma


def process_definitions(derivation: Derivation) -> dict:
    """The reductions of the derivation's process (its conditional densities), if it has one."""
    return dict(derivation.declared.definitions)


def context_of(derivation: Derivation, timeout: float | None = DEFAULT.timeout, sizes: tuple = ()):
    """What the checker knows about the steps of ``derivation``: its declarations, the time
    bound of one check, and the extra sizes of matrix steps."""
    return CheckContext(
        ranges=dict(derivation.ranges),
        timeout=timeout,
        variables=dict(derivation.variables),
        definitions={**process_definitions(derivation), **derivation.definitions},
        start=derivation.start,
        matrices=dict(derivation.matrices),
        sizes=tuple(sizes),
        facts=derivation.declared.facts,
        assumed=derivation.declared.assumed,
    )


def verify(
    derivation: Derivation,
    timeout: float | None = DEFAULT.timeout,
    sizes: tuple = (),
    cache: VerdictCache | None = None,
    _done=None,
) -> Report:
    """Check every step of ``derivation`` and, first, of every lemma it cites.

    ``timeout`` bounds each step's check in seconds (``None``: unbounded); ``sizes`` are extra
    dimensions at which matrix steps are instantiated (``--dim``); ``cache`` remembers verified
    steps (see :mod:`derive.core.cache`; None: check everything).
    """
    done: dict[int, Report] = {} if _done is None else _done
    if id(derivation) in done:
        return done[id(derivation)]
    started = time.perf_counter()
    lemmas = [verify(c.derivation, timeout, sizes, cache, done) for c in derivation.citations]
    context = context_of(derivation, timeout, sizes)
    shared = context_key(context) if cache is not None else ""
    verdicts, lhs, from_cache = [], derivation.start, 0
    for step in derivation.steps:
        verdict, remembered = _checked(lhs, step, context, cache, shared)
        verdicts.append(verdict)
        from_cache += remembered
        lhs = step.expr
    report = Report(derivation, verdicts, lemmas, time.perf_counter() - started, from_cache)
    done[id(derivation)] = report
    return report


def _checked(lhs, step, context: CheckContext, cache: VerdictCache | None, shared: str):
    """The step's verdict and whether it came from the cache: remembered if this cache
    recorded it verified before, else checked (and remembered if verified)."""
    if cache is None:
        return check_step(lhs, step, context), False
    key, content = step_key(shared, lhs, step), step_content(lhs, step)
    remembered = cache.lookup(key, content)
    if remembered is not None:
        return remembered, True
    verdict = check_step(lhs, step, context)
    if verdict.verified:
        cache.store(key, content, verdict)
    return verdict, False
