"""CPU seconds of every document, checked against the committed JSON; optionally profiled.

Run from the repository root, with derive installed in the running interpreter (or
``PYTHONPATH=src``):

    python bench/documents.py                  # every document, --no-cache, CPU seconds
    python bench/documents.py posterior kl     # only these documents
    python bench/documents.py --profile DIR    # also a cProfile of each (DIR/NAME.prof)
    python bench/documents.py --compare output # exit 1 if a document's JSON differs

Each document is printed by a fresh process (``derive NAME --format json --no-cache``); its
CPU time is that child's user + system time (``resource.getrusage``), which a loaded machine
does not inflate as it does wall time. With ``--compare DIR`` the JSON printed is compared
byte for byte with ``DIR/NAME.json``: a speed change must leave every verdict as it was.
With ``--profile`` the same command runs again under cProfile (whose overhead makes its
seconds meaningless; only the shares are worth reading), and the functions with the largest
cumulative time are printed. Nothing here is a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def documents() -> list[tuple[str, list[str]]]:
    """Every document and the arguments that print it (as bench/run.py lists them)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from run import documents as listed

    return listed()


def cpu_run(command: list[str]) -> tuple[float, bytes, int]:
    """CPU seconds (user + system) of a child process, its standard output and exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, cwd=ROOT, env=os.environ.copy())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stdout, done.returncode


def top(path: Path, count: int) -> list[str]:
    """The ``count`` functions with the largest cumulative time in a profile, with shares."""
    stats = pstats.Stats(str(path))
    total = max(stats.total_tt, 1e-9)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][3])
    lines = []
    for (file, line, name), (_, calls, _, cumulative, _) in rows[:count]:
        where = f"{Path(file).name}:{line}({name})"
        lines.append(f"    {100 * cumulative / total:5.1f} %  {calls:>9}  {where}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="documents (default: every one)")
    parser.add_argument("--compare", metavar="DIR", help="compare the JSON with DIR/NAME.json")
    parser.add_argument("--profile", metavar="DIR", help="write DIR/NAME.prof and print its top")
    parser.add_argument("--top", type=int, default=25, help="functions shown per profile")
    parser.add_argument("-o", "--out", help="write the CPU seconds as JSON here")
    args = parser.parse_args(argv)
    chosen = [(d, a) for d, a in documents() if not args.names or d in args.names]
    unknown = set(args.names) - {d for d, _ in chosen}
    if unknown:
        print(f"unknown documents: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    seconds, differ = {}, []
    for document, arguments in chosen:
        command = [sys.executable, "-m", "derive", *arguments, "--format", "json", "--no-cache"]
        cpu, printed, code = cpu_run(command)
        seconds[document] = round(cpu, 2)
        same = ""
        if args.compare:
            expected = Path(args.compare) / f"{document}.json"
            equal = expected.exists() and expected.read_bytes() == printed
            same = "  same JSON" if equal else "  JSON DIFFERS"
            if not equal:
                differ.append(document)
        print(f"{document:<28}{cpu:>8.2f} s CPU  exit {code}{same}", flush=True)
        if args.profile:
            folder = Path(args.profile)
            folder.mkdir(parents=True, exist_ok=True)
            profile = folder / f"{document}.prof"
            cpu_run([sys.executable, "-m", "cProfile", "-o", str(profile), *command[1:]])
            print("\n".join(top(profile, args.top)), flush=True)
    print(f"total {sum(seconds.values()):.2f} s CPU over {len(seconds)} documents")
    if args.out:
        Path(args.out).write_text(json.dumps(seconds, indent=2, sort_keys=True) + "\n")
    if differ:
        print(f"JSON differs: {', '.join(differ)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
