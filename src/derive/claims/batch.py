"""Many claims at once: ``derive check --file claims.toml`` and the errata audit of the source
documents (``derive audit``, the file ``derivations/claims/sources.toml``).

A claims file is TOML: a list ``[[claim]]`` of tables with ``id`` and ``claim``, and optionally
``given`` (a list), ``wrt``, ``notation``, ``source`` and ``expect`` (``holds``, ``fails`` or
``undecided``; a claim that holds numerically meets ``holds``).

Example:
    >>> rows = run(load_claims('[[claim]]\\nid = "c"\\nclaim = "a = a"\\nexpect = "holds"'))
    >>> rows[0].met
    True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..core.config import DEFAULT
from ..errors import UsageError
from .decide import Decision, decide

VERDICTS = ("holds", "fails", "undecided")
KEYS = {"id", "claim", "given", "wrt", "notation", "source", "expect"}


@dataclass(frozen=True)
class Entry:
    """One claim of a claims file."""

    id: str
    claim: str
    given: tuple = ()
    wrt: str | None = None
    notation: str | None = None
    source: str = ""
    expect: str | None = None


@dataclass(frozen=True)
class Row:
    """A claim and its decision."""

    entry: Entry
    decision: Decision

    @property
    def met(self) -> bool | None:
        """Whether the expected verdict was met (None: nothing expected)."""
        if self.entry.expect is None:
            return None
        return self.decision.verdict.split()[0] == self.entry.expect


def read_file(path: str) -> list[Entry]:
    """The entries of the claims file at ``path``; any problem is a :class:`UsageError`."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"--file {path}: no such file; give a TOML file of [[claim]] tables")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"--file {path}: cannot read it ({error})") from None
    return load_claims(text, path)


def load_claims(text: str, where: str = "the claims file") -> list[Entry]:
    """Entries from TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{where}: not valid TOML ({error})") from None
    tables = data.get("claim")
    if not isinstance(tables, list) or not tables:
        raise UsageError(f"{where}: no claims; write [[claim]] tables with id and claim")
    entries, seen = [], set()
    for number, table in enumerate(tables, start=1):
        entries.append(_entry(table, f"{where}, claim {number}"))
        if entries[-1].id in seen:
            raise UsageError(f"{where}: the id {entries[-1].id!r} is used twice")
        seen.add(entries[-1].id)
    return entries


def _entry(table: dict, where: str) -> Entry:
    unknown = set(table) - KEYS
    if unknown:
        raise UsageError(f"{where}: unknown key {sorted(unknown)[0]!r}; known: {sorted(KEYS)}")
    for key in ("id", "claim"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise UsageError(f"{where}: '{key}' must be a non-empty string")
    given = table.get("given", [])
    if isinstance(given, str):
        given = [given]
    if not isinstance(given, list) or not all(isinstance(g, str) for g in given):
        raise UsageError(f"{where}: 'given' must be a string or a list of strings")
    expect = table.get("expect")
    if expect is not None and expect not in VERDICTS:
        raise UsageError(f"{where}: 'expect' must be one of {', '.join(VERDICTS)}")
    return Entry(
        table["id"],
        table["claim"],
        tuple(given),
        table.get("wrt"),
        table.get("notation"),
        table.get("source", ""),
        expect,
    )


def run(entries: list[Entry], timeout: float | None = DEFAULT.timeout) -> list[Row]:
    """Decide every entry (an entry that is not a claim is a :class:`UsageError` naming it)."""
    rows = []
    for entry in entries:
        try:
            decision = decide(entry.claim, entry.given, entry.wrt, entry.notation, timeout)
        except UsageError as error:
            raise UsageError(f"claim {entry.id!r}: {error}") from None
        rows.append(Row(entry, decision))
    return rows


def table(rows: list[Row]) -> str:
    """The terminal table: id, verdict, expected, and whether it was met."""
    width = max(len("id"), *(len(r.entry.id) for r in rows))
    column = max(len("verdict"), *(len(r.decision.verdict) for r in rows))
    lines = [f"{'id':<{width}}  {'verdict':<{column}} {'expected':<10} ok"]
    for r in rows:
        ok = {True: "yes", False: "NO", None: "-"}[r.met]
        expected = r.entry.expect or "-"
        lines.append(f"{r.entry.id:<{width}}  {r.decision.verdict:<{column}} {expected:<10} {ok}")
    failed = [r for r in rows if r.met is False]
    lines.append(
        f"{len(rows)} claims; {len(failed)} expected verdicts not met"
        + (f": {', '.join(r.entry.id for r in failed)}" if failed else "")
    )
    return "\n".join(lines) + "\n"
