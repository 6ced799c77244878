"""Signs of life for long work: a progress bar on a terminal, and what was written where.

The bar (tqdm, imported only when there is a terminal to draw on) goes to stderr, and only
when both stdout and stderr are terminals: piped or redirected, ``derive`` prints exactly what
it printed before. Files written are listed one per line when there is no bar, and summed up
at the end either way.

Example:
    >>> import contextlib
    >>> tracker = Progress(2, "verifying", terminal=False)
    >>> with contextlib.redirect_stderr(sys.stdout):  # the files are listed on stderr
    ...     tracker.wrote(Path("out/figures/kl.svg"))
    ...     tracker.wrote(Path("out/kl.tex"))
    wrote out/figures/kl.svg
    wrote out/kl.tex
    >>> print(tracker.summary())
    wrote 2 files: 1 into out (.tex), 1 into out/figures (.svg)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def plural(count: int, word: str) -> str:
    """``1 derivation``, ``2 derivations``.

    Example:
        >>> plural(1, "derivation"), plural(28, "derivation")
        ('1 derivation', '28 derivations')
    """
    return f"{count} {word}{'' if count == 1 else 's'}"


def on_terminal() -> bool:
    """Whether both stdout and stderr are terminals (a bar would be seen, and not mixed into
    anything a program reads)."""
    streams = (sys.stdout, sys.stderr)
    return all(s is not None and hasattr(s, "isatty") and s.isatty() for s in streams)


class Progress:
    """A bar over ``total`` items of work, and the files written meanwhile."""

    def __init__(self, total: int, what: str, terminal: bool | None = None):
        self.files: list[Path] = []
        self.bar = None
        if (on_terminal() if terminal is None else terminal) and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=what, unit="doc", file=sys.stderr, leave=False)

    def advance(self, label: str = "") -> None:
        """One item done (``label``: what is being worked on)."""
        if self.bar is not None:
            self.bar.set_postfix_str(label, refresh=False)
            self.bar.update(1)

    def echo(self, line: str) -> None:
        """Print ``line`` on stdout, above the bar if there is one."""
        if self.bar is None:
            print(line, flush=True)
        else:
            self.bar.write(line, file=sys.stdout)

    def wrote(self, path: Path) -> None:
        """Record a file written; list it on stderr unless a bar shows the progress."""
        self.files.append(Path(path))
        if self.bar is None:
            print(f"wrote {path}", file=sys.stderr)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def summary(self) -> str:
        """One line: how many files were written into which directory, by kind."""
        folders: dict[Path, Counter] = {}
        for path in self.files:
            folders.setdefault(path.parent, Counter())[path.suffix or path.name] += 1
        parts = [
            f"{sum(kinds.values())} into {folder} ({', '.join(sorted(kinds))})"
            for folder, kinds in sorted(folders.items())  # a folder before its sub-folders
        ]
        return f"wrote {plural(len(self.files), 'file')}: {', '.join(parts)}"
