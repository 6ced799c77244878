"""Progress of a long document on a terminal (tqdm, on standard error), and nothing when
standard error is not a terminal: the report's bytes never depend on it.

Example:
    >>> bar("hw.md", stream=None) is None
    True
"""

from __future__ import annotations

import sys

MIN_LINKS = 20  # fewer links than this finish in seconds: no bar


def bar(name: str, stream=sys.stderr):
    """A factory ``total -> (done -> None)`` drawing a bar on ``stream`` if it is a TTY."""
    if stream is None or not getattr(stream, "isatty", lambda: False)():
        return None

    def start(total: int):
        if total < MIN_LINKS:
            return None
        from tqdm import tqdm

        progress = tqdm(total=total, desc=name, unit="link", file=stream, leave=False)

        def advance(done: int) -> None:
            progress.update(done - progress.n)
            if done >= total:
                progress.close()

        return advance

    return start
