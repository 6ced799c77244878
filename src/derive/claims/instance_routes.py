"""Claims the usual reading cannot read or decide, tried on exact instances: partitioned
normal vectors with matrix blocks (:mod:`.block_laws`), the linear-Gaussian model of vectors
(:mod:`.linear_gaussian`) and moments of a normal vector (:mod:`.vector_moments`). The usual
reading goes first, so that what it proves keeps its strength, and a route answers only where
it gave an input error or "undecided" — except for partitioned laws, whose block letters
(Σ_ab, Λ_aa) the usual reading would take for unrelated matrices, and expectations of a
vector or matrix of a normal vector (E[x] = μ failed there, x read as a constant).

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbb{E}[\\mathbf{x}\\mathbf{x}^{\\mathrm{T}}] = \\boldsymbol\\Sigma",
    ...        (r"\\mathbf{x} \\sim \\mathcal{N}(\\boldsymbol\\mu, \\boldsymbol\\Sigma)",)).kind
    'fails'
"""

from __future__ import annotations

from ..errors import UsageError


def first_reading_then_routes(read_and_run, claim, given, wrt, notation, timeout):
    """``read_and_run``'s decision, or a route's where it is an input error or undecided."""
    from .block_laws import block_decision
    from .linear_gaussian import linear_gaussian_decision
    from .vector_moments import moment_decision

    if not notation:  # Σ_ab, Λ_aa of a partitioned law, and E[x] of a normal vector: the
        # usual reading takes the blocks for unrelated matrices and x for a constant vector
        found = block_decision(claim, given) or moment_decision(claim, given, vectors_only=True)
        if found is not None:
            return found
    try:
        decision = read_and_run(claim, given, wrt, notation, timeout)
    except UsageError:
        if notation or not given:
            raise
        decision = None
    if decision is None or decision.kind == "undecided":  # μ ~ g: tried with g normal
        from .unknown_laws import density_instance_decision, instance_decision

        for route in (instance_decision, density_instance_decision):
            found = route(read_and_run, claim, given, wrt, notation, timeout)
            if found is not None:
                return found
    if notation or (decision is not None and decision.kind != "undecided"):
        return decision
    for route in (linear_gaussian_decision, moment_decision):
        found = route(claim, given)
        if found is not None:
            return found
    if decision is None:  # no route either: the usual reading's input error
        return read_and_run(claim, given, wrt, notation, timeout)
    return decision
