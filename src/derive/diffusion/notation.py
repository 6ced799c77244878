"""Notation profiles: the same diffusion process written the two ways the sources write it.

- ``ddpm`` (Ho et al. 2020; seeds 002 and 003): a schedule β_t, α_t = 1 − β_t per step and
  the cumulative ᾱ_t = ∏_{s≤t} α_s (so ᾱ_t = ᾱ_{t−1} α_t); data x_0, latents x_t.
- ``course`` (seed 001): α_t is the cumulative product, α_t = α_{t−1}(1 − β_t); data x,
  latents z_t.

A profile is data: its symbols, their definitions (used by the checker, substituted before
every check) and ranges (0 < β_t < 1, t ≥ 2 so that t − 1 is a step), and the names the
renderer prints. Derivations are written once against :class:`Notation`, through ``step(t)``
(the fraction of signal variance one step keeps: α_t or 1 − β_t) and ``cumulative(t)`` (ᾱ_t or
α_t), and so hold in either notation.

Example:
    >>> ddpm, course = NOTATIONS["ddpm"], NOTATIONS["course"]
    >>> ddpm.step(ddpm.t), course.step(course.t)
    (alpha[t], 1 - beta[t])
    >>> ddpm.cumulative(ddpm.t), course.cumulative(course.t)
    (alphabar[t], alpha[t])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sympy import Eq, Expr, IndexedBase, Lambda, Product, Symbol, symbols

from ..errors import UsageError

t = symbols("t", integer=True, positive=True)
_s, _k = symbols("s k", integer=True)
beta = IndexedBase("beta", positive=True)
alpha = IndexedBase("alpha", positive=True)
alpha_bar = IndexedBase("alphabar", positive=True)


@dataclass(frozen=True)
class Notation:
    """One way of writing the diffusion process.

    Attributes:
        name: ``ddpm`` or ``course``.
        sources: the documents that use it.
        per_step: the family of per-step factors α_t (ddpm), or None where the sources write
            1 − β_t (course).
        cumulative_family: the family of cumulative products (ᾱ in ddpm, α in course).
        data, latent: the names of x_0 and of the latent x_t (``"x_0"``, ``"x"``; ``"x"``,
            ``"z"``).
        definitions: the families as the checker substitutes them.
    """

    name: str
    sources: str
    per_step: IndexedBase | None
    cumulative_family: IndexedBase
    data_name: str
    latent_name: str
    definitions: dict = field(default_factory=dict)
    t: Symbol = t
    beta: IndexedBase = beta

    def cite(self, source):
        """``source`` as a document in this notation cites it: as it is when the cited seed
        writes this notation, else with the notation named, so that a reader comparing the
        document with its source knows why the letters differ.

        Example:
            >>> from derive.core import Source
            >>> NOTATIONS["course"].cite(Source("002_fd2e4c5ce01caa53.txt", "§2")).section
            '§2; written in the course notation of seed 001'
            >>> NOTATIONS["ddpm"].cite(Source("002_fd2e4c5ce01caa53.txt", "§2")).section
            '§2'
        """
        seeds = re.findall(r"\b\d{3}\b", self.sources)
        cited = re.match(r"(\d{3})_", source.document)
        if cited is None or cited.group(1) in seeds or not seeds:
            return source
        which = f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {' and '.join(seeds)}"
        note = f"written in the {self.name} notation of {which}"
        return replace(source, section=f"{source.section}; {note}")

    @property
    def ranges(self) -> dict:
        """0 < β_s < 1 for every s, and 2 ≤ t ≤ 8 at the points the checker samples."""
        return {self.beta: (0, 1), self.t: (2, 8)}

    def step(self, index) -> Expr:
        """The signal variance one step keeps: α_t (ddpm) or 1 − β_t (course)."""
        return self.per_step[index] if self.per_step is not None else 1 - self.beta[index]

    def cumulative(self, index) -> Expr:
        """The signal variance kept after ``index`` steps: ᾱ_t (ddpm) or α_t (course)."""
        return self.cumulative_family[index]

    @property
    def recursion(self) -> Eq:
        """ᾱ_t = ᾱ_{t−1} α_t (ddpm) or α_t = α_{t−1}(1 − β_t) (course)."""
        return Eq(
            self.cumulative(self.t),
            self.cumulative(self.t - 1) * self.step(self.t),
            evaluate=False,
        )

    @property
    def data(self) -> Symbol:
        """x_0 (ddpm) or x (course)."""
        return Symbol(self.data_name, real=True)

    def latent(self, index) -> Symbol:
        """The latent at ``index`` (t or t − 1): x_t, x_{t-1} (ddpm) or z_t, z_{t-1}."""
        written = str(index).replace(" ", "")
        suffix = written if len(written) == 1 else "{" + written + "}"
        return Symbol(f"{self.latent_name}_{suffix}", real=True)

    @property
    def suffix(self) -> str:
        """What a document's name gets in this notation: nothing for ddpm, ``-course``."""
        return "" if self.name == DEFAULT else f"-{self.name}"


DEFAULT = "ddpm"
NOTATIONS = {
    "ddpm": Notation(
        "ddpm",
        "Ho et al. 2020; seeds 002, 003",
        per_step=alpha,
        cumulative_family=alpha_bar,
        data_name="x_0",
        latent_name="x",
        definitions={
            alpha: Lambda(_k, 1 - beta[_k]),
            alpha_bar: Lambda(_k, Product(alpha[_s], (_s, 1, _k))),
        },
    ),
    "course": Notation(
        "course",
        "seed 001 (course assignment)",
        per_step=None,
        cumulative_family=alpha,
        data_name="x",
        latent_name="z",
        definitions={alpha: Lambda(_k, Product(1 - beta[_s], (_s, 1, _k)))},
    ),
}


def notation(name: str | None) -> Notation:
    """The profile called ``name`` (None: the default, ddpm).

    Example:
        >>> notation("course").latent(notation("course").t - 1)
        z_{t-1}
    """
    if name is None:
        name = DEFAULT
    if name not in NOTATIONS:
        raise UsageError(f"unknown notation {name!r}; expected one of: {', '.join(NOTATIONS)}")
    return NOTATIONS[name]


def linear_schedule(steps: int = 1000, first: float = 1e-4, last: float = 0.02) -> list[float]:
    """β_1, …, β_T rising linearly, the schedule of the DDPM paper (Ho et al. 2020, §4:
    T = 1000, β from 10⁻⁴ to 0.02).

    Example:
        >>> betas = linear_schedule()
        >>> len(betas), betas[0], round(betas[-1], 6)
        (1000, 0.0001, 0.02)
    """
    return [first + (last - first) * i / (steps - 1) for i in range(steps)]
