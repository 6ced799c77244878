"""Finds the derivations: every script in ``derive.derivations`` (the repository's
``derivations/`` folder, shipped inside the wheel), and a user's own scripts — in the
directories named by ``--path``/``DERIVE_PATH`` (:func:`use_paths`) or named one by one
(:func:`add_script`).

Listing reads each script's ``NAME``/``TITLE``/``SOURCE``/``TOPIC`` with :mod:`ast`, without
importing it or SymPy; only :func:`load` runs a script.

Example:
    >>> "kl" in names()
    True
    >>> lookup("kl").topic
    'univariate'
    >>> lookup("kl").source_title.split(" (")[0]
    'Sum of normals and the KL divergence'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources
from pathlib import Path

from .errors import UsageError

PACKAGE = "derive.derivations"
TOPICS = ("univariate", "multivariate", "diffusion")

# The source documents, by the file name that is their key (a script's SOURCE names the file):
# their titles, which is what a person recognises. The files themselves are not needed to run
# anything; a fresh clone does not have them.
SOURCES = {
    "000_e5429e0e7a84fe31.txt": (
        "Sum of normals and the KL divergence "
        "(lecture notes, Mathematical Foundations of Generative AI, week 8)"
    ),
    "001_c65224db13adbda7.txt": (
        "Assignment 1: Normalizing Flows & Diffusion Models (Deep Generative Models course)"
    ),
    "002_fd2e4c5ce01caa53.txt": "ELBO for DDPM, Part 2 (lecture notes)",
    "003_6b257039f3422b2a.txt": "Gaussian primer: the Gaussian distribution in diffusion models",
}

# A user's scripts: the directories to search and the files named one by one (see use_paths).
_search: dict[str, tuple[Path, ...]] = {"directories": (), "files": ()}


@dataclass(frozen=True)
class Entry:
    """A registered derivation, as its script declares it."""

    name: str
    title: str
    document: str
    section: str
    topic: str
    module: str
    # (base name, flag) for `derive kl --multivariate`; (base, option, value): `--route product`
    variant_of: tuple[str, ...] | None = None
    notations: tuple[str, ...] = ()  # the DDPM derivations: ("ddpm", "course"), first the default
    path: Path | None = None  # a user's script (not in the package): its file
    # a notation worked after another source: (notation, title) and (notation, document, section)
    notation_titles: tuple[tuple[str, str], ...] = ()
    notation_sources: tuple[tuple[str, str, str], ...] = ()

    @property
    def source_title(self) -> str:
        """The title of the source document (its file name if it is not a known one)."""
        return source_title(self.document)

    def title_in(self, notation: str | None) -> str:
        """The title of the document in ``notation`` (None: the default notation).

        Example:
            >>> lookup("posterior").title_in("course").startswith("The posterior q(zₜ₋₁")
            True
        """
        return dict(self.notation_titles).get(notation, self.title)

    def source_in(self, notation: str | None) -> tuple[str, str]:
        """(document, section) that the document in ``notation`` follows, the section naming
        the notation when the seed writes another (:meth:`derive.diffusion.Notation.cite`).

        Example:
            >>> lookup("posterior").source_in("course")
            ('001_c65224db13adbda7.txt', '§1.1.4(d)')
            >>> lookup("posterior").source_in(None)[0]
            '002_fd2e4c5ce01caa53.txt'
            >>> lookup("elbo").source_in("course")[1].endswith("course notation of seed 001")
            True
        """
        found = {n: (document, section) for n, document, section in self.notation_sources}
        document, section = found.get(notation, (self.document, self.section))
        chosen = notation or (self.notations[0] if self.notations else None)
        if chosen is None:
            return document, section
        from .core.model import Source
        from .diffusion.notation import notation as profile

        cited = profile(chosen).cite(Source(document, section))
        return cited.document, cited.section

    def documents(self, notation: str | None = None) -> list[tuple[str, str | None]]:
        """(document name, notation) for each notation of this entry (or only ``notation``):
        ``posterior`` and ``posterior-course``; a single ``(name, None)`` without notations."""
        if not self.notations:
            return [(self.name, None)]
        chosen = [n for n in self.notations if notation in (None, n)]
        return [(self.name + ("" if n == self.notations[0] else f"-{n}"), n) for n in chosen]


def source_title(document: str) -> str:
    """The title of a source document, given its key (file name); unknown keys stay as they are.

    Example:
        >>> source_title("002_fd2e4c5ce01caa53.txt")
        'ELBO for DDPM, Part 2 (lecture notes)'
        >>> source_title("my notes")
        'my notes'
    """
    return SOURCES.get(document, document)


def entries() -> tuple[Entry, ...]:
    """Every derivation, by topic (univariate, multivariate, diffusion), then by name: the
    built-in ones, then the user's (see :func:`use_paths`)."""
    return _all_entries(_search["directories"], _search["files"])


@cache
def _all_entries(directories: tuple, files: tuple) -> tuple[Entry, ...]:
    return _builtin_entries() + _user_entries(directories, files)


@cache
def _builtin_entries() -> tuple[Entry, ...]:
    found = []
    for resource in resources.files(PACKAGE).iterdir():
        if resource.name.endswith(".py") and not resource.name.startswith("_"):
            found.append(_read_entry(resource.name[:-3], resource.read_text(encoding="utf-8")))
    found.sort(key=_order)
    return tuple(found)


def _order(entry: Entry) -> tuple:
    return (TOPICS.index(entry.topic) if entry.topic in TOPICS else len(TOPICS), entry.name)


