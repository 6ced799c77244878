"""The claim parser built ahead of time: lark rebuilds an Earley parser from ``claim.lark`` in
every process (reading the grammar, compiling it to rules, analysing them: about 0.4 s, a third
of a short ``derive check``), and keeps no cache for Earley parsers. The built parser is stored
next to the grammar (``claim_parser.pickle``) with a header naming what it was built from: the
grammar's SHA-256 and lark's version. A stored parser whose header does not match is not used
(the grammar is compiled as before), so a stale file costs time, never a different reading;
``tests/test_claims_stored_parser.py`` fails until the file is written again with
``python -m derive.claims.stored_parser``.

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


def expected_header(grammar: str) -> dict:
    """What a stored parser must have been built from to stand for ``grammar``."""
    import lark

    return {
        "grammar_sha256": hashlib.sha256(grammar.encode("utf-8")).hexdigest(),
        "lark": lark.__version__,
    }


def load(grammar: str):
    """The stored parser of ``grammar``, or None when there is none or it was built from
    another grammar or another lark."""
    try:
        data = resources.files("derive.claims").joinpath(STORED).read_bytes()
    except OSError:
        return None
    first, _, body = data.partition(b"\n")
    try:
        header = json.loads(first)
    except ValueError:
        return None
    if header != {**expected_header(grammar), "options": OPTIONS}:
        return None
    try:
        return pickle.loads(body)
    except Exception:  # noqa: BLE001 - an unreadable file is rebuilt from the grammar
        return None


def build(grammar: str):
    """The parser compiled from ``grammar`` (what :func:`load` stands in for)."""
    from lark import Lark

    return Lark(grammar, **OPTIONS)


class _Pickler(pickle.Pickler):
    """Lark's lexer configuration holds the ``re`` module: stored by its name."""

    def reducer_override(self, obj):
        if isinstance(obj, types.ModuleType):
            return importlib.import_module, (obj.__name__,)
        return NotImplemented


def write(directory: Path | None = None) -> Path:
    """Build the parser from the package's grammar and store it (atomically) beside it."""
    here = Path(directory or Path(__file__).parent)
    grammar = (here / GRAMMAR).read_text(encoding="utf-8")
    buffer = io.BytesIO()
    header = {**expected_header(grammar), "options": OPTIONS}
    buffer.write(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n")
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(build(grammar))
    target = here / STORED
    handle, temporary = tempfile.mkstemp(dir=here, prefix=".claim_parser.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(buffer.getvalue())
    os.chmod(temporary, 0o644)  # package data, readable like the grammar beside it
    os.replace(temporary, target)
    return target


if __name__ == "__main__":  # pragma: no cover - the maintainer's command
    print(write())
