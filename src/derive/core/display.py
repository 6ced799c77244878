"""How a derivation shows itself in a notebook: through a printer the renderers register.

The kernel does not import the renderers (data flows one way: steps → checker → renderer);
:mod:`derive.render` registers its Markdown printer here when it is imported (as
:func:`derive.registry.load` does), and until then a derivation has no rich display.

Example:
    >>> registered = markdown_printer()
    >>> register_markdown(lambda report: "**proof**")
    >>> markdown("a report")
    '**proof**'
    >>> register_markdown(registered)
"""

from __future__ import annotations

_PRINTER: list = [None]


def register_markdown(printer) -> None:
    """Make ``printer(report) -> str`` the Markdown display of reports (None: no display)."""
    _PRINTER[0] = printer


def markdown_printer():
    """The registered Markdown printer, or None."""
    return _PRINTER[0]


def markdown(report) -> str | None:
    """The report as Markdown, if a renderer registered a printer (else None: no display)."""
    printer = _PRINTER[0]
    return None if printer is None else printer(report)
