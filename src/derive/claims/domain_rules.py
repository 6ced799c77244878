"""The claim builder's rules for the domains givens declare: ℝ, ℝⁿ, ℝ^{n×m}, ℝ₊, ℕ, ℤ,
intervals and step ranges {1, …, T}, built as tagged tuples that
:mod:`derive.claims.givens` reads. A mixin of :class:`derive.claims.build._Builder`.

Example:
    >>> from derive.claims.givens import read_givens
    >>> read_givens([r"t \\in \\{1, \\dots, T\\}"]).domains["t"]
    {'integer': True, 'positive': True}
"""

from __future__ import annotations


class DomainRules:
    """Builder rules for domains (tuples: ``("reals",)``, ``("matrices", n, m)``, …)."""

    def domain(self, children):
        return children[0]

    def reals(self, _):
        return ("reals",)

    def space(self, children):
        return ("space", children[1])

    def matrices(self, children):
        return ("matrices", children[1], children[3])

    def half_line(self, _):
        return ("positive",)

    def naturals(self, _):
        return ("naturals",)

    def integers(self, _):
        return ("integers",)

    def open_interval(self, children):
        return ("open", children[0], children[1])

    def closed_interval(self, children):
        return ("closed", children[0], children[1])

    def steps(self, children):
        return ("steps", children[0], children[-1])
