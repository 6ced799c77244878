"""What a derivation script does when run on its own: print its checked proof.

A script ends with ``if __name__ == "__main__": run_script(build)``.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source
    >>> a = symbols("a", positive=True)
    >>> build = lambda: Derivation("demo", "A demo", Source("notes", "§1"), start=a + a).eq(
    ...     2 * a, Rule("collect"))
    >>> try:
    ...     run_script(build, ["--format", "txt"])
    ... except SystemExit as stop:
    ...     print("exit", stop.code)  # doctest: +ELLIPSIS
    demo: A demo
    ...
    exit 0
"""

from __future__ import annotations

import argparse
import sys

from .core import verify
from .render import FORMATS, render


def run_script(build, argv: list[str] | None = None) -> None:
    """Build the derivation, check every step, print it (``--format``), exit 0 if verified."""
    parser = argparse.ArgumentParser(description="Print this derivation's checked proof.")
    parser.add_argument("--format", choices=sorted(FORMATS), default="txt")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    report = verify(build())
    sys.stdout.write(render(report, args.format))
    raise SystemExit(0 if report.verified else 1)
