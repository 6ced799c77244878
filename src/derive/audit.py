"""``derive audit``: the errata of the source documents are the proofreading of the four seed
files as they are (:mod:`derive.proofread.seeds`), nothing transcribed by hand. Each failing
link is matched to the slip ``found.toml`` pins and to its correction in
``derive/proofread/seeds/corrections.toml``: the line as it should read and the chapter of the
book that proves it.

Data flows one way: the seeds -> proofreading (verdicts) -> :class:`Audit` ->
:mod:`derive.render.errata`.

Example:
    >>> sorted(corrections())[:2]
    ['000-2-second-moment-run-on', '001-1.1.4d-expansion']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True)
class Correction:
    """How a slip of a seed should read (a table of ``corrections.toml``).

    Attributes:
        erratum: its id; ``what``: the slip in a few words; ``section``: the seed's section;
        corrected: the line as it should read (LaTeX); ``chapter``: the derivation whose
            chapter proves it; ``alone``: the slip is a right side on its own.
        seed, line, contains: where it is, for a slip ``found.toml`` pins without an id.
        check: the corrected line as a claim for ``derive check`` ("" when it cannot be read),
            with its ``given`` and ``notation``.
    """

    erratum: str
    what: str
    section: str
    corrected: str
    chapter: str
    alone: bool = False
    seed: str = ""
    line: int = 0
    contains: str = ""
    check: str = ""
    given: tuple = ()
    notation: str = ""


@dataclass(frozen=True)
class Erratum:
    """A failing line of a seed: the proofreading's verdict and, when recorded, its correction.

    Attributes:
        seed: the seed file's name; ``checked``: the failing link with its verdict and reason;
        correction: its :class:`Correction` (None: a slip nobody has corrected yet).
    """

    seed: str
    checked: object
    correction: Correction | None = None

    @property
    def line(self) -> int:
        """The seed's line the slip is on."""
        return self.checked.link.line


@dataclass
class Audit:
    """The proofread seeds, the errata among their links, and the known slips not found yet.

    Attributes:
        files: ``(seed name, checked links)`` pairs, as :mod:`derive.proofread.report` takes.
        errata: the failing links, in the seeds' order.
        missed: erratum id -> why proofreading does not find it yet (``found.toml``).
    """

    files: list = field(default_factory=list)
    errata: list = field(default_factory=list)
    missed: dict = field(default_factory=dict)


def corrections() -> dict[str, Correction]:
    """The committed corrections, by erratum id (``corrections.toml``)."""
    import tomllib

    folder = resources.files("derive.proofread").joinpath("seeds")
    table = tomllib.loads(folder.joinpath("corrections.toml").read_text(encoding="utf-8"))
    found = {}
    for row in table["correction"]:
        row = dict(row)
        row["given"] = tuple(row.get("given", ()))
        found[row["erratum"]] = Correction(**row)
    return found


def _where(found, known: dict[str, Correction]) -> list[tuple[str, int, str, Correction]]:
    """(seed, line, piece of the claim, correction) for every slip ``found.toml`` pins."""
    by_place = {(c.seed, c.line, c.contains): c for c in known.values() if c.seed}
    out = []
    for f in found:
        place = (f.seed, f.line, f.contains)
        correction = known.get(f.erratum) if f.erratum else by_place.get(place)
        if correction is not None:
            out.append((f.seed, f.line, f.contains, correction))
    return out


def match(files: list, found, known: dict[str, Correction]) -> list[Erratum]:
    """The failing links of ``files``, each with the correction of the slip it is.

    A slip is the failing link on its seed's line whose claim holds the piece ``found.toml``
    pins, and that is a right side on its own exactly when the correction says so.

    Example:
        >>> from derive.proofread.model import Checked, Link
        >>> from derive.proofread.seeds import Found
        >>> c = Correction("e", "a slip", "§1", "a = 2 a", "kl")
        >>> slip = Checked(Link(3, "=", "a + a", "3 a"), "fails")
        >>> found = [Found("s.txt", 3, "3 a", "e")]
        >>> [e.correction.erratum for e in match([("s.txt", [slip])], found, {"e": c})]
        ['e']
    """
    places = _where(found, known)
    errata = []
    for seed, checked in files:
        for c in checked:
            if c.verdict != "fails":
                continue
            claim = c.link.claim
            hit = next(
                (
                    corr
                    for s, line, piece, corr in places
                    if s == seed and line == c.link.line and piece in claim
                    and corr.alone == c.link.alone
                ),
                None,
            )  # fmt: skip
            errata.append(Erratum(seed, c, hit))
    return errata


# The errata are committed documents: each link gets a CPU-time bound generous enough that no
# verdict depends on how loaded the machine is (at proofread's 10 s, links that take about
# that long held in one run and were undecided in another), and each seed a budget to match.
LINK_TIMEOUT, SEED_BUDGET = 60.0, 3000.0


RECORD = "audit.json"  # beside the context files: the last audit's links, for the book


def record(audit: Audit) -> str:
    """The audit's proofread links as JSON (``errata.json``; a copy in the package, the
    book's appendix is made from it, so that ``derive all`` needs neither the seeds nor minutes
    of proofreading). The same audit gives the same bytes.

    Example:
        >>> from derive.proofread.model import Checked, Link
        >>> audit = Audit([("s.txt", [Checked(Link(3, "=", "a", "b"), "fails")])])
        >>> restored(record(audit)).files == audit.files
        True
    """
    import json
    from dataclasses import asdict

    seeds = [{"seed": name, "links": [asdict(c) for c in checked]} for name, checked in audit.files]
    return json.dumps(seeds, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def restored(text: str) -> Audit:
    """The :class:`Audit` that :func:`record` wrote, its errata matched again to the committed
    slips and corrections."""
    import json

    from .proofread.model import Checked, Link
    from .proofread.seeds import found_errata

    files = []
    for seed in json.loads(text):
        checked = []
        for row in seed["links"]:
            link = Link(**row.pop("link"))
            checked.append(Checked(link, **{**row, "givens": tuple(row.get("givens", ()))}))
        files.append((seed["seed"], checked))
    found, missed = found_errata()
    return Audit(files, match(files, found, corrections()), missed)


def recorded() -> Audit:
    """The audit as last recorded in the package (``seeds/audit.json``; tests/test_audit.py
    checks it is the one ``derive audit`` makes now)."""
    folder = resources.files("derive.proofread").joinpath("seeds")
    return restored(folder.joinpath(RECORD).read_text(encoding="utf-8"))


def run_audit(timeout: float | None = None, budget: float | None = None, progress=None) -> Audit:
    """Proofread the four seeds (their committed context files) and collect the errata;
    ``timeout`` and ``budget`` in CPU seconds (None: :data:`LINK_TIMEOUT`, :data:`SEED_BUDGET`)."""
    from pathlib import Path

    from .proofread import proofread
    from .proofread.seeds import found_errata, seeds

    files = []
    for seed, context in seeds():
        bar = progress(Path(seed).name) if progress else None
        result = proofread(
            str(seed), (), None, context, None, timeout or LINK_TIMEOUT,
            budget or SEED_BUDGET, bar,
        )  # fmt: skip
        files.append((Path(seed).name, result.checked))
    found, missed = found_errata()
    return Audit(files, match(files, found, corrections()), missed)
