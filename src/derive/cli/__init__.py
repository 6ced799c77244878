"""The ``derive`` command: a thin layer that wires the registry to the checker and renderers.

Its parts: :mod:`.parser` (the sub-commands and options), :mod:`.commands` (what each does),
:mod:`.targets` (what the words of a command line name: scripts, paths) and :mod:`.help`
(examples and suggestions for common mistakes). Start-up imports nothing heavy: SymPy is loaded
only when a proof is built, so ``derive --help`` and ``derive list`` answer at once.

Example:
    >>> main(["kl", "--format", "docx"])  # one line on stderr, exit code 2
    2
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager

from .. import registry
from ..errors import DeriveError, UsageError
from ..streams import open_standard_streams, silence_broken_pipe
from . import targets
from .parser import COMMANDS, build_parser, parsed


class _Terminated(BaseException):
    """SIGTERM, raised where the program runs so that a file being written is removed."""


@contextmanager
def _terminate_cleanly():
    """Turn SIGTERM into :class:`_Terminated` (in the main thread) for the block."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Run ``derive`` with ``argv``; returns the exit code (0 ok, 1 check failed, 2 usage,
    130 interrupted by SIGINT, 141 stdout's reader went away, 143 terminated by SIGTERM)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    open_standard_streams()  # `derive check CLAIM >&-`: the exit code still answers
    try:
        with _terminate_cleanly():
            try:
                return _dispatch(argv)
            finally:
                sys.stdout.flush()  # a reader gone away shows here, not at exit
    except BrokenPipeError:  # `derive list | head -1`
        return silence_broken_pipe()
    except UsageError as error:
        return _say(f"derive: error: {error}", 2)
    except KeyboardInterrupt:
        return _say("derive: interrupted", 130)
    except _Terminated:
        return _say("derive: terminated", 143)
    except DeriveError as error:  # a malformed derivation script: ours, not the user's
        return _say(f"derive: internal error: {error}", 1)
    except ValueError as error:
        if not _too_long_to_print(error):
            return _internal(error)
        from .. import MAX_DIGITS

        return _say(
            f"derive: error: a number in the input has more than {MAX_DIGITS:,} digits, more"
            " than derive writes out; keep the numbers below that size",
            2,
        )
    except Exception as error:  # a defect of derive itself: one line, DERIVE_DEBUG=1 for more
        return _internal(error)


def _internal(error: Exception) -> int:
    """A defect of derive itself: one line (DERIVE_DEBUG=1 raises it, with the traceback)."""
    if os.environ.get("DERIVE_DEBUG"):
        raise error
    text = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    return _say(f"derive: internal error ({text}); DERIVE_DEBUG=1 shows where", 1)


def _too_long_to_print(error: ValueError) -> bool:
    """Whether ``error`` is Python refusing to write an integer past its digit limit (see
    :data:`derive.MAX_DIGITS`)."""
    return "integer string conversion" in str(error)


def _say(line: str, code: int) -> int:
    """Print the last line on stderr (if anyone still reads it) and return ``code``."""
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        silence_broken_pipe()
    return code


def _dispatch(argv: list[str]) -> int:
    argv = targets.prepared(argv, COMMANDS)
    first = argv[0] if argv and not argv[0].startswith("-") else None
    if first is not None and first not in COMMANDS and first not in registry.names():
        raise UsageError(registry.unknown_name_message(first, [*COMMANDS, *registry.names()]))
    targets.common_mistakes(argv)
    parser = build_parser()
    args = parsed(parser, argv)
    if args.command == "render":
        args.command = targets.target(args.target, COMMANDS)
    if args.command is None:
        parser.print_help()
        return 0
    from . import commands  # after parsing: `derive --help` and a usage error never load it

    if args.command == "list":
        return commands.list_command()
    notation = getattr(args, "notation", None)
    if args.command == "check":
        return commands.check_command(args)
    if args.command == "audit":
        return commands.audit_command(args.out, args.timeout, args.budget)
    if args.command == "proofread":
        return commands.proofread_command(args)
    if args.command == "verify":
        names = [targets.target(n, COMMANDS) for n in args.names] or registry.names()
        asked = commands.documents(names, notation, True)
        return commands.verify_command(asked, args.timeout, commands.cache(args), args.jobs)
    return _render(args, notation)


def _render(args, notation: str | None) -> int:
    """``derive all`` and ``derive NAME``: the documents, in the formats asked for."""
    from . import commands

    if args.command == "all":
        asked = commands.documents(registry.names(), notation, True)
    else:
        default = notation or commands.default_notation(args.command)
        asked = commands.documents([commands.chosen(args)], default, False)
    every = args.command == "all" and args.out is not None and args.format is None
    formats = [args.format] if args.format else ["txt"]
    if every:
        formats = list(commands.DOCUMENT_FORMATS)
    if "pdf" in formats:
        if args.out is None:
            raise UsageError("--format pdf writes a file: give -o DIR (or choose --format tex)")
        from ..render.pdf import require_engine

        require_engine()
    if every:
        from ..render.pdf import engine

        if engine() is None:
            print("derive: PDFs skipped: no TeX engine (pdflatex) on PATH", file=sys.stderr)
        else:
            formats.append("pdf")
    sizes = (args.dim,) if getattr(args, "dim", None) else ()
    cache = commands.cache(args)
    return commands.render_command(asked, formats, args.out, args.timeout, sizes, cache, every)


if __name__ == "__main__":
    sys.exit(main())
