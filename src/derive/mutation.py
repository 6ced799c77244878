"""Mutation testing of the proofs: every step's new side, changed a little, must be refused.

For each step of a derivation, :func:`mutants` makes small wrong versions of the step's new
side: a sign flipped, a number changed (2 → 3, ½ → ¼), two symbols of the same kind swapped
(σ₁ ↔ σ₂, ᾱ_t ↔ ᾱ_{t−1}), a term of a sum dropped, an inverse or a transpose dropped, a symbol
replaced by a fresh one. The checker then decides ``previous <relation> mutant``.

A mutant may not change the mathematics at all (swapping σ₁ and σ₂ in σ₁² + σ₂², a constant
factor under ``∝``). Whether one is *equivalent* is decided outside the checker under test: a
reviewed list (``tests/data/equivalent_mutants.toml``, each entry with a one-line reason) names
them, and they are left out of the counts (and counted on their own). A mutant the checker does
not refute and the list does not name counts against the checker: verified, it is a soundness
failure or a new equivalent to review; unverified, it is a miss. A listed mutant the checker
refutes is an error of the list or a false alarm of the checker. An *ill-formed* mutant states
nothing: a side with no meaning at some explicit size, a density of a symbol that is no variable
of the process, a density naming one variable twice once t and T have values, a conditional law
of something that is not a block of the vector (the checker refuses each as "not well-formed:
…"); it is not counted either.

Run ``python -m derive.mutation`` for the table of every derivation (``--help`` for options).

Example:
    >>> from sympy import exp, symbols
    >>> a, b = symbols("a b", positive=True)
    >>> sorted({m.kind for m in mutants(a**2 + 2*a*b)})
    ['coefficient', 'drop term', 'replace symbol', 'sign', 'swap']
    >>> from derive.core import Derivation, Rule, Source
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=(a + b)**2)
    >>> row = examine(d.eq(a**2 + 2*a*b + b**2, Rule("expand the square")))
    >>> row.verified, row.refuted > 0, row.false_alarms
    (0, True, 0)

    Under ``∝ x`` another constant factor (−1 too) says the same; listed as equivalent, such a
    mutant is not counted:

    >>> x = symbols("x", real=True)
    >>> d = Derivation("scaled", "A demo", Source("notes", "§1"), start=2*exp(-x**2))
    >>> d = d.prop(3*exp(-x**2), x, Rule("another constant factor"))
    >>> [(o.mutant.change, o.status) for o in examine(d).outcomes if o.status != "refuted"]
    [('−(3*exp(-x**2))', 'verified'), ('3 → 4', 'verified')]
    >>> listed = {("scaled", 1, "coefficient", "3 → 4")}
    >>> [o.status for o in examine(d, equivalents=listed).outcomes if o.status != "refuted"]
    ['verified', 'equivalent']
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from sympy import (
    Add,
    Basic,
    Dummy,
    Expr,
    Indexed,
    Integer,
    Inverse,
    MatAdd,
    MatPow,
    MatrixSymbol,
    Pow,
    Rational,
    Symbol,
    Transpose,
    srepr,
)

from .core.checker import Verdict, check_step
from .core.config import DEFAULT
from .core.model import Derivation, Step

KINDS = (
    "sign",
    "coefficient",
    "swap",
    "drop term",
    "drop inverse",
    "drop transpose",
    "replace symbol",
)
# The reviewed equivalent mutants, relative to the repository (where the harness is run).
EQUIVALENTS = "tests/data/equivalent_mutants.toml"
PER_KIND = 2  # mutants of each kind per step, at positions spread over the expression


@dataclass(frozen=True)
class Mutant:
    """A changed copy of an expression: what kind of change, which (as text), the result."""

    kind: str
    change: str
    expr: Basic


def mutants(expr: Basic, per_kind: int = PER_KIND) -> list[Mutant]:
    """Up to ``per_kind`` mutants of each kind of ``expr``, chosen by a seed fixed by ``expr``;
    a mutant SymPy cannot build (a shape mismatch) or that equals ``expr`` is left out."""
    rng = random.Random(hashlib.sha256(srepr(expr).encode()).digest())
    found: list[Mutant] = []
    for kind, make in _MAKERS.items():
        candidates = make(expr)
        made = []
        for change, build in rng.sample(candidates, len(candidates)):
            if len(made) == per_kind:
                break
            try:
                changed = build()
            except Exception:  # noqa: BLE001 — SymPy refused to build it: not a mutant
                continue
            if changed != expr and all(changed != m.expr for m in made):
                made.append(Mutant(kind, change, changed))
        found += made
    return found


def _nodes(expr: Basic, path: tuple = ()):
    """Every sub-expression with its path of argument indices, in pre-order."""
    yield path, expr
    for i, arg in enumerate(expr.args):
        if isinstance(arg, Basic):
            yield from _nodes(arg, (*path, i))


def _replace(expr: Basic, path: tuple, new: Basic) -> Basic:
    if not path:
        return new
    head, *rest = path
    args = list(expr.args)
    args[head] = _replace(args[head], tuple(rest), new)
    return expr.func(*args)


def _at(expr, path, make):
    return lambda: _replace(expr, path, make())


def _signs(expr):
    found = []
    for path, node in _nodes(expr):
        if isinstance(node, (Add, MatAdd)):
            for i, term in enumerate(node.args):
                found.append((f"−({term})", _at(expr, (*path, i), lambda t=term: -t)))
    if isinstance(expr, Expr) and not found:
        found.append((f"−({expr})", lambda: -expr))
    return found


def _coefficients(expr):
    found = []
    for path, node in _nodes(expr):
        if isinstance(node, Rational) and node not in (0, 1, -1):
            new = node + 1 if isinstance(node, Integer) else Rational(node.p, 2 * node.q)
            found.append((f"{node} → {new}", _at(expr, path, lambda n=new: n)))
    return found


def _kind_of(atom) -> tuple:
    if isinstance(atom, Indexed):
        return ("indexed", atom.base)
    if isinstance(atom, MatrixSymbol):
        return ("matrix", atom.shape)
    return ("symbol", type(atom), tuple(sorted(atom.assumptions0.items())))


def _atoms(expr) -> list:
    """The free symbols and indexed members of ``expr`` that a mutant may swap or replace."""
    found = {a for a in expr.free_symbols if isinstance(a, (Symbol, MatrixSymbol))}
    found -= {a for a in found if isinstance(a, Dummy)}
    found -= {ix.base.label for ix in expr.atoms(Indexed)}
    found |= expr.atoms(Indexed)
    return sorted(found, key=srepr)


def _swaps(expr):
    atoms = _atoms(expr)
    found = []
    for i, a in enumerate(atoms):
        for b in atoms[i + 1 :]:
            if _kind_of(a) == _kind_of(b):
                found.append((f"{a} ↔ {b}", lambda a=a, b=b: expr.xreplace({a: b, b: a})))
    return found


def _drops(expr):
    found = []
    for path, node in _nodes(expr):
        if isinstance(node, (Add, MatAdd)):
            for i, term in enumerate(node.args):
                rest = node.args[:i] + node.args[i + 1 :]
                found.append((f"drop {term}", _at(expr, path, lambda n=node, r=rest: n.func(*r))))
    return found


def _inverses(expr):
    found = []
    for path, node in _nodes(expr):
        if isinstance(node, Inverse) or (isinstance(node, MatPow) and node.exp == -1):
            found.append((f"{node} → {node.args[0]}", _at(expr, path, lambda n=node: n.args[0])))
        elif isinstance(node, Pow) and node.exp.is_negative and not node.base.is_number:
            found.append((f"{node} → 1/({node})", _at(expr, path, lambda n=node: 1 / n)))
    return found


def _transposes(expr):
    found = []
    for path, node in _nodes(expr):
        if isinstance(node, Transpose):
            found.append((f"{node} → {node.arg}", _at(expr, path, lambda n=node: n.arg)))
    return found


def _fresh(atom):
    if isinstance(atom, MatrixSymbol):
        return MatrixSymbol(f"{atom.name}_m", *atom.shape)
    if isinstance(atom, Indexed):
        return atom.base[(*atom.indices[:-1], atom.indices[-1] + 1)]
    return Symbol(f"{atom.name}_m", **atom.assumptions0)


def _replacements(expr):
    return [
        (f"{a} → {_fresh(a)}", lambda a=a: expr.xreplace({a: _fresh(a)}))
        for a in _atoms(expr)
        if not (isinstance(a, Symbol) and a.is_integer)  # indices and dimensions stay put
    ]


_MAKERS = {
    "sign": _signs,
    "coefficient": _coefficients,
    "swap": _swaps,
    "drop term": _drops,
    "drop inverse": _inverses,
    "drop transpose": _transposes,
    "replace symbol": _replacements,
}


@dataclass(frozen=True)
class Outcome:
    """One mutant and what became of it: refuted, unverified, verified, equivalent or
    ill-formed."""

    step: int
    mutant: Mutant
    status: str
    reason: str = ""


@dataclass
class Row:
    """The mutants of one derivation's steps, by outcome; ``false_alarms`` counts true steps
    that were not verified."""

    name: str
    outcomes: list[Outcome] = field(default_factory=list)
    false_alarms: int = 0

    def count(self, status: str) -> int:
        """How many mutants ended as ``status``."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def mutants(self) -> int:
        """Mutants that state wrong mathematics: neither equivalent nor ill-formed."""
        return len(self.outcomes) - self.count("equivalent") - self.count("ill-formed")

    @property
    def refuted(self) -> int:
        """Mutants refuted with a counterexample."""
        return self.count("refuted")

    @property
    def unverified(self) -> int:
        """Mutants neither refuted nor verified (with the checker's reason)."""
        return self.count("unverified")

    @property
    def verified(self) -> int:
        """Mutants the checker verified: each is a soundness failure."""
        return self.count("verified")


