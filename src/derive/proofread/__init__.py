r"""``derive proofread FILE``: every link of a person's own derivation, in their own document,
checked.

The pipeline runs one way: :mod:`source` reads the file, a reader (:mod:`read_markdown`,
:mod:`read_latex`, :mod:`read_html`) finds its mathematics, :mod:`chains` turns displays into
links, :mod:`check` decides each link with ``derive check``'s decision procedure in the
document's :mod:`context`, and :mod:`report` and :mod:`annotate` render the result.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "hw.md"
    >>> chain = "(a+b)^2 &= a^2 + 2ab + b^2 \\\\ &= a^2 + b^2"
    >>> _ = path.write_text(f"$$\\begin{{aligned}} {chain} \\end{{aligned}}$$\n")
    >>> [c.verdict for c in proofread(str(path)).checked]
    ['holds', 'fails']
"""

from __future__ import annotations

from dataclasses import dataclass

from .check import DEFAULT_BUDGET, DEFAULT_TIMEOUT
from .context import Context
from .model import Checked, Document

__all__ = ["Result", "proofread", "DEFAULT_TIMEOUT", "DEFAULT_BUDGET"]


@dataclass
class Result:
    """A proofread document: what was read, the context, and every checked link."""

    document: Document
    context: Context
    checked: list[Checked]

    @property
    def exit_code(self) -> int:
        """1 if a link fails, else 3 if one is undecided, else 0."""
        verdicts = {c.verdict for c in self.checked}
        return 1 if "fails" in verdicts else 3 if "undecided" in verdicts else 0


def read_document(path: str, kind: str | None = None) -> Document:
    """The document at ``path`` read by the reader of its format (input errors raised)."""
    from ..errors import UsageError
    from .source import MAX_DISPLAYS, MAX_LATEX_BYTES, kind_of, read_text

    kind = kind_of(path, kind)
    text = read_text(path)
    if kind == "latex" and len(text) > MAX_LATEX_BYTES:
        raise UsageError(
            f"{path}: {len(text)} characters of LaTeX; at most {MAX_LATEX_BYTES} (2 MB) are "
            "proofread: split it into files of at most 2 MB"
        )
    if kind == "latex":
        from .read_latex import read
    elif kind == "html":
        from .read_html import read
    else:
        from .read_markdown import read
    try:
        document = read(text, path)
    except UsageError:
        raise
    except (ValueError, RecursionError, IndexError, KeyError) as error:  # a reader's own limit
        raise UsageError(f"{path}: cannot read it as {kind} ({type(error).__name__})") from None
    displays = sum(p.display for p in document.pieces)
    if displays > MAX_DISPLAYS:
        raise UsageError(f"{path}: {displays} displays; at most {MAX_DISPLAYS} are proofread")
    return document


def proofread(
    path: str,
    given: tuple = (),
    notation: str | None = None,
    context_file: str | None = None,
    kind: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    budget: float = DEFAULT_BUDGET,
    progress=None,
) -> Result:
    """Read, chain, and check the document at ``path`` (see the module's docstring)."""
    from .chains import links
    from .check import check_links
    from .context import gather

    document = read_document(path, kind)
    context = gather(path, document.context, context_file, tuple(given), notation)
    found = links(document.pieces)
    checked = check_links(
        found, context, timeout, budget, progress(len(found)) if progress else None
    )
    return Result(document, context, checked)
