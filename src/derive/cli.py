"""The ``derive`` command: a thin layer that wires the registry to the checker and renderers.

Start-up imports nothing heavy: SymPy is loaded only when a proof is built, so ``derive --help``
and ``derive list`` answer at once.

Example:
    >>> main(["kl", "--format", "docx"])  # one line on stderr, exit code 2
    2
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from contextlib import contextmanager

from . import registry
from ._version import __version__
from .errors import DeriveError, UsageError
from .output import check_directory, prepare_directory, write_atomic

FORMATS = ("txt", "tex", "md", "json", "pdf")
# What 'derive all -o DIR' writes by default: these, PDFs when a TeX engine is on PATH, the
# figures when matplotlib is installed, and the book (derivations.tex, .pdf).
DOCUMENT_FORMATS = ("tex", "md", "json")
BOOK = "derivations"
COMMANDS = ("list", "all", "verify", "check", "audit")
DEFAULT_TIMEOUT = 60.0
MIN_DIM, MAX_DIM = 1, 64
MAX_JOBS = 256


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (exit 2), not usage text."""

    def error(self, message):
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {value!r}")
    return seconds


def _add_output_options(parser: argparse.ArgumentParser, every: bool = False) -> None:
    default = "txt on the terminal; tex, md and json into -o DIR" if every else "txt"
    parser.add_argument("--format", choices=FORMATS, help=f"output format (default: {default})")
    parser.add_argument("-o", "--out", metavar="DIR", help="write DIR/NAME.<format> instead")
    _add_timeout(parser)


def _add_timeout(parser: argparse.ArgumentParser, cache: bool = True) -> None:
    parser.add_argument(
        "--timeout", type=_positive_seconds, default=DEFAULT_TIMEOUT, metavar="S",
        help=f"time bound for each step's check, in seconds (default {DEFAULT_TIMEOUT:g})",
    )  # fmt: skip
    if not cache:  # claims are decided afresh each time: there is no cache to bypass
        return
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every step again, without the cache of verified steps",
    )  # fmt: skip


def _cache(args: argparse.Namespace):
    """The verification cache, unless --no-cache or DERIVE_NO_CACHE asks for none."""
    import os

    if getattr(args, "no_cache", False) or os.environ.get("DERIVE_NO_CACHE"):
        return None
    from .core.cache import VerdictCache

    return VerdictCache()


def build_parser() -> argparse.ArgumentParser:
    """The parser: ``list``, ``all``, ``verify`` and one sub-command per derivation."""
    parser = _Parser(
        prog="derive",
        description="Machine-checked, step-by-step derivations of Gaussian identities.",
        epilog="Run 'derive list' for the derivations; 'derive NAME --help' for one of them.",
    )
    parser.add_argument("--version", action="version", version=f"derive {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", help="list every derivation: name, title, source")
    everything = sub.add_parser("all", help="render every derivation")
    _add_output_options(everything, every=True)
    verify = sub.add_parser("verify", help="check every step; exit 0 only if all are verified")
    verify.add_argument("names", nargs="*", metavar="NAME", help="derivations (default: all)")
    verify.add_argument(
        "--jobs", "-j", type=_whole_number(1, MAX_JOBS), metavar="N",
        help="documents verified at once, one process each (default: one per core)",
    )  # fmt: skip
    _add_timeout(verify)
    for command in (everything, verify):
        _add_notation(
            command,
            registry.notations(),
            "only this notation of the DDPM derivations (default: each)",
        )
    check = sub.add_parser("check", help="decide a formula typed from a textbook")
    check.add_argument(
        "claim", nargs="?", metavar="CLAIM",
        help=r"'LHS = RHS', 'LHS \propto RHS' or 'X \sim N(m, v)'",
    )  # fmt: skip
    check.add_argument("--file", metavar="TOML", help="check every [[claim]] of a TOML file")
    check.add_argument("-o", "--out", metavar="DIR", help="with --file: write the report there")
    check.add_argument(
        "--given", action="append", default=[], metavar="G",
        help=r"'X \sim N(m, v)' (a random variable) or 'name = expr' (a definition); repeatable",
    )  # fmt: skip
    check.add_argument("--wrt", metavar="VAR", help="the variable of a proportionality")
    check.add_argument("--notation", choices=registry.notations(), help="a DDPM notation")
    check.add_argument("--format", choices=("txt", "json"), default="txt", help="output format")
    _add_timeout(check, cache=False)
    audit = sub.add_parser("audit", help="the errata report of the source documents")
    audit.add_argument("-o", "--out", metavar="DIR", help="write errata.txt, .md, .tex there")
    _add_timeout(audit, cache=False)
    entries = registry.entries()
    for entry in entries:
        one = sub.add_parser(entry.name, help=entry.title, description=entry.title)
        _add_output_options(one)
        if entry.notations:
            _add_notation(
                one, entry.notations, f"the notation to write in (default: {entry.notations[0]})"
            )
        variants = [e for e in entries if e.variant_of and e.variant_of[0] == entry.name]
        options: dict[str, list[str]] = {}
        for variant in variants:
            flag, *value = variant.variant_of[1:]
            if value:  # `--route product`: an option whose values name variants
                options.setdefault(flag, []).append(value[0])
            else:
                help_text = f"the variant '{variant.name}'"
                one.add_argument(f"--{flag}", action="store_true", help=help_text)
        for option, values in options.items():
            one.add_argument(
                f"--{option}", choices=values, help=f"another {option} to the same result"
            )
        if entry.topic == "multivariate" or any(v.topic == "multivariate" for v in variants):
            one.add_argument(
                "--dim", type=_whole_number(MIN_DIM, MAX_DIM), metavar="N",
                help=f"also instantiate every matrix step at dimension N ({MIN_DIM}..{MAX_DIM})",
            )  # fmt: skip
    return parser


