"""The claim parser built ahead of time: lark rebuilds an Earley parser from ``claim.lark`` in
every process (reading the grammar, compiling it to rules, analysing them: about 0.4 s, a third
of a short ``derive check``), and keeps no cache for Earley parsers. The built parser is stored
next to the grammar (``claim_parser.pickle``; the LALR parser of the fast path,
:mod:`derive.claims.fast_parse`, in ``claim_fast_parser.pickle``, lark's own format) with a
header naming what it was built from: the grammar's SHA-256 and lark's version. A stored
parser whose header does not match is not used (the grammar is compiled as before), so a stale
file costs time, never a different reading; ``tests/test_claims_stored_parser.py`` fails until
the file is written again with ``python -m derive.claims.stored_parser``.

The file is the package's own data, written by that command, like the grammar itself; derive
never unpickles anything a user or a document supplies.

Example:
    >>> header = expected_header("start: \\"a\\"")
    >>> sorted(header)
    ['grammar_sha256', 'lark']
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import pickle
import tempfile
import types
from importlib import resources
from pathlib import Path

STORED = "claim_parser.pickle"
GRAMMAR = "claim.lark"
OPTIONS = {"parser": "earley", "ambiguity": "resolve"}
FAST_STORED = "claim_fast_parser.pickle"
FAST_GRAMMAR = "claim_fast.lark"
# the two parsers: the Earley parser of the whole language, the LALR one of its common part
# (derive.claims.fast_parse): (grammar file, stored file, lark's options)
KINDS = {
    "earley": (GRAMMAR, STORED, OPTIONS),
    "lalr": (FAST_GRAMMAR, FAST_STORED, {"parser": "lalr", "lexer": "contextual"}),
}


def expected_header(grammar: str) -> dict:
    """What a stored parser must have been built from to stand for ``grammar``."""
    import lark

    return {
        "grammar_sha256": hashlib.sha256(grammar.encode("utf-8")).hexdigest(),
        "lark": lark.__version__,
    }


def load(grammar: str, kind: str = "earley"):
    """The stored parser of ``grammar`` (``kind`` earley or lalr), or None when there is none
    or it was built from another grammar or another lark."""
    _, stored, options = KINDS[kind]
    try:
        data = resources.files("derive.claims").joinpath(stored).read_bytes()
    except OSError:
        return None
    first, _, body = data.partition(b"\n")
    try:
        header = json.loads(first)
    except ValueError:
        return None
    if header != {**expected_header(grammar), "options": options}:
        return None
    try:
        if kind == "lalr":
            from lark import Lark

            return Lark.load(io.BytesIO(body))
        return pickle.loads(body)
    except Exception:  # noqa: BLE001 - an unreadable file is rebuilt from the grammar
        return None


def build(grammar: str, kind: str = "earley"):
    """The parser compiled from ``grammar`` (what :func:`load` stands in for)."""
    from lark import Lark

    return Lark(grammar, **KINDS[kind][2])


class _Pickler(pickle.Pickler):
    """Lark's lexer configuration holds the ``re`` module: stored by its name."""

    def reducer_override(self, obj):
        if isinstance(obj, types.ModuleType):
            return importlib.import_module, (obj.__name__,)
        return NotImplemented


def write(directory: Path | None = None, kind: str = "earley") -> Path:
    """Build the parser of ``kind`` from the package's grammar and store it (atomically)
    beside it."""
    here = Path(directory or Path(__file__).parent)
    grammar_file, stored, options = KINDS[kind]
    grammar = (here / grammar_file).read_text(encoding="utf-8")
    buffer = io.BytesIO()
    header = {**expected_header(grammar), "options": options}
    buffer.write(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n")
    if kind == "lalr":
        build(grammar, kind).save(buffer)  # lark's own format for LALR parsers
    else:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(build(grammar, kind))
    target = here / stored
    handle, temporary = tempfile.mkstemp(dir=here, prefix=".claim_parser.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(buffer.getvalue())
    os.chmod(temporary, 0o644)  # package data, readable like the grammar beside it
    os.replace(temporary, target)
    return target


if __name__ == "__main__":  # pragma: no cover - the maintainer's command
    for name in KINDS:
        print(write(kind=name))
