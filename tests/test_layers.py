"""The layers hold: the contracts in pyproject.toml, checked by import-linter.

The kernel (derive.core) imports no domain that plugs into it and no front door; the domains
import no front door or renderer. A negative control shows that the import graph the contracts
are checked on sees real imports, so a kept contract is not an empty graph.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_the_graph_sees_imports_in_the_allowed_direction():
    graph = grimp.build_graph("derive")
    assert graph.chain_exists(importer="derive.diffusion.checks", imported="derive.core.plugins")
    assert graph.chain_exists(importer="derive.render", imported="derive.core.display")
    assert not graph.chain_exists(
        importer="derive.core", imported="derive.diffusion", as_packages=True
    )


def test_the_diffusion_plugins_are_registered_on_import():
    code = (
        "import derive.core.checker as c; from derive.core.plugins import PLUGINS; "
        "n = len(PLUGINS.refuters); import derive.diffusion; "
        "print(n, len(PLUGINS.refuters))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["0", "1"], out.stderr
