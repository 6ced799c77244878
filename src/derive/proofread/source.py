"""Reading the user's file: it must exist, be text (no NUL byte), UTF-8, and not too large;
its format comes from ``--format-in`` or its extension (``.md``, ``.markdown``, ``.txt`` and
``.ipynb``-exported Markdown; ``.tex``, ``.ltx``; ``.html``, ``.htm``).

Example:
    >>> kind_of("notes.tex"), kind_of("post.md"), kind_of("page.html")
    ('latex', 'markdown', 'html')
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError

MAX_BYTES = 10 * 1024 * 1024  # a larger file is refused, not read
# LaTeX is parsed by pylatexenc, about 100 KB a second here: a larger source (a whole book;
# a thesis is well under) is refused so that reading it stays within seconds
MAX_LATEX_BYTES = 2 * 1024 * 1024
MAX_DISPLAYS = 5000  # more displays than this are refused: the time bound could not be kept
KINDS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".txt": "markdown",
    ".tex": "latex",
    ".ltx": "latex",
    ".latex": "latex",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def kind_of(path: str, given: str | None = None) -> str:
    """The format of ``path``: ``given`` if set, else from the extension."""
    if given is not None:
        return given
    kind = KINDS.get(Path(path).suffix.lower())
    if kind is None:
        known = ", ".join(sorted(KINDS))
        raise UsageError(
            f"{path}: unknown format {Path(path).suffix or '(no extension)'!r}; "
            f"use one of {known} or say --input markdown|latex|html"
        )
    return kind


def read_text(path: str) -> str:
    """The text of ``path``, or a one-line :class:`UsageError` saying what is wrong."""
    file = Path(path)
    if not file.exists():
        raise UsageError(f"{path}: no such file")
    if not file.is_file():
        raise UsageError(f"{path}: not a file; give a Markdown, LaTeX or HTML file")
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise UsageError(f"{path}: {size} bytes; at most {MAX_BYTES} (10 MB) are proofread")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot read it ({error.strerror})") from None
    if b"\x00" in data:
        raise UsageError(f"{path}: a binary file, not text; give a Markdown, LaTeX or HTML file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UsageError(
            f"{path}:{line}: not UTF-8 (byte {error.start}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
