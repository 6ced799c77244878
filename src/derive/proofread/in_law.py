r"""Equalities in law: lines whose sides are in different noise variables.

Blog posts and lecture notes merge two Gaussian noises into one, or rename one, inside a chain
of equalities (``√α_t ε_{t−1} + … = √(1 − α_t α_{t−1}) ε̄_{t−2}``, "where ε̄ merges two
Gaussians"): the sides are equal in distribution, not as the expressions written. Such a link is
undecided, with the reason; it is never reported as a slip, and never as holding.

Example:
    >>> from derive.proofread.model import Link
    >>> noise = noise_families([Link(1, "\\sim", r"\epsilon_t", "N(0, I)")], None)
    >>> merged = Link(2, "=", r"a \epsilon_1 + b \epsilon_2", r"c \bar{\epsilon}_2")
    >>> in_law(merged, noise, {}).verdict
    'undecided'
"""

from __future__ import annotations

import re

from .model import UNDECIDED, Checked, Link
from .names import name_key, tokens

_ACCENTS = ("\\bar", "\\tilde", "\\hat", "\\overline", "\\widetilde", "\\widehat")


def noise_families(links: list[Link], context=None) -> set[str]:
    r"""The letters the document uses for standard normal noise, as families: ``ε`` for
    "where each ε_t ~ N(0, I)" or "ε_{t−1}, ε_{t−2}, … ~ N(0, I)" (ε̄_{t−2} is one of them
    too); under a DDPM notation ε is its standard noise, stated or not. A letter the document
    computes by a recurrence (``x_t = √α_t x_{t−1} + …``, even
    with ``x_T ~ N(0, I)``) is a state, not noise.

    Example:
        >>> noise_families([Link(3, "\\sim", r"\epsilon_t", r"N(0, I)")])
        {'\\epsilon'}
    """
    stated = [(link.lhs, link.rhs) for link in links if link.relation == "\\sim"]
    given = context.given if context is not None else ()
    stated += [tuple(g.split("\\sim", 1)) for g in given if "\\sim" in g]
    noise = set()
    for lhs, law in stated:
        names = [name_key(n) for n in lhs.split(",") if n.strip() not in ("\\dots", "\\ldots")]
        if _standard(law) and names and None not in names:  # 'ε_t ~ N(0, I)', 'ε_1, ε_2, …'
            noise |= {family(n) for n in names}
    if context is not None and context.notation:  # a DDPM notation's ε is its standard noise
        noise |= {"\\epsilon", "\\varepsilon"}
    computed = {family(key) for link in links if link.relation in ("=", ":=")
                if (key := name_key(link.lhs)) and recurrence(key, link.rhs)}  # fmt: skip
    return noise - computed


def _standard(law: str) -> bool:
    """Whether ``law`` is the standard normal, written any of the usual ways (N(0, I),
    \\mathcal{N}(\\mathbf{0}, \\mathbf{I}), N(\\cdot; 0, 1) …)."""
    plain = re.sub(r"\\(?:mathcal|mathbf|boldsymbol|bm|mathbb)\b|[{}\s]", "", law)
    plain = plain.replace("\\cdot;", "").replace("\\cdot,", "")
    return plain in ("N(0,I)", "N(0,1)")


def family(token: str) -> str:
    r"""A name's letter without its accent and index: ``\bar{\epsilon}_{t-2}`` -> ``\epsilon``."""
    base = token.split("_", 1)[0]
    for accent in _ACCENTS:
        if base.startswith(accent):
            base = base[len(accent) :]
    return base.strip("{}")


def in_law(link: Link, noise: set[str], definitions: dict) -> Checked | None:
    r"""A link whose sides are in different members of a random family (ε_{t−1} on the left,
    ε̄_{t−2} on the right; the noises merged or renamed) states an equality in law, not of the
    expressions as written: undecided, with the reason, never a slip. Members the document
    defines (x_{t−1} = …) are substituted by the checker and do not count.

    Example:
        >>> link = Link(4, "=", r"a \epsilon_1 + b \epsilon_2", r"c \bar{\epsilon}")
        >>> in_law(link, {"\\epsilon"}, {}).verdict
        'undecided'
        >>> in_law(Link(4, "=", r"a \epsilon_1", r"a \epsilon_1 + 0"), {"\\epsilon"}, {}) is None
        True
        >>> laws = {"\\epsilon_t": r"\epsilon_t \sim N(0, I)"}
        >>> laws["\\epsilon"] = r"\epsilon \sim N(0, I)"
        >>> link = Link(5, "=", r"b \epsilon_{t-1}", r"c \epsilon_t + s \epsilon")
        >>> in_law(link, {"\\epsilon"}, laws).verdict
        'undecided'
    """
    if link.relation not in ("=", "\\propto") or not noise or link.alone:
        return None
    left, right = _members(link.lhs), _members(link.rhs)
    # a member given by an equation is substituted; one given a law (ε_t ~ N(0, I)) is noise
    equal = {n for n, given in definitions.items() if "\\sim" not in given}
    for letter in sorted(noise):
        # ε_θ(x_t, t) is the network's output, not a noise of the family
        before = {t for t in left - right if family(t) == letter and name_key(t) not in equal
                  and "\\theta" not in t}  # fmt: skip
        after = {t for t in right - left if family(t) == letter and name_key(t) not in equal
                 and "\\theta" not in t}  # fmt: skip
        if before and after:
            was, now = ", ".join(sorted(before)), ", ".join(sorted(after))
            reason = (
                f"an equality in law: the noise {was} on the left is {now} on the right (merged "
                "or renamed), not the same expression; not checked as written"
            )
            return Checked(link, UNDECIDED, reason=reason)
    return None


def _members(side: str) -> set[str]:
    """The names of a side, a one-character index written either way (``x_{0}`` is ``x_0``)."""
    return {re.sub(r"_\{(\w)\}$", r"_\1", t) for t in tokens(side)}


def recurrence(key: str, rhs: str) -> bool:
    r"""Whether ``key = rhs`` defines a member of a family by other members (``x_t`` by
    ``x_{t-1}``).

    Example:
        >>> recurrence("x_t", r"\sqrt{a} x_{t-1} + e"), recurrence("x_t", r"\sqrt{a} x_0")
        (True, False)
        >>> recurrence("N_i^{(t)}", r"\gamma N_i^{(t-1)} + n"), recurrence("N^{(t)}", "N^{(0)}")
        (True, False)
    """
    upper = re.fullmatch(r"(.+)\^\{\((\w+)\)\}", key)
    if upper is not None:  # N_i^{(t)} = γ N_i^{(t−1)} + …: the index written as a superscript
        stem, index = upper[1], upper[2]
        written = re.findall(re.escape(stem) + r"\s*\^\{\(([^(){}]+)\)\}", rhs)
        return index.isalpha() and any(o != index and index in o for o in written)
    base, _, index = key.partition("_")
    if not index:
        return False
    index = index.strip("{}")
    others = {t.partition("_")[2].strip("{}") for t in tokens(rhs) if t.partition("_")[0] == base}
    return any(other and other != index and index.isalpha() and index in other for other in others)
