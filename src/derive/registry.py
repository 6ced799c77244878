"""Finds the derivations: every script in ``derive.derivations`` (the repository's
``derivations/`` folder, shipped inside the wheel).

Listing reads each script's ``NAME``/``TITLE``/``SOURCE``/``TOPIC`` with :mod:`ast`, without
importing it or SymPy; only :func:`load` runs a script.

Example:
    >>> "kl" in names()
    True
    >>> lookup("kl").topic
    'univariate'
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources

from .errors import UsageError

PACKAGE = "derive.derivations"
TOPICS = ("univariate", "multivariate", "diffusion")


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

    def documents(self, notation: str | None = None) -> list[tuple[str, str | None]]:
        """(document name, notation) for each notation of this entry (or only ``notation``):
        ``posterior`` and ``posterior-course``; a single ``(name, None)`` without notations."""
        if not self.notations:
            return [(self.name, None)]
        chosen = [n for n in self.notations if notation in (None, n)]
        return [(self.name + ("" if n == self.notations[0] else f"-{n}"), n) for n in chosen]


@cache
def entries() -> tuple[Entry, ...]:
    """Every derivation, by topic (univariate, multivariate, diffusion), then by name."""
    found = []
    for resource in resources.files(PACKAGE).iterdir():
        if resource.name.endswith(".py") and not resource.name.startswith("_"):
            found.append(_read_entry(resource.name[:-3], resource.read_text(encoding="utf-8")))
    found.sort(key=lambda e: (TOPICS.index(e.topic) if e.topic in TOPICS else len(TOPICS), e.name))
    return tuple(found)


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
    module = import_module(f"{PACKAGE}.{entry.module}")
    if not entry.notations:
        if notation is not None:
            raise UsageError(f"--notation applies to the diffusion derivations, not to {name!r}")
        return module.build()
    if notation is not None and notation not in entry.notations:
        raise UsageError(
            f"unknown notation {notation!r}; expected one of: {', '.join(entry.notations)}"
        )
    return module.build(notation or entry.notations[0])


def _read_entry(module: str, source: str) -> Entry:
    meta = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in {
                "NAME",
                "TITLE",
                "TOPIC",
                "VARIANT_OF",
                "NOTATIONS",
            }:
                meta[target.id] = ast.literal_eval(node.value)
            elif isinstance(target, ast.Name) and target.id == "SOURCE":
                meta["SOURCE"] = [ast.literal_eval(arg) for arg in node.value.args]
    missing = {"NAME", "TITLE", "TOPIC", "SOURCE"} - set(meta)
    if missing:
        raise RuntimeError(f"derivation script {module}.py lacks {', '.join(sorted(missing))}")
    document, section = meta["SOURCE"]
    variant = tuple(meta["VARIANT_OF"]) if "VARIANT_OF" in meta else None
    notations = tuple(meta.get("NOTATIONS", ()))
    return Entry(
        meta["NAME"], meta["TITLE"], document, section, meta["TOPIC"], module, variant, notations
    )
