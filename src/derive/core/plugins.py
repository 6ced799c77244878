"""What domain packages teach the checker: plug-ins registered when the domain is imported.

The kernel never imports a domain. A domain package registers, at its import, the checks its
objects need; an expression can only hold a domain's objects once that domain was imported, so
the checker always finds the plug-ins its input needs. The checker calls, for a relation:

1. the *guards* (a step that names something with no meaning is ill-formed);
2. the *relation checks* (a domain decides relations between its own objects, such as
   expectations under a process compared by canonical forms), else the kernel's own check;
3. for a step left unverified, the *alternative proofs* (another route that may prove it);
4. then the *refuters* (an instance of the domain that may refute it, never verify it).

Each plug-in is a function ``(lhs, symbol, rhs, context, var) -> Verdict | None``: ``None``
means "not mine" (or, for a refuter, "not refuted").

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
    alternatives: list = field(default_factory=list)
    refuters: list = field(default_factory=list)

    def first(self, kind: list, lhs, symbol, rhs, context, var):
        """The first verdict a plug-in of ``kind`` returns, or None."""
        for plugin in kind:
            verdict = plugin(lhs, symbol, rhs, context, var)
            if verdict is not None:
                return verdict
        return None


PLUGINS = Plugins()


def register(kind: str, plugin) -> None:
    """Register ``plugin`` as one of ``kind`` ('guards', 'relations', 'alternatives',
    'refuters'), once."""
    plugins = getattr(PLUGINS, kind)
    if plugin not in plugins:
        plugins.append(plugin)
