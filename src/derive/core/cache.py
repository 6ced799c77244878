"""A verification cache: verified steps are remembered, keyed by everything the check depends on.

A key is the SHA-256 of the engine's fingerprint (its version, the text of every source file of
the package, and the versions of Python, SymPy, mpmath and lark, so that any change to the
checker or to what it computes with starts afresh), the configuration (time bounds, points,
sizes, precision) and the step: the previous side, the relation, the new side, the rule, and
the context (ranges, declared variables, definitions, matrices, sizes, the facts a domain
declared, the chain's start).
Only verified verdicts are stored (the verdict's record: its method, strength, sizes, points,
digits, assumptions; plain strings and numbers, nothing that is ever evaluated); refuted and
unverified steps are checked again each time.

An entry is bound to its step: it holds its own key, a digest of the step's content (the two
sides and the relation) and an HMAC-SHA256 of all of it under a secret of this cache
(``secret.key``, 32 random bytes, created with mode 0600 on first use). An entry whose key,
content or HMAC does not match is ignored and the step is checked afresh: a hand-written entry,
or one copied from another step's key, certifies nothing. Someone who can read the secret can
forge entries (the README states this trust model).

Entries live in ``$DERIVE_CACHE_DIR``, else ``$XDG_CACHE_HOME/derive``, else
``~/.cache/derive``; each is written to a temporary file (mode 0666 less the umask) and renamed,
so concurrent runs are safe, and an entry that cannot be read is ignored and written again.

Example:
    >>> import tempfile
    >>> from derive.core.verdict import Verdict
    >>> cache = VerdictCache(tempfile.mkdtemp())
    >>> cache.lookup("k", "c") is None
    True
    >>> cache.store("k", "c", Verdict.proof("symbolic: the difference expands to 0"))
    >>> cache.lookup("k", "c").method
    'symbolic: the difference expands to 0'
    >>> cache.lookup("k", "another step") is None  # the entry is bound to its content
    True
    >>> cache.hits, cache.rejected
    (1, 1)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
from functools import cache
from pathlib import Path

from sympy import srepr

from .._version import __version__
from .verdict import from_record, to_record

SECRET = "secret.key"
# What the checker's results depend on besides derive's own source.
DEPENDENCIES = ("sympy", "mpmath", "lark")


def cache_directory() -> Path:
    """Where verdicts are kept."""
    if os.environ.get("DERIVE_CACHE_DIR"):
        return Path(os.environ["DERIVE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "derive"


@cache
def fingerprint() -> str:
    """The engine's version, the text of its source files and its dependencies' versions,
    hashed."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(__version__.encode())
    digest.update(sys.version.encode())
    for name in DEPENDENCIES:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:  # pragma: no cover - a dependency is always installed
            digest.update(f"{name} missing".encode())
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
        repr(tuple(context.facts)),
        repr(tuple(a.name for a in context.assumed)),
        srepr(context.start) if context.start is not None else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def step_content(lhs, step) -> str:
    """A digest of what the step states: the previous side, the relation and the new side."""
    relation = step.relation
    parts = [
        srepr(lhs),
        relation.symbol,
        srepr(relation.var) if relation.var is not None else "",
        srepr(step.expr),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def step_key(shared: str, lhs, step) -> str:
    """The key of one step in a chain whose shared part is ``shared``."""
    rule = step.rule
    parts = [
        shared,
        step_content(lhs, step),
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
    """Verified steps' verdicts, one small signed JSON file per key under ``directory``.

    ``hits`` counts the verdicts served from the cache, ``rejected`` the entries found but
    refused (key, content or HMAC not matching, or unreadable), in this process.
    """

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else cache_directory()
        self.hits = 0
        self.rejected = 0
        self._secret: bytes | None = None

    def lookup(self, key: str, content: str):
        """The verified verdict remembered for the step with ``key`` and ``content``, or None
        (nothing stored, or an entry that is not this cache's record of this step)."""
        path = self.directory / f"{key}.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return None
        verdict = self._accepted(text, key, content)
        if verdict is None:
            self.rejected += 1
            return None
        self.hits += 1
        return verdict

    def store(self, key: str, content: str, verdict) -> None:
        """Remember that the step with ``key`` and ``content`` was verified (best effort)."""
        try:
            fields = to_record(verdict)
            body = {"key": key, "content": content, "verdict": fields}
            entry = {**body, "mac": self._mac(body)}
            data = json.dumps(entry, sort_keys=True, ensure_ascii=False)
        except (OSError, TypeError, ValueError):
            return  # a verdict that is not plain data, or no secret: not remembered
        try:
            write_entry(self.directory / f"{key}.json", data.encode("utf-8"))
        except OSError:
            return  # a cache that cannot be written is only slower

    def _accepted(self, text: str, key: str, content: str):
        try:
            entry = json.loads(text)
            if not isinstance(entry, dict) or set(entry) != {"key", "content", "verdict", "mac"}:
                return None
            body = {k: entry[k] for k in ("key", "content", "verdict")}
            if entry["key"] != key or entry["content"] != content:
                return None
            if not isinstance(entry["mac"], str):
                return None
            if not hmac.compare_digest(entry["mac"], self._mac(body)):
                return None
            return from_record(entry["verdict"]) if isinstance(entry["verdict"], dict) else None
        except (OSError, TypeError, ValueError):
            return None

    def _mac(self, body: dict) -> str:
        message = json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hmac.new(self._key(), message, hashlib.sha256).hexdigest()

    def _key(self) -> bytes:
        if self._secret is None:
            self._secret = _secret(self.directory)
        return self._secret


def _secret(directory: Path) -> bytes:
    """This cache's secret: read, or created with mode 0600 on first use. A secret that others
    may read or that another user owns is replaced (every entry signed with it is then
    refused)."""
    path = directory / SECRET
    try:
        info = path.stat()
        private = info.st_uid == os.getuid() and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
        if private and stat.S_ISREG(info.st_mode):
            data = path.read_bytes()
            if len(data) >= 32:
                return data
    except FileNotFoundError:
        info = None
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f"{SECRET}.{os.getpid()}.{secrets.token_hex(8)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(secrets.token_hex(32).encode())
    try:
        if info is None:
            try:
                os.link(temporary, path)  # fails if another process created one meanwhile
            except FileExistsError:
                return _secret(directory)
        else:
            os.replace(temporary, path)
            temporary = None
        return path.read_bytes()
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def write_entry(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by a rename; the file's mode is 0666 less the umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
