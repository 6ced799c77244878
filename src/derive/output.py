"""Writing documents: into a directory checked up front, each file replaced atomically.

A document is written to a temporary file in the same directory and renamed over its target,
so a reader (or an interrupted run) never sees half a file.

Example:
    >>> import tempfile, pathlib
    >>> folder = prepare_directory(tempfile.mkdtemp())
    >>> write_atomic(folder / "kl.txt", "proof\\n").read_text()
    'proof\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def prepare_directory(path: str | os.PathLike) -> Path:
    """Create the output directory if needed; a path that cannot be one is a usage error."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"output path '{folder}' is not a directory; give a directory for -o")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create output directory '{folder}': {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"output directory '{folder}' is not writable; choose another with -o")
    return folder


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` through a temporary file and a rename."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
