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

FORMATS = {"txt": "text", "tex": "latex", "md": "markdown", "json": "jsondoc", "html": "html"}


def render(report, fmt: str = "txt") -> str:
    """``report`` in the format ``fmt`` (one of :data:`FORMATS`)."""
    module = import_module(f"derive.render.{FORMATS[fmt]}")
    return module.render(report)
