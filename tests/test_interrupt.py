"""Output integrity: a run killed midway leaves every document absent or complete.

``derive all -o DIR`` is stopped after it has written a few documents, by SIGINT, SIGTERM or
SIGKILL. Every document present must then be byte for byte the committed one in ``output/``
(the same command writes the same bytes); SIGINT and SIGTERM end with one line and exit codes
130 and 143, leaving no temporary file; the next run cleans what SIGKILL left.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, run_derive

from derive.output import STALE

DOCUMENTS = REPO / "output"


def _start_and_stop(directory, signum):
    """Start ``derive all -o directory`` (no cache: slow enough to catch), wait for three
    documents, send ``signum``; returns the finished process and its stderr."""
    process = _start("all", "-o", str(directory), "--no-cache")
    written = []
    for line in process.stderr:
        written.append(line)
        if sum(text.startswith("wrote ") for text in written) >= 3:
            break
    time.sleep(0.3)  # now inside the next document's checks (or writing it)
    process.send_signal(signum)
    _, rest = process.communicate(timeout=120)
    return process, "".join(written) + rest


def _start(*args: str) -> subprocess.Popen:
    """``derive ARGS`` with SIGINT at its default action: a shell without job control starts
    background commands with SIGINT ignored, and the child would inherit that."""
    return subprocess.Popen(
        [sys.executable, "-m", "derive", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _documents(directory) -> list:
    return [p for p in directory.rglob("*") if p.is_file() and not STALE.fullmatch(p.name)]


def _complete(path, root) -> bool:
    """The file is the committed one, byte for byte (a PDF, whose bytes depend on the TeX
    installation, must at least end properly)."""
    data = path.read_bytes()
    if path.suffix == ".pdf" and path.parent.name != "figures":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    return data == (DOCUMENTS / path.relative_to(root)).read_bytes()


@pytest.mark.parametrize(
    "signum, code, says",
    [(signal.SIGINT, 130, "derive: interrupted"), (signal.SIGTERM, 143, "derive: terminated")],
)
def test_a_stopped_run_ends_in_one_line_with_only_complete_files(tmp_path, signum, code, says):
    process, stderr = _start_and_stop(tmp_path, signum)
    assert process.returncode == code, stderr
    assert stderr.strip().splitlines()[-1] == says and "Traceback" not in stderr
    assert [p.name for p in tmp_path.iterdir() if STALE.fullmatch(p.name)] == []
    present = _documents(tmp_path)
    assert present, "nothing was written before the signal"
    for path in present:
        assert _complete(path, tmp_path), path.name


def test_a_killed_run_leaves_complete_files_and_the_next_run_cleans_up(tmp_path):
    process, _ = _start_and_stop(tmp_path, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    for path in _documents(tmp_path):
        assert _complete(path, tmp_path), path.name
    leftover = tmp_path / ".kl.tex.k1ll3d00.tmp"  # what a kill inside a write leaves
    leftover.write_text("\\documentclass{art")
    done = run_derive("kl", "--format", "tex", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir() if STALE.fullmatch(p.name)] == []
    assert (tmp_path / "kl.tex").read_bytes() == (DOCUMENTS / "kl.tex").read_bytes()


@pytest.mark.parametrize(
    "signum, code, says",
    [(signal.SIGINT, 130, "derive: interrupted"), (signal.SIGTERM, 143, "derive: terminated")],
)
def test_a_stopped_parallel_verify_ends_in_one_line_and_leaves_no_worker(signum, code, says):
    """``derive verify`` runs one worker process per job: a signal to the parent ends it with
    one line, and no worker outlives it."""
    process = _start("verify", "--no-cache", "--jobs", "2")
    # Wait for both workers (not for rows: the rows come in the documents' order, and the
    # first may be the last a worker finishes), then let them get into their checks.
    deadline = time.monotonic() + 120
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)
    children = _children(process.pid)
    assert len(children) == 2, children
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.strip().splitlines() == [says]
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    from pathlib import Path

    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(
    "args", [("list",), ("help",), ("--help",), ("check", "a+b=b+a"), ("verify", "sum")]
)
def test_a_reader_that_goes_away_gets_no_traceback(tmp_path, args):
    """``derive list | head -1``: the reader closes the pipe after one line; derive ends
    quietly (exit 0, or 141 as a shell reports SIGPIPE), never with a BrokenPipeError."""
    import os

    environment = {**os.environ, "DERIVE_CACHE_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "derive", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    process.stdout.readline()
    process.stdout.close()  # as head does once it has its line
    _, stderr = process.communicate(timeout=300)
    assert process.returncode in (0, 141), stderr
    assert b"Traceback" not in stderr and b"Error" not in stderr, stderr
