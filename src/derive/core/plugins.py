"""What domain packages teach the checker: plug-ins registered when the domain is imported.

The kernel never imports a domain. A domain package registers, at its import, the checks its
objects need; an expression can only hold a domain's objects once that domain was imported, so
the checker always finds the plug-ins its input needs. The checker calls, for a relation:

1. the *guards* (a step that names something with no meaning is ill-formed);
2. the *relation checks* (a domain decides relations between its own objects, such as
   expectations under a process compared by canonical forms), else the kernel's own check, in
   which the *decisions* decide what only a domain gives a meaning to (a law ``Z ~ N(m, v)``,
   two laws equal) once matrices are at explicit sizes;
3. for a step left unverified, the *alternative proofs* (another route that may prove it);
4. then the *refuters* (an instance of the domain that may refute it, never verify it).

Each of those plug-ins is a function ``(lhs, symbol, rhs, context, var) -> Verdict | None``:
``None`` means "not mine" (or, for a refuter, "not refuted").

The kernel's own machinery asks the domains, through these interfaces:

- ``reducers``: ``(expr, laws, reduce) -> expr | None`` at each node of an expression before
  the kernel rebuilds it (a density to its formula, an expectation integrated); ``reduce`` is
  the kernel's walk, for the node's parts. See :mod:`derive.core.reduction`.
- ``quadratures``: ``(node, digits) -> value | None``, the number of a node no reducer closed.
- ``opaque``: ``expr -> set`` of sub-expressions to treat as unknown reals.
- ``binders``: ``expr -> set`` of the variables ``expr`` binds (kept symbolic at every size).
- ``sized``: ``(expr, mapping) -> expr`` done before a matrix expression is put at an explicit
  size (exact expectations over a normal vector by sigma points).
- ``scalar_functions``: classes of a matrix to a number, evaluated once their argument is an
  explicit matrix.
- ``routes``: ``(lhs, rhs) -> str | None``, how a proof reached its sides, for its method.
- ``declarers``: ``object -> Declared | None``, a domain object given to a derivation (its
  process) as plain data (:class:`~derive.core.model.Declared`); the kernel keeps only that.
- ``densities``: ``(targets, conditions, label, context) -> expr | None``, the conditional
  density of the process the context's facts name (for theorems concluding a law).
- ``theorems``: the side conditions of named theorems, ``kind -> (lhs, step, context) ->
  Verdict``.

Example:
    >>> from derive.core.verdict import Verdict
    >>> def never_zero(lhs, symbol, rhs, context, var):
    ...     return Verdict.ill_formed("division by zero") if rhs == "1/0" else None
    >>> registry = Plugins()
    >>> registry.guards.append(never_zero)
    >>> registry.first(registry.guards, 1, "=", "1/0", None, None).reason
    'division by zero'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Plugins:
    """The plug-ins of each kind, in the order they were registered."""

    guards: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)
    refuters: list = field(default_factory=list)
    reducers: list = field(default_factory=list)
    quadratures: list = field(default_factory=list)
    opaque: list = field(default_factory=list)
    binders: list = field(default_factory=list)
    sized: list = field(default_factory=list)
    scalar_functions: list = field(default_factory=list)
    routes: list = field(default_factory=list)
    declarers: list = field(default_factory=list)
    densities: list = field(default_factory=list)
    theorems: dict = field(default_factory=dict)

    def first(self, kind: list, lhs, symbol, rhs, context, var):
        """The first verdict a plug-in of ``kind`` returns, or None."""
        for plugin in kind:
            verdict = plugin(lhs, symbol, rhs, context, var)
            if verdict is not None:
                return verdict
        return None

    def density(self, targets, conditions, label, context):
        """The conditional density ``label(targets | conditions)`` of the process the
        context's facts name, as its domain writes it; None if no domain names one."""
        for plugin in self.densities:
            found = plugin(targets, conditions, label, context)
            if found is not None:
                return found
        return None


PLUGINS = Plugins()


def register(kind: str, plugin) -> None:
    """Register ``plugin`` as one of ``kind`` (a list of :class:`Plugins`), once."""
    plugins = getattr(PLUGINS, kind)
    if plugin not in plugins:
        plugins.append(plugin)


def register_theorem(kind: str, check) -> None:
    """Register ``check`` as the side conditions of the theorem ``kind`` (``'uniqueness'``;
    ``'induction'`` for :class:`~derive.core.rules.Induction`)."""
    PLUGINS.theorems.setdefault(kind, check)