def _add_notation(parser: argparse.ArgumentParser, names: tuple, what: str) -> None:
    if names:
        parser.add_argument("--notation", choices=names, help=what)


def _whole_number(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, else one clear error."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {low} to {high}, got {value!r}"
            )
        return number

    return parse


def _chosen(args: argparse.Namespace) -> str:
    """The derivation a command names, its variant flags applied (`kl --multivariate`)."""
    chosen = args.command
    for entry in registry.entries():
        if entry.variant_of and entry.variant_of[0] == args.command:
            flag, *value = entry.variant_of[1:]
            given = getattr(args, flag.replace("-", "_"), None)
            if given is True or (value and given == value[0]):
                chosen = entry.name
    if getattr(args, "dim", None) is not None and registry.lookup(chosen).topic != "multivariate":
        raise UsageError(f"--dim applies to multivariate derivations, not to '{chosen}'")
    return chosen


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
    130 interrupted by SIGINT, 143 terminated by SIGTERM)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        with _terminate_cleanly():
            return _dispatch(argv)
    except UsageError as error:
        print(f"derive: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("derive: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("derive: terminated", file=sys.stderr)
        return 143
    except DeriveError as error:  # a malformed derivation script: ours, not the user's
        print(f"derive: internal error: {error}", file=sys.stderr)
        return 1


def _dispatch(argv: list[str]) -> int:
    first = argv[0] if argv and not argv[0].startswith("-") else None
    if first is not None and first not in COMMANDS and first not in registry.names():
        raise UsageError(registry.unknown_name_message(first, registry.names()))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "list":
        return _list()
    notation = getattr(args, "notation", None)
    if args.command == "check":
        return _check(args)
    if args.command == "audit":
        return _batch(_audited_sources(), args.out, args.timeout, "errata", AUDIT_TITLE)
    if args.command == "verify":
        documents = _documents(args.names or registry.names(), notation, True)
        return _verify(documents, args.timeout, _cache(args), args.jobs)
    if args.command == "all":
        documents = _documents(registry.names(), notation, True)
    else:
        documents = _documents([_chosen(args)], notation or _default(args.command), False)
    every = args.command == "all" and args.out is not None and args.format is None
    formats = [args.format] if args.format else list(DOCUMENT_FORMATS) if every else ["txt"]
    if "pdf" in formats:
        if args.out is None:
            raise UsageError("--format pdf writes a file: give -o DIR (or choose --format tex)")
        from .render.pdf import require_engine

        require_engine()
    if every:
        from .render.pdf import engine

        if engine() is None:
            print("derive: PDFs skipped: no TeX engine (pdflatex) on PATH", file=sys.stderr)
        else:
            formats.append("pdf")
    sizes = (args.dim,) if getattr(args, "dim", None) else ()
    return _render(documents, formats, args.out, args.timeout, sizes, _cache(args), every)


def _default(name: str) -> str | None:
    notations = registry.lookup(name).notations
    return notations[0] if notations else None


def _documents(names: list[str], notation: str | None, every: bool) -> list[tuple]:
    """(entry name, notation, document name) to render or verify: every notation of the DDPM
    derivations unless one is chosen."""
    found = []
    for name in names:
        entry = registry.lookup(name)
        if not every and notation is not None and not entry.notations:
            raise UsageError(f"--notation applies to the diffusion derivations, not to {name!r}")
        for document, chosen in entry.documents(notation if entry.notations else None):
            found.append((name, chosen, document))
    return found


AUDIT_TITLE = "Errata: the formulas of the source documents, checked"


def _check(args: argparse.Namespace) -> int:
    from .claims.decide import decide, report

    if (args.claim is None) == (args.file is None):
        raise UsageError("give one claim, or --file TOML with many (not both)")
    if args.file is not None:
        if args.given or args.wrt or args.notation:
            raise UsageError("--given, --wrt and --notation go inside the --file entries")
        return _batch(args.file, args.out, args.timeout, "claims-report", "Claims, checked")
    if args.out is not None:
        raise UsageError("-o DIR applies to --file; a single claim prints its verdict")
    decision = decide(args.claim, tuple(args.given), args.wrt, args.notation, args.timeout)
    sys.stdout.write(report(decision, args.format))
    return decision.exit_code


def _batch(path: str, out: str | None, timeout: float, name: str, title: str) -> int:
    from .claims.batch import read_file, run, table
    from .claims.errata import report

    entries = read_file(path)
    if out:
        check_directory(out)  # a bad -o fails before the claims are decided
    rows = run(entries, timeout)  # a claim that cannot be read stops here, before any writing
    directory = prepare_directory(out) if out else None
    sys.stdout.write(table(rows))
    if directory is not None:
        for fmt in ("txt", "md", "tex"):
            written = write_atomic(directory / f"{name}.{fmt}", report(rows, fmt, title))
            print(f"wrote {written}", file=sys.stderr)
    return 1 if any(row.met is False for row in rows) else 0


def _list() -> int:
    entries = registry.entries()
    width = max(len(e.name) for e in entries)
    for e in entries:
        print(f"{e.name:<{width}}  {e.title}  [{e.document}, {e.section}]")
    return 0


def _render(
    documents: list[tuple],
    formats: list[str],
    out: str | None,
    timeout: float,
    sizes: tuple = (),
    cache=None,
    book: bool = False,
) -> int:
    from .core import verify

    directory = prepare_directory(out) if out else None
    verified, reports, figures = True, [], {}
    for i, (name, notation, document_name) in enumerate(documents):
        report = verify(registry.load(name, notation), timeout=timeout, sizes=sizes, cache=cache)
        verified &= report.verified
        entry = registry.lookup(name)
        note = f"{notation} notation" if notation and notation != entry.notations[0] else None
        reports.append((entry.topic, report, note))
        if directory is None:
            from .render import render

            sys.stdout.write(("\n" if i else "") + render(report, formats[0]))
            continue
        drawn = set(formats) & {"tex", "md", "pdf"}
        assets = _write_figure(directory, report.derivation) if drawn else {}
        figures.update(assets)
        for fmt in formats:
            _write(directory / f"{document_name}.{fmt}", _document(report, fmt, assets))
    if book and directory is not None:
        from .render.book import render_book

        tex = render_book(reports, _errata(timeout))
        _write(directory / f"{BOOK}.tex", tex)
        if "pdf" in formats:
            _write(directory / f"{BOOK}.pdf", _compiled(tex, figures, BOOK))
    return 0 if verified else 1


def _document(report, fmt: str, assets: dict) -> str | bytes:
    from .render import render

    if fmt != "pdf":
        return render(report, fmt)
    return _compiled(render(report, "tex"), assets, report.derivation.name)


def _compiled(tex: str, assets: dict, name: str) -> bytes:
    from .render.pdf import CompileError, compile_pdf

    try:
        return compile_pdf(tex, assets)
    except CompileError as error:  # our LaTeX, not the user's input
        raise DeriveError(f"LaTeX failed on {name}: {error}") from None


def _write(path, content) -> None:
    print(f"wrote {write_atomic(path, content)}", file=sys.stderr)


def _write_figure(directory, derivation) -> dict[str, bytes]:
    """Write the derivation's figure (figures/NAME.svg, .pdf) if it has one and matplotlib is
    installed; returns the files by relative path, for compiling LaTeX."""
    from .render.figures import available, draw

    if derivation.figure is None or not available():
        return {}
    folder = directory / "figures"
    folder.mkdir(exist_ok=True)
    files = {}
    for fmt, data in draw(derivation.figure).items():
        relative = f"figures/{derivation.name}.{fmt}"
        _write(directory / relative, data)
        files[relative] = data
    return files


def _errata(timeout: float) -> list[str]:
    """The errata report of the source documents, as LaTeX lines (the book's appendix)."""
    from .claims.batch import read_file, run
    from .claims.errata import latex_body

    return latex_body(run(read_file(_audited_sources()), timeout), heading="section*")


def _audited_sources() -> str:
    """The path of the audited lines of the source documents (``derive audit``)."""
    from importlib import resources

    return str(resources.files("derive.derivations").joinpath("claims/sources.toml"))


def _verify(documents: list[tuple], timeout: float, cache=None, jobs: int | None = None) -> int:
    from .parallel import default_jobs, verify_documents

    header = ("derivation", "steps", "verified", "unverified", "refuted", "seconds")
    width = max(len(header[0]), *(len(d) for _, _, d in documents))
    print(f"{header[0]:<{width}}" + "".join(f"{h:>12}" for h in header[1:]), flush=True)
    failed, steps, cached = [], 0, 0
    asked = [(name, notation) for name, notation, _ in documents]
    rows = verify_documents(asked, timeout, cache, jobs or default_jobs())
    for (_, _, document), c in zip(documents, rows, strict=True):
        row = [c["steps"], c["verified"], c["unverified"], c["refuted"]]
        line = f"{document:<{width}}" + "".join(f"{v:>12}" for v in row)
        print(line + f"{c['seconds']:>12.2f}", flush=True)
        steps, cached = steps + c["steps"], cached + c["cached"]
        if not c["verified_all"]:
            failed.append(document)
    # How much of the verdict this run checked itself, and how much it took from the cache.
    note = f"; {cached} of {steps} steps from the cache" if cache is not None else ""
    if failed:
        print(f"not verified: {', '.join(failed)}{note}")
        return 1
    print(f"all {len(documents)} derivations verified{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
