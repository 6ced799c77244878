"""The forward process of a diffusion model as the checker sees it: a Markov chain
x_0 → x_{t−1} → x_t with Gaussian transitions, and its conditional densities.

Every conditional density q(A | C) of the chain with the data x_0 among the conditions is
reduced to the chain's own factors, by the definition of a conditional density and the Markov
property: q(A | x_0, C) = q(A ∪ C | x_0) / q(C | x_0), and q(S | x_0) is the marginal of S's
first member times the transitions along S. The factors are the transition
q(x_t | x_{t−1}) = N(√α_t x_{t−1}, β_t) and the marginals q(x_s | x_0) = N(√ᾱ_s x_0, 1 − ᾱ_s)
(derivation ``forward-marginal``), per coordinate. A density the chain does not determine
(q(x_{t−1} | x_t), which needs the law of the data) is left alone: a step using it is proved
only if it holds for every joint law by the definition of conditional densities
(:func:`joint_form`), and refuted if it fails in a Gaussian instance
(:mod:`derive.diffusion.instance`); otherwise it stays unverified.

Example:
    >>> from derive.diffusion import notation
    >>> chain = ForwardChain(notation("ddpm"))
    >>> q = ConditionalDensity
    >>> x_0, x_s, x_t = chain.nodes
    >>> chain.definitions[q((x_t,), (x_s,))] == chain.definitions[q((x_t,), (x_s, x_0))]
    True
"""

from __future__ import annotations

import hashlib
from itertools import combinations, permutations

from sympy import Basic, Eq, Expr, Integer, Mul, Pow, Symbol, Tuple, sqrt

from ..core.model import Assumption, Declared
from ..gaussian import Density, Normal
from .notation import NOTATIONS, Notation


class ConditionalDensity(Expr):
    """q(targets | conditions): a conditional density of the forward process, at the values of
    its variables (conditions may be empty).

    Example:
        >>> from sympy import symbols
        >>> a, b = symbols("a b")
        >>> ConditionalDensity((a,), (b,)).conditions
        (b,)
    """

    is_commutative = True
    is_positive = True

    def __new__(cls, targets, conditions=(), label: str | Symbol = "q"):
        label = label if isinstance(label, Symbol) else Symbol(label)
        return super().__new__(cls, Tuple(*targets), Tuple(*conditions), label)

    targets = property(lambda self: tuple(self.args[0]))
    conditions = property(lambda self: tuple(self.args[1]))
    label = property(lambda self: self.args[2].name)

    @property
    def free_symbols(self):
        return set().union(*(v.free_symbols for v in self.targets + self.conditions))


class ForwardChain:
    """The chain x_0 → x_{t−1} → x_t of one notation, and every conditional density of it
    the checker can reduce (``definitions``)."""

    def __init__(self, notation: Notation):
        self.notation = notation
        t = notation.t
        self.nodes = (notation.data, notation.latent(t - 1), notation.latent(t))
        self.indices = {self.nodes[1]: t - 1, self.nodes[2]: t}
        self.definitions = self._reductions()

    def density(self, targets: tuple, conditions: tuple, label: str = "q") -> ConditionalDensity:
        """The conditional density ``label(targets | conditions)`` of this process."""
        return ConditionalDensity(tuple(targets), tuple(conditions), label)

    def marginal(self, node: Symbol) -> Basic:
        """q(x_s | x_0) = N(x_s; √ᾱ_s x_0, 1 − ᾱ_s)."""
        kept = self.notation.cumulative(self.indices[node])
        return Density(Normal(sqrt(kept) * self.nodes[0], 1 - kept), node)

    def transition(self) -> Basic:
        """q(x_t | x_{t−1}) = N(x_t; √α_t x_{t−1}, β_t)."""
        t = self.notation.t
        step = self.notation.step(t)
        return Density(Normal(sqrt(step) * self.nodes[1], self.notation.beta[t]), self.nodes[2])

    @property
    def statements(self) -> tuple[tuple[Basic, Basic], ...]:
        """What the process is, as printed: the transition and the marginals."""
        q, (x_0, x_s, x_t) = ConditionalDensity, self.nodes
        return (
            (q((x_t,), (x_s,)), self.transition()),
            (q((x_s,), (x_0,)), self.marginal(x_s)),
            (q((x_t,), (x_0,)), self.marginal(x_t)),
        )

    def _joint(self, members: tuple, step: Basic) -> Basic:
        """q(members | x_0): the first member's marginal, then ``step`` (the density of x_t
        given x_{t−1} and x_0)."""
        ordered = [n for n in self.nodes[1:] if n in members]
        if not ordered:
            return 1
        density = self.marginal(ordered[0])
        return density * step if len(ordered) == 2 else density

    def _reductions(self, step: Basic | None = None) -> dict:
        """The reduction of every conditional density given x_0, with ``step`` for
        q(x_t | x_{t−1}, x_0): by the Markov property (None) the transition q(x_t | x_{t−1})."""
        x_0, x_s, x_t = self.nodes
        step = self.transition() if step is None else step
        latents = (x_s, x_t)
        found = {}
        for size in (1, 2):
            for targets in combinations(latents, size):
                others = [n for n in latents if n not in targets]
                for given in (c for k in range(len(others) + 1) for c in combinations(others, k)):
                    value = self._joint(targets + given, step) / self._joint(given, step)
                    for order in permutations((x_0, *given)):
                        for written in permutations(targets):
                            found[ConditionalDensity(written, order)] = value
        found[ConditionalDensity((x_t,), (x_s,))] = self.transition()  # the chain's transition
        return found

    @property
    def assumed(self) -> tuple[Assumption, ...]:
        """What the reductions and the domain's rules take as given: the Markov property
        (without it, q(x_t | x_{t−1}, x_0) is a density of its own, left alone), and the law
        of iterated expectations the canonical forms merge nested expectations by
        (:mod:`derive.diffusion.expectations`)."""
        x_0, x_s, x_t = self.nodes
        kernel = ConditionalDensity((x_t,), (x_s, x_0))
        alone = self._reductions(kernel)
        without = tuple((k, v) for k, v in alone.items() if self.definitions.get(k) != v)
        markov = Eq(kernel, ConditionalDensity((x_t,), (x_s,)), evaluate=False)
        return (Assumption(MARKOV, markov, without), Assumption(TOWER, tower_rule()))


