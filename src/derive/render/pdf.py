r"""Compiling LaTeX documents to PDF with pdfTeX, reproducibly.

The document is compiled by latexmk (pdfTeX, as many passes as references and the table of
contents need; without latexmk, pdfTeX three times) in a temporary directory, with
``SOURCE_DATE_EPOCH`` fixed and pdfTeX's trailer ID derived from it, so the same source gives the
same bytes with the same TeX installation.

Example:
    >>> tex = "\\documentclass{article}\\begin{document}x\\end{document}"
    >>> if engine():  # the same source, the same bytes
    ...     first = compile_pdf(tex)
    ...     assert first.startswith(b"%PDF") and compile_pdf(tex) == first
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UsageError

NO_ENGINE = (
    "no TeX engine: pdflatex is not on PATH; install one (e.g. 'apt-get install "
    "texlive-latex-extra') or choose --format tex"
)
PASSES = 3  # without latexmk: the contents need the second pass, its page numbers a third


class CompileError(Exception):
    """pdflatex failed on a document: the first error of its log."""


def engine() -> str | None:
    """The path of pdflatex, or None (latexmk, when present, drives the same engine)."""
    return shutil.which("pdflatex")


def require_engine() -> str:
    """pdflatex's path; its absence is a usage error (the user asked for PDF)."""
    found = engine()
    if found is None:
        raise UsageError(NO_ENGINE)
    return found


def compile_pdf(tex: str, assets: dict[str, bytes] | None = None, timeout: float = 300) -> bytes:
    """The PDF of the LaTeX source ``tex``; ``assets`` are files it includes (by relative
    path, e.g. ``figures/sum.pdf``)."""
    return compile_with_log(tex, assets, timeout)[0]


def compile_with_log(
    tex: str, assets: dict[str, bytes] | None = None, timeout: float = 300
) -> tuple[bytes, str]:
    """The PDF of ``tex`` and the log of the final pdfTeX pass (for its warnings)."""
    pdflatex = require_engine()
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1"}
    with tempfile.TemporaryDirectory(prefix="derive-tex-") as folder:
        root = Path(folder)
        (root / "document.tex").write_text(tex, encoding="utf-8")
        for relative, data in (assets or {}).items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
        flags = ["-interaction=nonstopmode", "-halt-on-error"]
        latexmk = shutil.which("latexmk")
        if latexmk:
            engine_option = f"-pdflatex={pdflatex} %O %S"
            commands = [[latexmk, "-pdf", "-silent", engine_option, *flags, "document.tex"]]
        else:
            commands = [[pdflatex, *flags, "document.tex"]] * PASSES
        for command in commands:
            done = subprocess.run(
                command, cwd=root, capture_output=True, timeout=timeout, env=environment
            )
            if done.returncode != 0:
                raise CompileError(first_error(root / "document.log"))
        undefined = undefined_references(root / "document.log")
        if undefined:
            raise CompileError(f"undefined references: {', '.join(undefined)}")
        log = (root / "document.log").read_text(encoding="utf-8", errors="replace")
        return (root / "document.pdf").read_bytes(), log


def overfull_boxes(log: str) -> list[str]:
    """The Overfull box warnings of a pdfTeX log (a line leaving the text block).

    Example:
        >>> overfull_boxes("Overfull \\\\hbox (7.1pt too wide) in paragraph")
        ['Overfull \\\\hbox (7.1pt too wide) in paragraph']
    """
    return [line for line in log.splitlines() if line.startswith("Overfull \\")]


def undefined_references(log: Path) -> list[str]:
    """The labels a (final) pdflatex pass reported undefined.

    Example:
        >>> import tempfile
        >>> log = Path(tempfile.mkdtemp()) / "document.log"
        >>> _ = log.write_text("LaTeX Warning: Reference `lemma:kl:1' on page 2 undefined on")
        >>> undefined_references(log)
        ['lemma:kl:1']
    """
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    found = re.findall(r"Reference `([^']+)' on page \d+ undefined", text)
    return sorted(set(found))


def first_error(log: Path) -> str:
    """The first error line of a pdflatex log (``! …``), or a note that there is none."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    errors = [line for line in text.splitlines() if line.startswith("!")]
    return errors[0] if errors else "pdflatex failed without an error line in its log"