def examine(
    derivation: Derivation,
    timeout: float = DEFAULT.harness_timeout,
    per_kind: int = PER_KIND,
    name: str = "",
    equivalents: frozenset | set = frozenset(),
    verdicts: list | None = None,
) -> Row:
    """Check every step of ``derivation`` and every mutant of each step's new side.

    ``equivalents`` holds the reviewed equivalent mutants, as (document, step, kind, change)
    tuples (see :func:`read_equivalents`); ``verdicts``, if given, are the true steps' verdicts
    from a verification already made (so that the steps are not checked twice).
    """
    from .core.verify import context_of

    context = context_of(derivation, timeout)
    row, lhs = Row(name or derivation.name), derivation.start
    for index, step in enumerate(derivation.steps, start=1):
        verdict = verdicts[index - 1] if verdicts is not None else check_step(lhs, step, context)
        if verdict.status != "verified":
            row.false_alarms += 1
        for mutant in mutants(step.expr, per_kind):
            verdict = check_step(lhs, Step(step.relation, mutant.expr, step.rule), context)
            listed = (row.name, index, mutant.kind, mutant.change) in equivalents
            row.outcomes.append(_classify(index, mutant, verdict, listed))
        lhs = step.expr
    return row


def _classify(index: int, mutant: Mutant, verdict: Verdict, listed: bool) -> Outcome:
    if verdict.status == "refuted":
        status = "listed but refuted" if listed else "refuted"
        return Outcome(index, mutant, status)
    if verdict.status == "ill-formed":  # no statement at all at some size
        return Outcome(index, mutant, "ill-formed", verdict.reason)
    if listed:
        return Outcome(index, mutant, "equivalent")
    return Outcome(index, mutant, str(verdict.status), verdict.reason)


