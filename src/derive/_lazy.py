"""Lazy re-exports: a package's public names, each imported from its module on first use.

The command line's start-up must not pay for SymPy: a package re-exports its objects through
``__getattr__`` (PEP 562) instead of importing them at its own import.

Example:
    >>> getattr_, dir_ = lazy_exports("derive", {"EQ": "core"}, {})
    >>> getattr_("EQ").symbol, dir_()
    ('=', ['EQ'])
"""

from __future__ import annotations

from importlib import import_module


def lazy_exports(package: str, where: dict[str, str], namespace: dict):
    """``(__getattr__, __dir__)`` for ``package``: each name of ``where`` is imported from the
    submodule ``where[name]`` when first asked for, and kept in ``namespace`` (the package's
    globals) so that the next use is a plain attribute."""

    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{where[name]}"), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted(where)

    return __getattr__, __dir__
