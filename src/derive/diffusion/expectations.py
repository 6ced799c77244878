"""Expectations under the process's conditional densities, KL divergences between them, and
the canonical form in which the checker compares them (the ELBO's rewrites).

The ELBO rewrites (seed 002) hold for every model p_θ, so no evaluation can prove them. Both
sides of a step are put in a canonical form and compared:

- linearity: E_q[a f + b g] = a E_q[f] + b E_q[g] for a, b free of q's variables, and a sum
  over t of a sum is a sum of sums;
- the logarithm of a product or ratio of densities (all positive) is split: log(p/q) =
  log p − log q;
- the definition of the KL divergence: D_KL(q ‖ p) = E_q[log q − log p], when both are densities
  of the same variables;
- iterated expectation: E_{q(b|c)}[E_{q(a|b,c)}[f]] = E_{q(a,b|c)}[f], only when the inner
  density conditions on the outer one's variables and conditions, and (with a process that
  determines them) q(a, b | c) = q(b | c) q(a | b, c) holds at random points.

Equal canonical forms verify a step ("symbolic"); a step whose forms are equal only once
nested expectations are merged rests on the law of iterated expectations, a rule this module
applies rather than proves, and is verified "by assumption", naming it. Different forms leave
a step unverified, with the two forms' difference as the reason. Nothing is proved about p_θ
beyond what these rules say; a step left unverified is then evaluated in a Gaussian instance
of the process and the model (:mod:`derive.diffusion.instance`), which can refute it.

Example:
    >>> from sympy import Symbol, log
    >>> from derive.diffusion import ConditionalDensity as q
    >>> a, c = Symbol("a"), Symbol("c")
    >>> P, Q = q((a,), (c,)), q((a,), (c,), "p")
    >>> canonical(DivergenceKL(P, Q)) == canonical(ExpectationUnder(log(P / Q), P))
    True
"""

from __future__ import annotations

from sympy import Add, Basic, Expr, Integer, Mul, Sum, Symbol, expand, expand_log, log

from .process import ConditionalDensity


class ExpectationUnder(Expr):
    """E_{q(A|C)}[body]: the expectation over the variables A of ``density``.

    Example:
        >>> from sympy import Symbol
        >>> a = Symbol("a")
        >>> ExpectationUnder(a**2, ConditionalDensity((a,))).density.targets
        (a,)
    """

    is_commutative = True

    def __new__(cls, body, density: ConditionalDensity):
        return super().__new__(cls, body, density)

    body = property(lambda self: self.args[0])
    density = property(lambda self: self.args[1])

    @property
    def free_symbols(self):
        return (self.body.free_symbols - set(self.density.targets)) | self.density.free_symbols


class DivergenceKL(Expr):
    """D_KL(p ‖ q) between two densities of the same variables.

    Example:
        >>> from sympy import Symbol
        >>> a = Symbol("a")
        >>> DivergenceKL(ConditionalDensity((a,)), ConditionalDensity((a,), (), "p")).q.label
        'p'
    """

    is_commutative = True

    p = property(lambda self: self.args[0])
    q = property(lambda self: self.args[1])


def canonical(expr: Basic, process=None, merge: bool = True) -> Basic:
    """``expr`` in the canonical form described above (``process``: checks the condition of
    iterated expectations where it can; ``merge=False``: nested expectations are kept)."""
    if isinstance(expr, DivergenceKL) and set(expr.p.targets) == set(expr.q.targets):
        return canonical(ExpectationUnder(log(expr.p) - log(expr.q), expr.p), process, merge)
    if isinstance(expr, ExpectationUnder):
        body = canonical(expr.body, process, merge)
        return _expectation(body, expr.density, process if merge else False)
    if isinstance(expr, Sum):
        # A bound index is named, not assumed: Σ over an integer t and over a positive integer
        # t from 2 to T are the same sum, so the index is renamed to one canonical symbol.
        (bound, *bounds), *more = expr.limits
        index = Symbol(bound.name, integer=True)
        body = canonical(expr.function.xreplace({bound: index}), process, merge)
        limits = ((index, *bounds), *more)
        terms = []
        for term in Add.make_args(expand(body)):
            constant, rest = term.as_independent(index, as_Add=False)
            terms.append(constant * Sum(rest, *limits))
        return Add(*terms)
    if isinstance(expr, log):
        return expand_log(log(canonical(expr.args[0], process, merge)), force=True)
    if expr.args and not isinstance(expr, ConditionalDensity):
        return expand(expr.func(*(canonical(a, process, merge) for a in expr.args)))
    return expr


