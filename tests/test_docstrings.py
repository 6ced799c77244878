"""The runnable examples in the docstrings of the installed package hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import derive

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(derive.__path__, "derive.")
    if not info.name.startswith("derive.derivations")
    and info.name not in {"derive.__main__", "derive._version"}
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no runnable example"
    assert result.failed == 0
