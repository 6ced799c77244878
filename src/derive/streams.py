"""Standard streams that may be closed: ``derive ... | head -1`` and ``derive ... >&-``.

No command prints a traceback because its reader went away. A closed stdout (or stderr) at
start is replaced by the null device, so the exit code still answers (``derive check CLAIM
>&-``); a pipe closed while writing ends the command quietly, the way the Python documentation
recommends: point the stream at the null device so that the final flush cannot fail again.

Example:
    >>> open_standard_streams()  # nothing to do when both are open
"""

from __future__ import annotations

import os
import sys

# Exit code after the reader of stdout went away: 128 + SIGPIPE, as a shell reports it.
BROKEN_PIPE = 141


def open_standard_streams() -> None:
    """Give a closed stdout or stderr the null device (so its descriptor is not reused)."""
    for descriptor, name in ((1, "stdout"), (2, "stderr")):
        try:
            os.fstat(descriptor)
            closed = False
        except OSError:
            closed = True
        if closed:
            null = os.open(os.devnull, os.O_WRONLY)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
            setattr(sys, name, open(descriptor, "w", encoding="utf-8", closefd=False))
        elif getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def silence_broken_pipe() -> int:
    """After a BrokenPipeError: send what is left for stdout and stderr to the null device."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(null, stream.fileno())
        except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
            pass
    os.close(null)
    return BROKEN_PIPE