def _expectation(body: Basic, density: ConditionalDensity, process) -> Basic:
    """Linearity, then one nested expectation merged into the joint one (none if ``process``
    is False)."""
    variables = set(density.targets)
    terms = []
    for term in Add.make_args(expand(body)):
        constant, rest = term.as_independent(*variables, as_Add=False)
        if rest == 1:
            terms.append(constant)
            continue
        nested = isinstance(rest, ExpectationUnder) and process is not False
        if nested and _nests(rest.density, density, process):
            inner = rest.density
            joint = ConditionalDensity(
                tuple(sorted((*inner.targets, *density.targets), key=str)),
                tuple(sorted(density.conditions, key=str)),
                inner.label,
            )
            terms.append(constant * ExpectationUnder(rest.body, joint))
            continue
        terms.append(constant * ExpectationUnder(rest, _sorted(density)))
    return Add(*terms)


def _sorted(density: ConditionalDensity) -> ConditionalDensity:
    return ConditionalDensity(
        tuple(sorted(density.targets, key=str)),
        tuple(sorted(density.conditions, key=str)),
        density.label,
    )


def _nests(inner: ConditionalDensity, outer: ConditionalDensity, process) -> bool:
    """Whether E_outer[E_inner[f]] is E_joint[f]: inner conditions on outer's variables and
    conditions, both densities of the same joint (the same label), and the factorization
    holds where the process determines the densities."""
    given = set(outer.targets) | set(outer.conditions)
    if inner.label != outer.label or set(inner.conditions) != given:
        return False
    if set(inner.targets) & given:
        return False
    if process is None:
        return True
    joint = ConditionalDensity((*inner.targets, *outer.targets), outer.conditions, inner.label)
    reductions = process.definitions
    if joint not in reductions:
        return True  # the chain rule of the joint density itself
    from ..core.checker import CheckContext, check_equal

    verdict = check_equal(
        joint,
        Mul(inner, outer),
        CheckContext(
            ranges=process.notation.ranges,
            definitions={**reductions, **process.notation.definitions},
        ),
    )
    return verdict.status == "verified"


def check_canonical(lhs: Basic, rhs: Basic, process=None):
    """Verified if both sides have the same canonical form (by assumption if only once nested
    expectations are merged); else unverified, with the rest."""
    from ..core.verdict import Verdict
    from .process import TOWER

    route = "symbolic: the same canonical form (linearity of E, logarithms of ratios split, KL"
    if canonical(lhs, process, merge=False) == canonical(rhs, process, merge=False):
        return Verdict.proof(route + " by its definition)")
    left, right = canonical(lhs, process), canonical(rhs, process)
    if left == right:
        return Verdict.assumed(
            route + " by its definition, iterated expectations merged)", assumptions=(TOWER,)
        )
    rest = expand(left - right)
    if not rest.has(ExpectationUnder, DivergenceKL, ConditionalDensity, Sum):
        # What is left is plain algebra: evaluate it, and a nonzero value refutes the step.
        from ..core.checker import CheckContext, check_equal

        ranges = process.notation.ranges if process is not None else {}
        verdict = check_equal(rest, Integer(0), CheckContext(ranges=ranges))
        if verdict.status == "refuted":
            return verdict
    return Verdict.unverified(f"the canonical forms differ by {rest}")
