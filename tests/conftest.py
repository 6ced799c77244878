"""Shared helpers: run the installed ``derive`` command as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_derive(
    *args: str, cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """``derive ARGS`` in a child process, through this interpreter's installed package."""
    return subprocess.run(
        [sys.executable, "-m", "derive", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@pytest.fixture
def derive_cli():
    return run_derive
