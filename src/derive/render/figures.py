"""Figures of results, drawn with matplotlib when it is installed (``pip install '.[plots]'``).

A derivation's figure is drawn by its script (``Derivation.illustrate``) on axes this module
provides, then saved as SVG (for Markdown) and PDF (for LaTeX) with no date, a fixed hash salt
and fixed sizes, so that the same command writes the same bytes.

Example:
    >>> from derive.core.model import Figure
    >>> line = Figure(lambda axes: axes.plot([0, 1], [1, 0]), "a line")
    >>> if available():  # the same figure, the same bytes (no date, a fixed salt)
    ...     files = draw(line)
    ...     assert files["svg"].startswith(b"<?xml") and files["pdf"].startswith(b"%PDF")
    ...     assert draw(line) == files
"""

from __future__ import annotations

import io
from importlib.util import find_spec

FORMATS = ("svg", "pdf")
# Fonts embedded as TrueType (not Type 3 bitmaps), text and mathematics in Computer Modern,
# the documents' font.
STYLE = {
    "svg.hashsalt": "derive", "svg.fonttype": "path", "pdf.compression": 6, "pdf.fonttype": 42,
    "mathtext.fontset": "cm", "font.family": "serif", "font.serif": ["cmr10"],
    "axes.formatter.use_mathtext": True, "axes.unicode_minus": True,
}  # fmt: skip
NO_DATE = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}


def available() -> bool:
    """Whether matplotlib can be imported (figures are optional)."""
    return find_spec("matplotlib") is not None


def draw(figure) -> dict[str, bytes]:
    """The figure (a :class:`~derive.core.model.Figure`) as ``{"svg": …, "pdf": …}``."""
    import logging

    import matplotlib
    from matplotlib.figure import Figure

    # fontTools warns that the embedded fonts' fixed timestamps look old: they are meant to be.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    with matplotlib.rc_context(STYLE):
        canvas = Figure(figsize=(6.0, 3.6), layout="constrained")
        figure.draw(canvas.add_subplot())
        files = {}
        for fmt in FORMATS:
            buffer = io.BytesIO()
            canvas.savefig(buffer, format=fmt, metadata=NO_DATE[fmt])
            files[fmt] = buffer.getvalue()
    return files
