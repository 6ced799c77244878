r"""The checker as proofreading calls it: each link with only the givens that bear on it, and
each distinct question decided once per document.

Speed comes from doing less work, never from checking less: the givens left out share no
letter with the claim (:mod:`relevance`), and a question asked twice (a chain's whole that is
also one of its lines, a definition checked again) gets the first answer, which is the answer
the checker would give again. ``Decider(narrow=False)`` passes every given, as before; the
tests compare the two.

Example:
    >>> decider = Decider()
    >>> decider.narrowed("a = 2 b", ("b = 1", "c = 3"))
    ('b = 1',)
    >>> decider("a = 2 b", ("b = 1", "a = 2"), None, None, 10.0).verdict
    'holds'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .relevance import relevant


@dataclass
class Decider:
    """``derive check``'s decision procedure with a per-document memory.

    Attributes:
        narrow: give each claim only the givens :func:`relevant` keeps.
        asked: how many decisions were asked for; ``decided``: how many were computed.
    """

    narrow: bool = True
    asked: int = 0
    decided: int = 0
    _answers: dict = field(default_factory=dict, repr=False)

    def narrowed(self, claim: str, givens: tuple) -> tuple:
        """The givens ``claim`` is decided with."""
        return relevant(claim, givens) if self.narrow else tuple(givens)

    def __call__(self, claim: str, givens: tuple, wrt, notation, timeout: float):
        """The decision on ``claim`` (a :class:`UsageError` raised again when asked again).

        A decision that ran out of time is remembered with its time bound: asked again with no
        more time it would run out again (seed 001 asks its line 276 twice, 10 s each), asked
        with more time the checker may finish, and it is decided again."""
        from ..claims.decide import decide

        self.asked += 1
        key = (claim, tuple(givens), wrt, notation)
        if key in self._answers:
            answer, error, bound = self._answers[key]
            if error is not None:
                raise error
            if bound is None or timeout <= bound:
                return answer
        self.decided += 1
        try:
            answer = decide(claim, givens, wrt, notation, timeout)
        except Exception as error:
            self._answers[key] = (None, error, None)
            raise
        out_of_time = "time bound" in (answer.reason or "")
        self._answers[key] = (answer, None, timeout if out_of_time else None)
        return answer