def read_equivalents(path) -> frozenset:
    """The reviewed equivalent mutants of a TOML file of ``[[mutant]]`` tables (``document``,
    ``step``, ``kind``, ``change``, ``reason``), as (document, step, kind, change) tuples; an
    entry without a reason is an error (the list is reviewed, not generated)."""
    import tomllib
    from pathlib import Path

    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    found = set()
    for entry in data.get("mutant", []):
        if not str(entry.get("reason", "")).strip():
            raise ValueError(f"{path}: equivalent mutant without a reason: {entry}")
        found.add((entry["document"], int(entry["step"]), entry["kind"], entry["change"]))
    return frozenset(found)


def proposal(row: Row) -> str:
    """TOML entries, to review, for the mutants of ``row`` the checker did not refute and the
    list does not name (each needs a reason written by the reviewer)."""
    lines = []
    for o in row.outcomes:
        if o.status in ("verified", "unverified"):
            lines += [
                "[[mutant]]",
                f"document = {_toml(row.name)}",
                f"step = {o.step}",
                f"kind = {_toml(o.mutant.kind)}",
                f"change = {_toml(o.mutant.change)}",
                f'reason = ""  # checker: {o.status} {o.reason}'.rstrip(),
                "",
            ]
    return "\n".join(lines)


def _toml(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def table(rows: list[Row]) -> str:
    """The mutation table: derivation, mutants, refuted, unverified, verified, and the
    mutants not counted: equivalent ones and ill-formed ones.

    Example:
        >>> print(table([Row("kl")]), end="")
        | derivation | mutants | refuted | unverified | verified | equivalent | ill-formed |
        |---|---:|---:|---:|---:|---:|---:|
        | kl | 0 | 0 | 0 | 0 | 0 | 0 |
    """
    header = (
        "derivation", "mutants", "refuted", "unverified", "verified", "equivalent", "ill-formed"
    )  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for r in rows:
        values = (r.mutants, r.refuted, r.unverified, r.verified)
        values += (r.count("equivalent"), r.count("ill-formed"))
        lines.append(f"| {r.name} | " + " | ".join(str(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the mutation table of every derivation (or of those named); exit 1 if a mutant
    was verified, or a true step was not."""
    import argparse

    from . import registry

    parser = argparse.ArgumentParser(prog="python -m derive.mutation", description=__doc__)
    parser.add_argument("names", nargs="*", help="derivations (default: all)")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT.harness_timeout, help="CPU seconds per check"
    )
    parser.add_argument("--per-kind", type=int, default=PER_KIND, help="mutants per kind")
    parser.add_argument("-v", "--verbose", action="store_true", help="list unrefuted mutants")
    parser.add_argument(
        "--equivalents", default=EQUIVALENTS, help="the reviewed list of equivalent mutants"
    )
    parser.add_argument(
        "--propose", action="store_true",
        help="print TOML entries to review for mutants neither refuted nor listed",
    )  # fmt: skip
    args = parser.parse_args(argv)
    from pathlib import Path

    listed = read_equivalents(args.equivalents) if Path(args.equivalents).exists() else frozenset()
    rows = []
    for name in args.names or registry.names():
        for document, notation in registry.lookup(name).documents():
            derivation = registry.load(name, notation)
            row = examine(derivation, args.timeout, args.per_kind, document, listed)
            rows.append(row)
            if args.propose:
                print(proposal(row), flush=True)
            if args.verbose:
                for o in row.outcomes:
                    if o.status not in ("refuted", "equivalent"):
                        print(
                            f"{document} step {o.step}: {o.status} {o.mutant.kind} "
                            f"[{o.mutant.change}] {o.reason}"
                        )
    print(table(rows), end="")
    failed = any(r.verified or r.false_alarms or r.count("listed but refuted") for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
