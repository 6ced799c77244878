"""One frozen configuration of the checker: time bounds, points, sizes and precision.

Time bounds are in seconds of CPU time (see :mod:`derive.core.timebound`), so that a verdict does
not depend on how loaded the machine is. Every bound of the engine is here: the commands, the
proofreader, the errata and the engine's own test harnesses name theirs from :data:`DEFAULT`.

Every number that decides how hard the checker looks lives here, is passed down in the
:class:`~derive.core.checker.CheckContext`, and enters the cache's key, so that a verdict
reached under one configuration is never reused under another.

Example:
    >>> config = Config()
    >>> config.points >= 12, config.quick_points < config.points
    (True, True)
    >>> config.merged(timeout=5).timeout
    5
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Config:
    """How the checker works.

    Attributes:
        timeout: the time bound of one check (a step's, a claim's) in the API, in CPU seconds
            (``None``: unbounded).
        command_timeout: the default of the commands' ``--timeout`` (each step's or claim's
            check).
        audit_timeout: the bound of each claim of the committed errata, generous enough that
            none of them ends at it (the slowest takes about a minute).
        link_timeout: the bound of one link of a proofread document.
        document_budget: the bound of a whole proofread document, in CPU seconds (the links
            after it are undecided, saying so).
        harness_timeout: the bound of one check in the engine's own test harnesses (the
            mutation harness, the claims corpus), short so that a whole run stays short.
        points: the fewest random points numeric evidence rests on; more when there are more
            sign regions of the real symbols to cover (up to ``max_points``).
        max_points: the most points drawn for one comparison.
        quick_points: points tried before a symbolic proof is attempted (to refute fast).
        digits: the working precision of a numeric evaluation.
        max_digits: how far the precision is raised to tell an exact zero from a tiny
            difference, when two exact values are compared at the first (quick) points.
        more_digits: the same at the other points, which add evidence (a difference below
            10^-max_digits at the quick points is not looked for again at every point).
        symbolic_sizes: sizes at which matrix steps are checked with symbolic entries.
        random_sizes: sizes at which matrix steps are checked with exact random matrices.
        draws: random matrices drawn at each of ``random_sizes``.
        entry_proof_timeout: the bound, in CPU seconds, of the attempt to prove a claim about
            matrices of explicit sizes with their entries as symbols (beyond it, the exact
            random instances drawn before are its evidence).
    """

    timeout: float | None = 30.0
    command_timeout: float = 60.0
    audit_timeout: float = 300.0
    link_timeout: float = 10.0
    document_budget: float = 600.0
    harness_timeout: float = 20.0
    points: int = 12
    max_points: int = 32
    quick_points: int = 3
    digits: int = 50
    max_digits: int = 1000
    more_digits: int = 100
    symbolic_sizes: tuple = (1, 2)
    random_sizes: tuple = (3, 4, 6)
    draws: int = 2
    entry_proof_timeout: float = 8.0

    def merged(self, **changes) -> Config:
        """This configuration with ``changes``."""
        return replace(self, **changes)

    def key(self) -> str:
        """A stable text of every field, for the cache's key."""
        return ";".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))


DEFAULT = Config()