def use_paths(directories) -> None:
    """Find the user's scripts in ``directories`` (``--path DIR``, ``DERIVE_PATH``): every
    ``*.py`` there that declares a ``NAME`` (others are helpers, skipped); forget the files
    named one by one before."""
    chosen = tuple(Path(d) for d in directories)
    if (chosen, ()) != (_search["directories"], _search["files"]):
        _search["directories"], _search["files"] = chosen, ()
        _forget()


def add_script(path) -> Entry:
    """Register the script file ``path`` (``derive verify my_proof.py``); returns its entry."""
    path = Path(path)
    if path not in _search["files"]:
        from .user_scripts import read_script

        read_script(path)  # a missing file or a script that is no derivation: one line, now
        _search["files"] = (*_search["files"], path)
        _forget()
    wanted = path.resolve()
    return next(e for e in entries() if e.path is not None and e.path.resolve() == wanted)


def _forget() -> None:
    load.cache_clear()  # a name may now stand for another script


def _user_entries(directories: tuple, files: tuple) -> tuple[Entry, ...]:
    """The user's derivations: a name may not repeat a built-in one or another script's."""
    from .user_scripts import declarations, scripts_in

    paths = [p for d in directories for p in scripts_in(d)]
    paths += [f for f in files if f.resolve() not in {p.resolve() for p in paths}]
    taken = {entry.name: None for entry in _builtin_entries()}
    found = []
    for path in paths:
        meta = declarations(path)
        if meta is None:
            continue
        name = meta["NAME"]
        if meta["TOPIC"] not in TOPICS:
            raise UsageError(f"{path}: TOPIC must be one of {', '.join(TOPICS)}")
        if name in taken:
            where = f"the script {taken[name]}" if taken[name] else "a built-in derivation"
            raise UsageError(f"{path}: NAME {name!r} is already {where}; choose another NAME")
        taken[name] = path
        found.append(_entry(meta, path.stem, path))
    return tuple(sorted(found, key=_order))


def names() -> list[str]:
    """The names of all derivations, in listing order."""
    return [entry.name for entry in entries()]


def lookup(name: str) -> Entry:
    """The entry called ``name``; an unknown name is a :class:`UsageError` naming close ones."""
    for entry in entries():
        if entry.name == name:
            return entry
    raise UsageError(unknown_name_message(name, names()))


def unknown_name_message(name: str, known: list[str]) -> str:
    """One line: the unknown name, the closest known ones, and where the full list is."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown derivation {name!r}{hint} ('derive list' shows them all)"


def notations() -> tuple[str, ...]:
    """Every notation some derivation is written in, the default first."""
    found: dict[str, None] = {}
    for entry in entries():
        found.update(dict.fromkeys(entry.notations))
    return tuple(found)


@cache
def load(name: str, notation: str | None = None):
    """Run the script of ``name`` (in ``notation``, for the DDPM derivations) and return its
    :class:`~derive.core.Derivation`.

    The result is cached, so a derivation cited by several others is one object.
    """
    entry = lookup(name)
    import_module("derive.render")  # a loaded derivation displays itself as its proof
    if not entry.notations and notation is not None:
        raise UsageError(f"--notation applies to the diffusion derivations, not to {name!r}")
    if notation is not None and notation not in entry.notations:
        raise UsageError(
            f"unknown notation {notation!r}; expected one of: {', '.join(entry.notations)}"
        )
    chosen = (notation or entry.notations[0]) if entry.notations else None
    if entry.path is not None:
        from .user_scripts import build_from

        return build_from(entry.path, entry.name, chosen)
    module = import_module(f"{PACKAGE}.{entry.module}")
    return module.build() if chosen is None else module.build(chosen)


def _read_entry(module: str, source: str) -> Entry:
    from .user_scripts import declarations

    try:
        meta = declarations(Path(f"{module}.py"), source)
    except UsageError as error:
        raise RuntimeError(f"derivation script {error}") from None
    if meta is None:
        raise RuntimeError(f"derivation script {module}.py lacks NAME")
    return _entry(meta, module)


def _entry(meta: dict, module: str, path: Path | None = None) -> Entry:
    document, section = meta["SOURCE"]
    variant = tuple(meta["VARIANT_OF"]) if "VARIANT_OF" in meta else None
    notations = tuple(meta.get("NOTATIONS", ()))
    titles = _by_notation(meta, "NOTATION_TITLES", notations, module)
    sources = _by_notation(meta, "NOTATION_SOURCES", notations, module)
    if any(not isinstance(t, str) for t in titles.values()) or any(
        not (isinstance(s, (tuple, list)) and len(s) == 2) for s in sources.values()
    ):
        raise UsageError(
            f"{module}: NOTATION_TITLES maps a notation to a title, NOTATION_SOURCES to "
            '("document", "section")'
        )
    return Entry(
        meta["NAME"],
        meta["TITLE"],
        document,
        section,
        meta["TOPIC"],
        module,
        variant,
        notations,
        path,
        tuple(sorted(titles.items())),
        tuple(sorted((n, *s) for n, s in sources.items())),
    )


def _by_notation(meta: dict, field: str, notations: tuple, module: str) -> dict:
    """A script's ``field`` (a dict by notation); a notation it does not declare is an error."""
    found = meta.get(field, {})
    if not isinstance(found, dict) or not set(found) <= set(notations):
        raise UsageError(f"{module}: {field} must map some of its NOTATIONS {notations} to values")
    return found