MARKOV = "the forward process is Markov"
TOWER = "the law of iterated expectations"


def tower_rule() -> Basic:
    """E_{q(b|c)}[E_{q(a|b,c)}[f]] = E_{q(a,b|c)}[f], for a function f of a, b and c."""
    from sympy import Function

    from .expectations import ExpectationUnder

    a, b, c = Symbol("a"), Symbol("b"), Symbol("c")
    f = Function("f")(a, b, c)
    q = ConditionalDensity
    nested = ExpectationUnder(ExpectationUnder(f, q((a,), (b, c))), q((b,), (c,)))
    return Eq(nested, ExpectationUnder(f, q((a, b), (c,))), evaluate=False)


# The chains declared to derivations, by the fact that names them: the kernel carries the name
# only (see derive.core.model.Declared), and the diffusion plug-ins find the chain here.
FACT = "diffusion.process"
_CHAINS: dict[str, ForwardChain] = {}


def declare(process) -> Declared | None:
    """A :class:`ForwardChain` as the kernel holds it: its reductions, its statements and the
    fact naming it (None for anything else).

    Example:
        >>> from derive.diffusion import notation
        >>> declare(ForwardChain(notation("course"))).fact(FACT)
        'course'
    """
    if not isinstance(process, ForwardChain):
        return None
    notation = process.notation
    name = notation.name
    if NOTATIONS.get(name) != notation:  # a notation of the user's own: named by its content
        name += "#" + hashlib.sha256(repr(notation).encode()).hexdigest()[:16]
    _CHAINS.setdefault(name, process)
    return Declared(
        tuple(process.definitions.items()),
        process.statements,
        ((FACT, name),),
        process.assumed,
    )


def chain_of(facts) -> ForwardChain | None:
    """The chain a context's (or a derivation's) facts name, or None if they name none.

    Example:
        >>> from derive.core.model import Declared
        >>> chain_of(Declared(facts=((FACT, "ddpm"),))).notation.name
        'ddpm'
    """
    name = facts.fact(FACT)
    if name is None:
        return None
    if name not in _CHAINS:  # a standard notation's chain, named in another process
        _CHAINS[name] = ForwardChain(NOTATIONS[name])
    return _CHAINS[name]


def joint_form(expr: Basic) -> tuple[Basic, dict] | None:
    """``expr``, a product of powers of conditional densities and a number, with each density
    written by its definition q(A | C) = q(A, C) / q(C): the number and the powers of the
    joint densities, ``{(label, variables): power}``; None if ``expr`` is anything else (or a
    density has a variable on both sides of its bar).

    Example:
        >>> from sympy import symbols
        >>> a, b = symbols("a b")
        >>> q = ConditionalDensity
        >>> joint_form(q((a,), (b,)) * q((b,))) == joint_form(q((a, b)))
        True
    """
    found = [Integer(1), {}]
    if not _gather(expr, Integer(1), found):
        return None
    number, powers = found
    return number, {key: power for key, power in powers.items() if power != 0}


def _gather(expr: Basic, power: Integer, found: list) -> bool:
    """Add ``expr**power`` to ``found`` (the number, the powers); False if it is not a product
    of powers of densities and numbers."""
    if isinstance(expr, Mul):
        return all(_gather(factor, power, found) for factor in expr.args)
    if isinstance(expr, Pow) and expr.exp.is_Integer:
        return _gather(expr.base, power * expr.exp, found)
    if expr.is_number:
        found[0] *= expr**power
        return True
    if not isinstance(expr, ConditionalDensity):
        return False
    targets, conditions = set(expr.targets), set(expr.conditions)
    if targets & conditions or len(targets) != len(expr.targets):
        return False
    for variables, sign in ((targets | conditions, 1), (conditions, -1)):
        if variables:
            key = (expr.label, frozenset(variables))
            found[1][key] = found[1].get(key, 0) + sign * power
    return True
