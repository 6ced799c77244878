"""Shared helpers: run the installed ``derive`` command as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The suite never reads a user's verification cache: each run starts with an empty one of its
# own (shared by the run's child processes, so repeated checks within the run are remembered).
os.environ["DERIVE_CACHE_DIR"] = tempfile.mkdtemp(prefix="derive-test-cache-")


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
