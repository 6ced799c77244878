r"""Deciding every link of a document with ``derive check``'s decision procedure.

A link ``A = B`` becomes the claim ``A = B`` with the context's givens and the definitions the
document stated before it: ``name := …``, a display's ``name = …`` when the name is new (a
definition is not a step: it is recorded, then used), and inline math after "where", "let",
"denote" ("where $\alpha_t = 1 - \beta_t$"). A definition stops at the next heading (a law,
``P = N(…)``, holds on); a name a notation knows (α_t, β̃_t, μ̃_t) is never redefined, its
lines are checked. ``\approx`` links
are approximations and inequalities are reported, not checked; a line the grammar cannot read
is "not read", with the construct and position the grammar stopped at.

Example:
    >>> from derive.proofread.model import Link
    >>> [c.verdict for c in check_links([Link(1, "=", "(a + b)^2", "a^2 + 2 a b + b^2")])]
    ['holds']
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace

from ..core.config import DEFAULT
from ..errors import UsageError
from .alone import ill_formed, inherited, right_side_alone
from .context import Context
from .decider import Decider
from .first_use import unintroduced
from .in_law import in_law, noise_families, recurrence
from .misread import misread, unsupported
from .model import (
    APPROXIMATION,
    FAILS,
    HOLDS,
    NOT_A_STEP,
    NOT_CHECKED,
    NOT_READ,
    UNDECIDED,
    Checked,
    Link,
)
from .names import known_to_notation, name_key, parametrised, tokens
from .readings import (
    additive,
    conditioned_variable,
    exponentiated,
    inferred_variable,
    leibniz,
    leibniz_letter,
    logarithmic,
    moment_letters,
    moment_of_constant,
    sized_identity,
)
from .shapes import undeclared, vector_givens
from .step_index import as_step, step_letter, uses_t

DEFAULT_TIMEOUT = DEFAULT.link_timeout  # CPU seconds, for one link
DEFAULT_BUDGET = DEFAULT.document_budget  # CPU seconds, for a whole document
# what the claims say of a named result written in other variables (μ̃_t(x_t, ε))
REEXPRESSED = "not its own: the named result"
UNCHECKED = {"\\le", "\\ge", "<", ">", "\\neq", "\\equiv"}


def check_links(
    links: list[Link],
    context: Context | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    budget: float = DEFAULT_BUDGET,
    progress: Callable[[int], None] | None = None,
    decider: Decider | None = None,
) -> list[Checked]:
    """Decide ``links`` in order (see the module's docstring); never raises on a link.
    ``decider`` asks the checker (by default each link with the givens that bear on it)."""
    decide = decider if decider is not None else Decider()
    context = context if context is not None else Context()
    definitions: dict[str, str] = {}  # name -> the given 'name = expression'
    declared = {key for g in context.given if (key := _defined_name(g))}
    noise = noise_families(links, context)
    earlier: dict[str, tuple[str, int]] = {}  # dropped at a heading: name -> (given, line)
    defined_at: dict[str, int] = {}
    section, deadline, checked = None, time.process_time() + budget, []
    seen: set[str] = set()  # the names the section's steps (and defined names) used so far
    chain: list[Checked] = []  # the links of the current chain, decided
    for number, link in enumerate(links):
        if chain and link.chain != chain[0].link.chain:
            checked += _bridge(chain, context, definitions, declared, timeout, deadline, decide)
            chain = []
        if link.section != section:  # laws ('P = N(…)', 'X ~ N(…)') hold on; the rest stop
            for name in [n for n, g in definitions.items() if not _is_law(g)]:
                earlier[name] = (definitions.pop(name), defined_at.get(name, 0))
            section, seen = link.section, set()
        before = set(definitions)
        result = _one(link, context, definitions, declared, timeout, deadline, decide, noise)
        for name in set(definitions) - before:
            defined_at[name] = link.line
            earlier.pop(name, None)
        if result.verdict == FAILS:
            again = (context, declared, timeout, deadline, decide, noise)
            result = _failing(result, definitions, earlier, again)
        if not link.bridge:
            rest = links[number + 1 :]
            later = {name_key(n.lhs) for n in rest if n.section == link.section}
            here = {name_key(n.lhs) for n in rest if n.end and n.end == link.end}  # its display
            opening = chain[-1] if chain and chain[-1].link.chain == link.chain else None
            given = tokens(opening.link.rhs) if opening and opening.verdict == NOT_A_STEP else set()
            known = set(definitions) | declared
            result = unintroduced(result, seen - here, known, later | given)
            used = {link.lhs} if result.verdict == NOT_A_STEP else {link.lhs, link.rhs}
            seen |= {t for side in used for t in tokens(side)}
        starts = link.chain < 0 or not chain or chain[0].link.chain != link.chain
        if result.verdict == FAILS and starts and link.rhs.strip() == "0" and not link.bridge:
            # 'a x^2 + b x + c = 0' opening a chain: an equation to solve, or a condition
            # (a gradient set to zero), as often as an identity: not counted as a slip
            reason = f"an equation '… = 0', perhaps a condition, not an identity ({result.reason})"
            result = replace(result, verdict=UNDECIDED, reason=reason)
        checked.append(result)
        if link.chain >= 0:
            if chain and inherited(chain[-1], result):
                laws = {n for g in result.givens if _is_law(g) and (n := _defined_name(g))}
                checked += right_side_alone(result, context, laws, (timeout, deadline), decide)
            chain.append(result)
        if progress is not None:
            progress(number + 1)
    if chain:
        checked += _bridge(chain, context, definitions, declared, timeout, deadline, decide)
    return checked


def _failing(result: Checked, definitions: dict, earlier: dict, again) -> Checked:
    """A failing line read again with the definitions an earlier section gave the names it
    uses (lecture notes state the algorithm, ``K_n = P C^T S^{-1}``, then derive it in the
    next section). Definitions stop at a heading because documents reuse letters (a course's
    Σ₁ of one exercise is not the next one's), so the earlier definition cannot make the line
    hold: when the line holds with it, it is undecided, not a slip; otherwise it fails as
    before, unchanged."""
    context, declared, timeout, deadline, decide, noise = again
    used = {key for t in tokens(result.link.claim) if (key := name_key(t)) is not None}
    stale = {n: earlier[n] for n in sorted(used) if n in earlier and n not in definitions}
    if not stale:
        return result
    known = {**definitions, **{n: given for n, (given, _) in stale.items()}}
    retried = _one(result.link, context, known, declared, timeout, deadline, decide, noise)
    if retried.verdict != HOLDS:
        return result
    lines = ", ".join(f"{n} (line {line})" for n, (_, line) in stale.items())
    reason = (
        f"it fails with its letters free, and holds with the definitions an earlier section "
        f"gave {lines}: not counted as a slip ({retried.reason})"
    )
    return replace(retried, verdict=UNDECIDED, strength="", reason=reason)


def _bridge(chain, context, definitions, declared, timeout, deadline, decide) -> list[Checked]:
    """The chain's first side against its last, when a line in between was not read: a slip
    hidden in unread lines still shows (Lean's calc composes its steps the same way: = then ∝
    gives ∝). When a line was found to fail, the part after the last failing line is taken
    instead, from that line's right side; a line that fails because its shapes do not match
    is passed over (its right side may not be mathematics at all, and the slips of shape are
    reported already). Nothing when there is no such gap."""
    failing = [i for i, c in enumerate(chain) if c.verdict == FAILS and not ill_formed(c.reason)]
    after = ""
    if failing:  # the lines after the last failing one, as a whole: a second slip still shows
        after = f", after the failing line {chain[failing[-1]].link.line}"
        chain = chain[failing[-1] + 1 :]
    relations = {c.link.relation for c in chain}
    verdicts = {c.verdict for c in chain}
    if len(chain) < 2 or NOT_READ not in verdicts:
        return []
    if any(c.verdict == NOT_READ and REEXPRESSED in c.reason for c in chain):
        return []  # μ̃_t(x_t, ε) in between: the ends are in different variables
    if not relations <= {"=", "\\propto"}:
        return []
    first, last = chain[0].link, chain[-1].link
    key = name_key(first.lhs)
    if key is not None and key not in definitions and key not in declared:
        return []  # a name nothing defines: the whole would read as a definition of it
    relation = "\\propto" if "\\propto" in relations else "="
    whole = Link(last.line, relation, first.lhs, last.rhs, last.section, end=last.end,
                 chain=last.chain, bridge=True)  # fmt: skip
    result = _one(whole, context, definitions, declared, timeout, deadline, decide)
    if result.verdict not in (HOLDS, FAILS) or ill_formed(result.reason):
        return []  # an unread, undecided or ill-formed whole adds nothing to its lines
    span = f"lines {first.line}–{last.line} as a whole{after} (a line between was not read)"
    return [Checked(whole, result.verdict, result.strength, f"{span}: {result.reason}",
                    result.read_as, result.givens)]  # fmt: skip


def _one(link, context, definitions, declared, timeout, deadline, decide, noise=()) -> Checked:
    """The verdict on one link, a failure read again where the notation means less than the
    literal claim (:mod:`derive.proofread.readings`)."""
    asked = (context, definitions, declared, timeout, deadline, decide, noise)
    result = _decided(link, *asked)
    if result.verdict == FAILS and logarithmic(link):
        result = additive(result, _decided(exponentiated(link), *asked))
    letter = leibniz_letter(link.claim)
    defined = definitions.get(name_key(letter)) if letter is not None else None
    if letter is not None and (defined is None or _is_law(defined)):  # a law is not z(x)
        result = leibniz(result)
    if result.verdict == FAILS and link.relation == "\\propto" and not context.wrt:
        result = inferred_variable(result, conditioned_variable(link))
    if result.verdict == FAILS:
        random = {_defined_name(g) for g in (*context.given, *definitions.values()) if _is_law(g)}
        known = set(definitions) | random | set(declared)
        constants = [m for m in moment_letters(link.claim) if name_key(m) not in known]
        result = moment_of_constant(result, constants)
    return sized_identity(result, context.dimension)


def _decided(link, context, definitions, declared, timeout, deadline, decide, noise) -> Checked:
    if link.problem:
        return Checked(link, NOT_READ, reason=link.problem)
    if link.relation == "\\approx":
        return Checked(link, APPROXIMATION, reason="an approximation: reported, not checked")
    if link.relation in UNCHECKED:
        return Checked(link, NOT_CHECKED, reason=f"the relation {link.relation} is not checked")
    key = name_key(link.lhs)
    squared = parametrised(link.lhs) if key is None else None
    if squared is not None and squared not in definitions and squared not in declared:
        # 'σ_t²(η) = η β̃_t': the variance defined with the parameter it depends on
        asked = (context, definitions, declared, timeout, deadline, decide, noise)
        return replace(_decided(replace(link, lhs=squared), *asked), link=link)
    new_name = key is not None and key not in definitions and key not in declared
    if context.notation and key is not None and known_to_notation(key):
        new_name = False
    notation_name = bool(context.notation) and key is not None and known_to_notation(key)
    fresh = link.fresh and not notation_name
    # "with α_t = 1 − β_t" in prose: the notation's own definition, checked like a step
    stated = link.inline and not notation_name
    if link.relation == ":=" or (link.relation == "=" and (new_name or stated or fresh)):
        if key is None:
            return Checked(link, NOT_A_STEP, reason="a definition of an expression, not of a name")
        return _define(link, key, context, definitions, decide)
    if link.relation == "\\sim" and new_name and not link.bridge:
        # 'x = μ + σε, ε ~ N(0, 1)' in a display: a letter nothing gave before gets its law
        return _define(link, key, context, definitions, decide)
    if stated:  # inline 'X \\sim N(…)': a declaration, used as a given
        return _define(link, key or link.lhs, context, definitions, decide)
    named = name_key(link.rhs)
    if link.relation == "=" and key is not None and named is not None and named != key:
        if named not in definitions and named not in declared and not known_to_notation(named):
            # 'β̃_t = σ_t² = …': the line names the same quantity anew, σ_t² := β̃_t
            reverse = replace(link, lhs=link.rhs, rhs=link.lhs)
            return _define(reverse, named, context, definitions, decide)
    law = in_law(link, noise, definitions)
    if law is not None:
        return law
    laws = {n for n, g in definitions.items() if _is_law(g)}
    laws |= {n for g in context.given if _is_law(g) and (n := _defined_name(g))}
    written = context.expectations(link.claim, laws)
    construct = unsupported(written)
    if construct is not None:
        return Checked(link, NOT_READ, reason=f"{construct} is not in the claim grammar yet")
    remaining = deadline - time.process_time()
    if remaining <= 0:
        return Checked(link, UNDECIDED, reason="the document's time budget was spent")
    relation = link.relation
    own = set(definitions)  # a name the document defines replaces the context's meaning
    givens = tuple(g for g in context.given if _defined_name(g) not in own)
    givens += tuple(definitions.values())
    givens = decide.narrowed(written, givens)  # the others share no letter with the line
    letter = step_letter(written) if context.notation else None
    if letter is not None and not any(step_letter(g) is None and uses_t(g) for g in givens):
        # the schedule counted with i (α_i, ᾱ_{i−1}): renamed t, as the notation knows it
        written, givens = as_step(written, letter), tuple(as_step(g, letter) for g in givens)
    else:
        letter = None
    claim = context.declare(written)
    declared_givens = tuple(context.declare(g) for g in givens) + context.declarations(claim)
    results = []
    # A proportionality holds in some variable: each candidate is tried, the first that holds
    # wins, and it fails only when it fails in every one.
    bound = min(timeout, max(remaining, 0.1))
    for wrt in _candidates(link, context) if relation == "\\propto" else (None,):
        try:
            asked = (decide, claim, declared_givens, wrt, context, bound)
            decision, vectors = _read_with_shapes(*asked)
        except UsageError as error:
            message = str(error)
            if relation == "\\propto" and ("--wrt" in message or "no symbol" in message):
                continue
            results.append(Checked(link, NOT_READ, reason=message, givens=givens))
            break
        except Exception as error:  # noqa: BLE001 - a checker failure is a verdict, not a crash
            reason = f"the checker failed on this line ({type(error).__name__})"
            results.append(Checked(link, UNDECIDED, reason=reason, givens=givens))
            continue
        results.append(_verdict(link, decision, givens + vectors, set(definitions), wrt))
        unmatched = decision.kind == "fails" and decision.counterexample is None
        if results[-1].verdict == UNDECIDED and unmatched:  # shapes that do not match
            again = (claim, declared_givens + vectors, wrt, bound, decide)
            results[-1] = _declared_shapes(results[-1], again, context, definitions, laws)
        if results[-1].verdict == HOLDS:
            return _renamed(results[-1], letter)
    if not results:
        wanted = "say which variable it is in: add wrt = [...] to the context"
        return Checked(link, NOT_READ, reason=f"a proportionality: {wanted}", givens=givens)
    for verdict in (UNDECIDED, NOT_READ):  # one variable it could not decide: not a failure
        for result in results:
            if result.verdict == verdict:
                return _renamed(result, letter)
    return _renamed(results[0], letter)


def _renamed(result: Checked, letter: str | None) -> Checked:
    """A line read with its step index renamed ``t``: the notation then gives its x_t, ε_t
    their own meaning, which the document's letters need not share, so a failure there is not
    counted as a slip (undecided); a proof or evidence holds under the declared notation."""
    if letter is None:
        return result
    if result.verdict == FAILS:
        reason = (
            f"it fails with its step index {letter} read as the notation's t, whose x_t and ε_t "
            f"the notation gives its own meaning: not counted as a slip ({result.reason})"
        )
        return replace(result, verdict=UNDECIDED, reason=reason)
    return replace(result, reason=f"{result.reason} (its step index {letter} read as t)")


def _read_with_shapes(decide, claim, declared_givens, wrt, context, timeout):
    """The decision on ``claim``, and the vector declarations it took. A line that cannot be
    read because a letter was read as a number by default is read again with the vectors the
    context declares (``x \\in \\mathbb{R}^n``), and that reading is used only when it shows
    the shapes do not match (``2 x \\mu`` for two column vectors): a line that reads then but
    holds or fails on its values stays "not read", as it was. Seed 001's line 62 is why: it
    compares an expression with the template ``x^T \\Sigma^{-1} x - 2 x^T \\Sigma^{-1} \\mu``, whose
    Σ and μ the next lines solve for, and read as a step it would fail."""
    try:
        return decide(claim, declared_givens, wrt, context.notation, timeout), ()
    except UsageError as error:
        vectors = vector_givens(claim, context)
        if "declare its shape" not in str(error) or not vectors:
            raise
        first = error
    decision = decide(claim, declared_givens + vectors, wrt, context.notation, timeout)
    if decision.kind != "fails" or decision.counterexample is not None:
        raise first
    return decision, vectors


def _declared_shapes(result: Checked, again, context, definitions, laws) -> Checked:
    """A line whose shapes do not match: a slip when the context declares every shape in it
    and the line, decided again with its vectors declared, still does not match."""
    claim, declared_givens, wrt, timeout, decide = again
    missing = undeclared(result.link.claim, context, definitions, laws)
    if missing:
        names = ", ".join(missing)
        wanted = "declare their shapes (vectors = [...], symmetric = [...]) to have it checked"
        return replace(result, reason=f"{result.reason} (not declared: {names}; {wanted})")
    vectors = vector_givens(claim, context)
    added = tuple(v for v in vectors if v not in declared_givens)
    try:
        decision = decide(claim, declared_givens + added, wrt, context.notation, timeout)
    except Exception:  # noqa: BLE001 - read with the declarations it is no better: as it was
        return result
    if decision.kind != "fails" or decision.counterexample is not None:
        return result
    shown = ", ".join(g.split(" \\in", 1)[0] for g in vectors) or "none"
    reason = f"{decision.method} (the shapes the context declares; vectors: {shown})"
    givens = result.givens + tuple(v for v in added if v not in result.givens)
    return replace(result, verdict=FAILS, reason=reason, givens=givens)


def _unnamed_law(law: str) -> bool:
    r"""Whether a law is only a name (``q(x)``, ``p``, ``\Omega_{images}``), not a family with
    parameters (``\mathcal{N}(0, I)``, ``N(μ, σ²)``).

    Example:
        >>> _unnamed_law("q(\\mathbf{x})"), _unnamed_law(r"\Omega")
        (True, True)
        >>> _unnamed_law(r"\mathcal{N}(0, 1)")
        False
    """
    plain = law.strip()
    head = plain.split("(", 1)[0].strip()
    if re.fullmatch(r"[a-z]|\\(?:Omega|omega|pi|phi|rho)(?:_\{?[^{}]*\}?)?", head) is None:
        return False
    return head == plain or plain.endswith(")")


def _candidates(link: Link, context: Context) -> list:
    present = [w for w in context.wrt if w in link.claim]
    if not context.wrt:  # nothing declared: the variable of the left side's density, if any
        return [None, *conditioned_variable(link)]
    return [None, *present] if not present else present


def _define(link, key, context, definitions, decide) -> Checked:
    """Record a definition the document states (when derive can read it)."""
    relation = "\\sim" if link.relation == "\\sim" else "="
    given = f"{link.lhs} {relation} {link.rhs}"
    if relation == "\\sim" and _unnamed_law(link.rhs):
        # 'x_0 ~ q(x)', 'x_0 ~ Ω': a law the document never says; as a given it would only
        # make x_0 a random variable of no known law, and the lines with it unreadable
        return Checked(link, NOT_A_STEP, reason="a declaration of a law the document does not give")
    if relation == "=" and recurrence(key, link.rhs):
        # x_t = √α_t x_{t−1} + …: substituting it would unroll without end
        return Checked(link, NOT_A_STEP, reason="a recurrence, not used as a definition")
    try:
        decide("0 = 0", decide.narrowed(given, context.given) + (given,), None,
               context.notation, 5.0)  # fmt: skip
    except UsageError as error:
        return Checked(link, NOT_A_STEP, reason=f"a definition derive cannot use ({error})")
    except Exception as error:  # noqa: BLE001
        return Checked(link, NOT_A_STEP, reason=f"a definition derive cannot use ({error})")
    definitions[key] = given
    return Checked(link, NOT_A_STEP, reason="a definition, used in the lines after it")


def _verdict(link: Link, decision, givens: tuple, defined: set, wrt=None) -> Checked:
    verdict = decision.verdict
    read_as = decision.read_as + (f" (as functions of {wrt})" if wrt else "")
    if verdict == "fails":
        wrong = misread(link.claim, decision.counterexample, defined)
        if wrong is not None:
            return Checked(link, NOT_READ, reason=f"misread: {wrong}", givens=givens)
        functions = _unknown_functions(decision) or applied_in_givens(givens, decision)
        if functions:  # refuted for one instance (p = exp): the document's p is another one
            names = ", ".join(functions)
            are = "are functions" if len(functions) > 1 else "is a function"
            reason = (
                f"{names} {are} the document names but does not define for derive: the line "
                f"fails for some {names}, not shown for the document's; declare it in the "
                f"context (given = ['{functions[0]}(x) = …'])"
            )
            return Checked(link, UNDECIDED, reason=reason, read_as=read_as, givens=givens)
        if decision.counterexample is None:  # shapes that do not match, as derive inferred them
            reason = (
                f"{decision.method}; the shapes were inferred from the letters, not declared, "
                "so this is not counted as a slip"
            )
            return Checked(link, UNDECIDED, reason=reason, read_as=read_as, givens=givens)
        return Checked(link, FAILS, reason=_failure(decision), read_as=read_as, givens=givens)
    if verdict.startswith("holds"):
        strength = getattr(decision, "strength", None)
        strength = str(strength) if strength else _strength(verdict)
        return Checked(link, HOLDS, strength, decision.method, read_as, givens)
    reason = decision.reason
    if "time bound" in reason:  # out of time, not beyond the checker: say how to give it more
        reason = f"{reason} for this link: --timeout S gives each link S seconds"
    return Checked(link, UNDECIDED, reason=reason, read_as=read_as, givens=givens)


def applied_in_givens(givens: tuple, decision) -> list:
    r"""The letters a given applies as functions (``μ_x = E(x)``) that no given defines: a line
    refuted with one of them put in (E = exp) fails for that function, not for the document's.

    Example:
        >>> from types import SimpleNamespace
        >>> refuted = SimpleNamespace(counterexample=object())
        >>> applied_in_givens((r"\mu = E(x)", "f(u) = u^2", "y = f(x)", "p = N(0, 1)",
        ...                    "z = p(x)"), refuted)
        ['E']
        >>> applied_in_givens((r"\mu_y = \Sigma_y (A^T x)", r"z = \exp(x)"), refuted)
        ['\\Sigma_y']
    """
    if decision.counterexample is None:
        return []
    defined, applied = set(), set()
    for given in givens:  # what a given names: 'f(u) = …', 'p = N(…)', 'X \sim N(…)'
        lhs, _, rhs = given.replace("\\sim", "=").partition("=")
        defined.add(lhs.split("(", 1)[0].strip())
        applied |= set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])\(", rhs))
        applied |= {  # \Sigma_y (A^T x): a Greek letter with a bracket after it
            f"\\{letter}{sub}"
            for letter, sub in re.findall(r"\\([A-Za-z]+)(_\{?[A-Za-z0-9]+\}?)?\s*\(", rhs)
            if letter.lower() in _GREEK
        }
    return sorted(applied - defined - {"N"})


_GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu "
    "xi pi rho sigma tau upsilon phi varphi chi psi omega".split()
)


def _unknown_functions(decision) -> list:
    """The names the decision read as unknown functions (nothing declared them)."""
    return [
        reading.subject
        for reading in getattr(decision, "readings", ())
        if reading.what == "an unknown function" and not reading.source.startswith("declared")
    ]


def _strength(verdict: str) -> str:
    """'proof' for a plain 'holds'; 'numeric' evidence; 'at …' for the explicit forms."""
    rest = verdict[len("holds") :].strip()
    return {"": "proof", "numerically": "numeric"}.get(rest, rest)


def _failure(decision) -> str:
    from ..render.printers import text

    example = decision.counterexample
    if example is None:
        return decision.method
    values = ", ".join(f"{text(k)} = {text(v)}" for k, v in example.values)
    return (
        f"{decision.method}; counterexample {values}: left {_short(example.lhs)}, "
        f"right {_short(example.rhs)}"
    )


def _short(value) -> str:
    try:
        return f"{float(value):.6g}"
    except (TypeError, ValueError):
        return str(value)


def _is_law(given: str) -> bool:
    """Whether a given declares a law (``X \\sim …``, ``P = \\mathcal{N}(…)``)."""
    if "\\sim" in given:
        return True
    rhs = given.split("=", 1)[-1].strip()
    return rhs.startswith(("\\mathcal{N}", "\\mathcal N", "N("))


def _defined_name(given: str) -> str | None:
    """The name a context given defines or declares (``P = …``, ``X \\sim …``)."""
    for relation in ("\\sim", "="):
        if relation in given:
            return name_key(given.split(relation, 1)[0])
    return None
