"""A verification cache: verified steps are remembered, keyed by everything the check depends on.

A key is the SHA-256 of the engine's fingerprint (its version and the text of every source file
of the package, so that any change to the checker starts afresh) and of the step: the previous
side, the relation, the new side, the rule, and the context (ranges, declared variables,
definitions, matrices, sizes, the chain's start). Only verified verdicts are stored (a method
string, nothing that is ever evaluated); refuted and unverified steps are checked again each
time. Entries live in ``$DERIVE_CACHE_DIR``, else ``$XDG_CACHE_HOME/derive``, else
``~/.cache/derive``; each is written to a temporary file and renamed, so concurrent runs are
safe, and an entry that cannot be read is ignored and written again.

Example:
    >>> import tempfile
    >>> cache = VerdictCache(tempfile.mkdtemp())
    >>> cache.get("k") is None
    True
    >>> from derive.core.verdict import Verdict
    >>> cache.put("k", Verdict.proof("symbolic: the difference expands to 0"))
    >>> cache.get("k").method
    'symbolic: the difference expands to 0'
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from sympy import srepr

from .._version import __version__
from .verdict import from_record, to_record


def cache_directory() -> Path:
    """Where verdicts are kept."""
    if os.environ.get("DERIVE_CACHE_DIR"):
        return Path(os.environ["DERIVE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "derive"


@cache
def fingerprint() -> str:
    """The engine's version and the text of its source files, hashed."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".lark") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def context_key(context) -> str:
    """The part of a key that every step of one chain shares."""
    parts = [
        fingerprint(),
        context.config.key(),
        _items(context.ranges),
        _items(context.variables),
        _items(context.definitions),
        _items(context.matrices),
        repr(tuple(context.sizes)),
        srepr(context.start) if context.start is not None else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def step_key(shared: str, lhs, step) -> str:
    """The key of one step in a chain whose shared part is ``shared``."""
    rule = step.rule
    parts = [
        shared,
        srepr(lhs),
        step.relation.symbol,
        srepr(step.relation.var) if step.relation.var is not None else "",
        srepr(step.expr),
        type(rule).__name__,
        getattr(rule, "kind", ""),
        "|".join(srepr(f) for f in rule.formulas),
        srepr(getattr(rule, "index", None)),
        srepr(getattr(rule, "hypothesis", None)),
    ]
    derivation = getattr(rule, "derivation", None)
    if derivation is not None:
        parts.append(srepr(derivation.statement))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _items(mapping: dict) -> str:
    return "\x1e".join(sorted(f"{srepr(k)}={srepr(v)}" for k, v in mapping.items()))


class VerdictCache:
    """Verified steps' methods, one small JSON file per key under ``directory``."""

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else cache_directory()

    def get(self, key: str):
        """The verified verdict remembered for ``key``, or None."""
        try:
            entry = json.loads((self.directory / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return from_record(entry) if isinstance(entry, dict) else None

    def put(self, key: str, verdict) -> None:
        """Remember that the step with ``key`` was verified as ``verdict`` (best effort)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(to_record(verdict), file)
            os.replace(temporary, self.directory / f"{key}.json")
        except OSError:
            return  # a cache that cannot be written is only slower
