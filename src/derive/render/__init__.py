"""Renderers: a verified derivation (a :class:`~derive.core.Report`) as a document.

Example:
    >>> from sympy import symbols
    >>> from derive.core import Derivation, Rule, Source, verify
    >>> a = symbols("a", positive=True)
    >>> d = Derivation("demo", "A demo", Source("notes", "§1"), start=a + a)
    >>> render(verify(d.eq(2 * a, Rule("collect"))), "json").startswith("{")
    True
"""

from __future__ import annotations

from importlib import import_module

from ..core.display import register_markdown

FORMATS = {"txt": "text", "tex": "latex", "md": "markdown", "json": "jsondoc", "html": "html"}


def render(report, fmt: str = "txt") -> str:
    """``report`` in the format ``fmt`` (one of :data:`FORMATS`)."""
    module = import_module(f"derive.render.{FORMATS[fmt]}")
    return module.render(report)


def _markdown(report) -> str:
    return render(report, "md")


# A derivation shown in a notebook is its proof as Markdown (the kernel does not import us).
register_markdown(_markdown)
