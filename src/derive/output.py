"""Writing documents: into a directory checked up front, each file replaced atomically.

A document is written to a temporary file in the same directory and renamed over its target,
so a reader (or an interrupted run) never sees half a file. The file gets the mode a plain
``open()`` would give it (0666 less the umask), not the private 0600 of a temporary file.

Example:
    >>> import tempfile, pathlib
    >>> folder = prepare_directory(tempfile.mkdtemp())
    >>> write_atomic(folder / "kl.txt", "proof\\n").read_text()
    'proof\\n'
    >>> _ = (folder / ".kl.txt.abcd1234.tmp").write_text("half a pro")  # a killed run's leftover
    >>> [p.name for p in prepare_directory(folder).iterdir()]
    ['kl.txt']
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import UsageError

# The temporary files of write_atomic: ".NAME.XXXXXXXX.tmp" (mkstemp's eight random characters).
STALE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def check_directory(path: str | os.PathLike) -> Path:
    """Whether ``path`` can be (or become) the output directory, without creating anything:
    a path that is a file, under a file, or in a directory we may not write is a usage error."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"output path '{folder}' is not a directory; give a directory for -o")
    existing = folder
    while not existing.exists():  # the nearest ancestor that exists must be a writable folder
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"cannot create output directory '{folder}': '{existing}' is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"output directory '{existing}' is not writable; choose another with -o")
    return folder


def prepare_directory(path: str | os.PathLike) -> Path:
    """Create the output directory if needed (after :func:`check_directory`), and remove the
    temporary files an interrupted run left there (and in its sub-folders, ``figures/``)."""
    folder = check_directory(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create output directory '{folder}': {error.strerror}") from None
    for place in (folder, *(p for p in folder.iterdir() if p.is_dir())):
        for stale in place.iterdir():
            if STALE.fullmatch(stale.name) and stale.is_file():
                stale.unlink(missing_ok=True)
    return folder


def file_mode() -> int:
    """The mode of a new file under the current umask: ``0o666 & ~umask``.

    Example:
        >>> previous = os.umask(0o027)
        >>> oct(file_mode())
        '0o640'
        >>> _ = os.umask(previous)
    """
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` through a temporary file and a rename; the file is
    readable as the umask allows (see :func:`file_mode`)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
