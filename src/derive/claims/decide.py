"""Deciding a claim: holds (proved, or holds numerically), fails (with a counterexample), or
undecided (with the reason).

Givens declare random variables (``X \\sim N(10, 4)``; separate givens are independent) or
define symbols (``x_t = ...``, substituted everywhere). A notation (``ddpm``, ``course``) brings
its families (β_t is the member β[t]), their definitions and ranges, and the named results of
the derivations: ``\\tilde{\\beta}_t`` and ``\\tilde{\\mu}_t``, the posterior's variance and mean.

Example:
    >>> decide("\\\\log(a b) = \\\\log a + \\\\log b").verdict
    'fails'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sympy import Basic, MatrixSymbol, Symbol

from ..errors import CheckTimeout, UsageError
from .build import Claim, IllFormed, build
from .parse import parse

EXIT = {"holds": 0, "holds numerically": 0, "holds by assumption": 0, "fails": 1, "undecided": 3}


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

    @property
    def exit_code(self) -> int:
        """0 holds (also at sizes, numerically), 1 fails, 3 undecided."""
        return 0 if self.verdict.startswith("holds at") else EXIT[self.verdict]


def decide(
    claim: str,
    given: tuple = (),
    wrt: str | None = None,
    notation: str | None = None,
    timeout: float | None = 30.0,
) -> Decision:
    """Decide ``claim`` (text); a malformed claim or given is a :class:`UsageError`."""
    from ..core.checker import CheckContext
    from ..render.printers import latex, text

    profile = _profile(notation)
    families, named = profile["families"], profile["named"]
    trees = [_parse_given(g) for g in given]
    try:
        random = frozenset(_declared(tree, families) for tree in trees) - {None}
        givens = [build(tree, random, families, named) for tree in trees]
    except IllFormed as error:
        raise UsageError(f"a given is not well-formed: {error}") from None
    laws = {g.lhs.name: g.rhs for g in givens if g.kind == "equal" and _is_law(g.rhs)}
    try:
        main = build(parse(claim), random, families, named, laws)
    except IllFormed as error:
        return Decision(claim, "fails", method=f"not well-formed: {error}", read_as=claim)
    positive = set().union(main.positive, *(g.positive for g in givens))
    variables, definitions = {}, dict(profile["definitions"])
    for g, source in zip(givens, given, strict=True):
        if g.kind == "distributed" and getattr(g.lhs, "name", None) in random:
            variables[g.lhs] = g.rhs
        elif g.kind == "equal" and _is_law(g.rhs):
            continue  # P = N(μ, σ²): a name for a law, used as written
        elif g.kind == "equal" and isinstance(g.lhs, (Symbol, MatrixSymbol)):
            definitions[g.lhs] = g.rhs
        else:
            raise UsageError(
                f"a given must declare 'X \\sim N(m, v)' or define 'name = expression': {source!r}"
            )
    sign = {s: Symbol(s.name, positive=True) for s in positive if not s.is_positive}
    main = _signed(main, sign)
    variables = {k: v.xreplace(sign) for k, v in variables.items()}
    definitions = {k.xreplace(sign): v.xreplace(sign) for k, v in definitions.items()}
    _check_laws(main, *variables.values())
    _check_covariances(main)
    context = CheckContext(
        ranges=profile["ranges"],
        timeout=timeout,
        variables=variables,
        definitions=definitions,
        matrices=_kinds(main),
        sizes=(8,) if main.matrix else (),
    )
    symbol = {"equal": "=", "proportional": "∝", "distributed": "~"}[main.kind]
    written = {"=": "=", "∝": r"\propto", "~": r"\sim"}[symbol]
    decision = Decision(
        claim,
        "undecided",
        read_as=f"{text(main.lhs)} {symbol} {text(main.rhs)}",
        latex=f"{latex(main.lhs)} {written} {latex(main.rhs)}",
    )
    if len(variables) > 1:
        names = ", ".join(text(v) for v in variables)
        decision.notes.append(f"{names} are independent (declared by separate givens)")
    return _run(decision, main, context, wrt)


def report(decision: Decision, fmt: str = "txt") -> str:
    """The decision as text (one block) or JSON.

    Example:
        >>> print(report(decide("a + b = b + a")).splitlines()[-1])
        verdict: holds (symbolic: both sides reduce to the same canonical form)
    """
    from ..render.printers import text

    example = decision.counterexample
    if fmt == "json":
        import json

        data = {
            "claim": decision.claim,
            "read_as": decision.read_as,
            "verdict": decision.verdict,
            "method": decision.method,
            "reason": decision.reason,
            "notes": decision.notes,
        }
        if example is not None:
            data["counterexample"] = {
                "values": {text(k): text(v) for k, v in example.values},
                "lhs": text(example.lhs),
                "rhs": text(example.rhs),
            }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [f"claim: {decision.claim}", f"read as: {decision.read_as}"]
    lines += [f"note: {note}" for note in decision.notes]
    if decision.verdict == "fails" and example is None:
        lines.append(f"verdict: fails ({decision.method})")
    elif decision.verdict == "fails":
        values = ", ".join(f"{text(k)} = {text(v)}" for k, v in example.values)
        lines.append(f"verdict: fails ({decision.method})")
        lines.append(f"counterexample: {values}")
        lines.append(f"left side = {_short(example.lhs)}, right side = {_short(example.rhs)}")
        if example.values2:
            values2 = ", ".join(f"{text(k)} = {text(v)}" for k, v in example.values2)
            lines.append(
                f"and at {values2}: left = {_short(example.lhs2)}, right = "
                f"{_short(example.rhs2)} (the ratio changes)"
            )
    elif decision.verdict == "undecided":
        lines.append(f"verdict: undecided ({decision.reason})")
    else:
        lines.append(f"verdict: {decision.verdict} ({decision.method})")
    return "\n".join(lines) + "\n"


def _short(value) -> str:
    """A value to 12 significant digits."""
    try:
        return f"{float(value):.12g}"
    except (TypeError, ValueError):
        return str(value)


def _run(decision: Decision, claim: Claim, context, wrt: str | None) -> Decision:
    from ..core.checker import check_relation
    from ..core.timebound import time_bound
    from ..core.verdict import describe

    try:
        with time_bound(context.timeout):
            if claim.kind == "equal":
                verdict = check_relation(claim.lhs, "=", claim.rhs, context)
            elif claim.kind == "proportional":
                var = _variable(claim, wrt)
                decision.notes.append(f"as functions of {var}")
                verdict = check_relation(claim.lhs, "∝", claim.rhs, context, var)
            else:
                verdict = check_relation(claim.lhs, "~", claim.rhs, context)
    except CheckTimeout as timeout:
        decision.reason = str(timeout)
        return decision
    except (ValueError, TypeError, ArithmeticError) as error:  # a shape the checker cannot take
        decision.reason = f"the checker could not evaluate this claim ({error})"
        return decision
    if verdict.status == "refuted":
        decision.verdict, decision.method = "fails", verdict.method
        decision.counterexample = verdict.counterexample
    elif verdict.verified:
        decision.verdict = _holds(verdict)
        decision.method = describe(verdict)
    elif verdict.status == "ill-formed":
        decision.verdict, decision.method = "fails", f"not well-formed: {verdict.reason}"
    else:
        decision.reason = verdict.reason
    return decision


def _holds(verdict) -> str:
    """The wording of a verified claim by its strength: only a proof "holds"."""
    if verdict.strength == "proof":
        return "holds"
    if verdict.strength == "at sizes":
        return f"holds at n = {', '.join(map(str, verdict.sizes))}"
    if verdict.strength == "numeric":
        return "holds numerically"
    return "holds by assumption"


def _profile(name: str | None) -> dict:
    """What a notation brings to a claim (nothing without one)."""
    if name is None:
        return {"families": {}, "named": {}, "definitions": {}, "ranges": {}}
    from ..diffusion import notation
    from ..registry import load

    nt = notation(name)
    families = {nt.beta.label.name: nt.beta, nt.cumulative_family.label.name: nt.cumulative_family}
    if nt.per_step is not None:
        families[nt.per_step.label.name] = nt.per_step
    results = load("posterior", name).results
    named = {
        Symbol("betatilde_t", real=True): results["variance"],
        Symbol("mutilde_t", real=True): results["mean"],
    }
    return {
        "families": families,
        "named": named,
        "definitions": {**nt.definitions, **named},
        "ranges": nt.ranges,
    }


def _parse_given(text: str):
    try:
        return parse(text)
    except UsageError as error:
        raise UsageError(f"--given {text!r}: {error}") from None


def _is_law(expr) -> bool:
    from ..gaussian import Moments

    return isinstance(expr, Moments)


def _declared(tree, families) -> str | None:
    """The name a given declares as a random variable (``X`` in ``X \\sim N(0, 1)``)."""
    claim = tree.children[0]
    if claim.data != "distributed":
        return None
    target = build(tree, frozenset(), families).lhs
    return target.name if isinstance(target, Symbol) else None


def _signed(claim: Claim, sign: dict) -> Claim:
    return Claim(claim.kind, claim.lhs.xreplace(sign), claim.rhs.xreplace(sign), claim.matrix)


def _check_laws(claim: Claim, *laws: Basic) -> None:
    """A law with a variance that is a non-positive number is an input error."""
    from ..gaussian import Normal

    found = [law for e in (claim.lhs, claim.rhs, *laws) for law in [e, *e.atoms(Normal)]]
    for law in found:
        if isinstance(law, Normal) and law.variance.is_number and not law.variance > 0:
            raise UsageError(f"a normal law needs a positive variance, not {law.variance}")


def _check_covariances(claim: Claim) -> None:
    """A covariance written as an expression (A B, Σ₁ − Σ₂ Σ₁) must be symmetric: tried with
    random matrices at n = 3, and an input error if it is not."""
    from ..core.matrices import random_instance
    from ..gaussian import MvNormal
    from ..render.printers import text

    kinds = _kinds(claim)
    for side in (claim.lhs, claim.rhs):
        for law in side.atoms(MvNormal) if isinstance(side, Basic) else ():
            if isinstance(law.variance, MatrixSymbol) or not hasattr(law.variance, "shape"):
                continue
            value = random_instance(law.variance, kinds)
            if hasattr(value, "T") and value != value.T:
                raise UsageError(
                    f"the covariance {text(law.variance)} is not symmetric; a covariance is a "
                    "symmetric positive-definite matrix (Σ, or a symmetric expression of one)"
                )


def _kinds(claim: Claim) -> dict:
    """Covariances of multivariate laws, and matrices named Σ or Λ, are symmetric positive
    definite; other capital letters are square matrices."""
    from ..gaussian import MvNormal

    kinds = {}
    for side in (claim.lhs, claim.rhs):
        for m in side.atoms(MatrixSymbol) if isinstance(side, Basic) else ():
            if m.name.startswith(("Sigma", "Lambda")):
                kinds[m] = "spd"
        for law in side.atoms(MvNormal) if isinstance(side, Basic) else ():
            if isinstance(law.variance, MatrixSymbol):
                kinds[law.variance] = "spd"
    return kinds


def _variable(claim: Claim, wrt: str | None):
    """The variable of ``∝``: ``--wrt``, or the one point shared by the densities."""
    from ..gaussian import Density

    symbols = {s.name: s for s in claim.lhs.free_symbols | claim.rhs.free_symbols}
    if wrt is not None:
        if wrt not in symbols:
            raise UsageError(f"--wrt {wrt}: no symbol {wrt!r} in the claim ({', '.join(symbols)})")
        return symbols[wrt]
    points = {d.point for side in (claim.lhs, claim.rhs) for d in side.atoms(Density)}
    if len(points) == 1:
        return points.pop()
    raise UsageError("say which variable the sides are proportional in: --wrt VAR")
