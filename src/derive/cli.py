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

from . import cli_help, cli_targets, registry
from ._version import __version__
from .errors import DeriveError, UsageError
from .output import check_directory, prepare_directory, write_atomic
from .progress import Progress, plural
from .streams import open_standard_streams, silence_broken_pipe

FORMATS = ("txt", "tex", "md", "json", "html", "pdf")
# What 'derive all -o DIR' writes by default: these, PDFs when a TeX engine is on PATH, the
# figures when matplotlib is installed, and the book (derivations.tex, .pdf).
DOCUMENT_FORMATS = ("tex", "md", "json", "html")
BOOK = "derivations"
COMMANDS = ("list", "all", "verify", "check", "audit", "proofread")
DEFAULT_TIMEOUT = 60.0
# The errata are committed documents: their claims get a bound generous enough that no verdict
# depends on how loaded the machine is (the slowest audited claim takes about a minute).
AUDIT_TIMEOUT = 300.0
MIN_DIM, MAX_DIM = 1, 64
MAX_JOBS = 256
# Commands for a user's own scripts and for help; a script's NAME may not be a command.
COMMANDS += ("render", "help")


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
    default = "txt on the terminal; tex, md, json and html into -o DIR" if every else "txt"
    parser.add_argument("--format", choices=FORMATS, help=f"output format (default: {default})")
    parser.add_argument("-o", "--out", metavar="DIR", help="write DIR/NAME.<format> instead")
    _add_timeout(parser)


def _add_timeout(
    parser: argparse.ArgumentParser, cache: bool = True, default: float = DEFAULT_TIMEOUT
) -> None:
    parser.add_argument(
        "--timeout", type=_positive_seconds, default=default, metavar="S",
        help=f"time bound for each step's check, in seconds (default {default:g})",
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
    check = sub.add_parser(
        "check", help="decide a formula typed from a textbook",
        description="Decide a formula as written in LaTeX or ASCII. Every construct of the "
        "claim language is listed, with an example, in the README's 'Claim language' section.",
        epilog=CHECK_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    check.add_argument(
        "claim", nargs="?", metavar="CLAIM",
        help=r"'LHS = RHS', 'LHS \propto RHS', 'X \sim N(m, v)', or a left side alone (a question)",
    )  # fmt: skip
    check.add_argument("--file", metavar="TOML", help="check every [[claim]] of a TOML file")
    check.add_argument("-o", "--out", metavar="DIR", help="with --file: write the report there")
    check.add_argument(
        "--given", action="append", default=[], metavar="G",
        help=r"'X \sim N(m, v)', 'name = expr', 'f(t) := expr', '0 < a < 1', "
        r"'A \in \mathbb{R}^{n\times n}', 'X \perp Y'; repeatable",
    )  # fmt: skip
    check.add_argument("--wrt", metavar="VAR", help="the variable of a proportionality")
    check.add_argument("--notation", choices=registry.notations(), help="a DDPM notation")
    check.add_argument("--format", choices=("txt", "json"), default="txt", help="output format")
    _add_timeout(check, cache=False)
    audit = sub.add_parser("audit", help="the errata report of the source documents")
    audit.add_argument("-o", "--out", metavar="DIR", help="write errata.txt, .md, .tex there")
    _add_timeout(audit, cache=False, default=AUDIT_TIMEOUT)
    _add_proofread(sub)
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
    _add_help_and_render(parser, sub)
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
        raise UsageError(cli_help.dim_mistake(chosen, registry.entries()))
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


def _say(line: str, code: int) -> int:
    """Print the last line on stderr (if anyone still reads it) and return ``code``."""
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        silence_broken_pipe()
    return code


def _dispatch(argv: list[str]) -> int:
    argv = cli_targets.prepared(argv, COMMANDS)
    first = argv[0] if argv and not argv[0].startswith("-") else None
    if first is not None and first not in COMMANDS and first not in registry.names():
        raise UsageError(registry.unknown_name_message(first, [*COMMANDS, *registry.names()]))
    cli_targets.common_mistakes(argv)
    parser = build_parser()
    args = _parsed(parser, argv)
    if args.command == "render":
        args.command = cli_targets.target(args.target, COMMANDS)
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
    if args.command == "proofread":
        return _proofread(args)
    if args.command == "verify":
        names = [cli_targets.target(n, COMMANDS) for n in args.names] or registry.names()
        return _verify(_documents(names, notation, True), args.timeout, _cache(args), args.jobs)
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
            raise UsageError(cli_help.notation_mistake(name, registry.entries()))
        for document, chosen in entry.documents(notation if entry.notations else None):
            found.append((name, chosen, document))
    return found


CHECK_EXAMPLES = r"""examples:
  derive check "\sum_{k=1}^{n} k = \frac{n(n+1)}{2}"
  derive check "3X \sim N(30, 36)" --given "X \sim N(10, 4)"
  derive check "D_{KL}(\mathcal{N}(0,1)\|\mathcal{N}(1,4))"     (a question: its value)

exit codes: 0 holds (proved, at sizes, or numerically: the verdict says which), 1 fails,
2 input error, 3 undecided. See README.md, section 'Claim language'."""

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
        print(f"{e.name:<{width}}  {e.title}  [{e.source_title}, {e.section}]")
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

    cli_targets.build_user_scripts(documents)
    directory = prepare_directory(out) if out else None
    verified, reports, figures = True, [], {}
    tracker = Progress(len(documents) if directory else 0, "rendering")
    for i, (name, notation, document_name) in enumerate(documents):
        tracker.advance(document_name)
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
        assets = _write_figure(directory, report.derivation, tracker) if drawn else {}
        figures.update(assets)
        for fmt in formats:
            _write(directory / f"{document_name}.{fmt}", _document(report, fmt, assets), tracker)
    if book and directory is not None:
        from .render.book import render_book

        tex = render_book(reports, _errata(max(timeout, AUDIT_TIMEOUT)))
        _write(directory / f"{BOOK}.tex", tex, tracker)
        if "html" in formats:
            from .render.book import render_book_html

            _write(directory / f"{BOOK}.html", render_book_html(reports), tracker)
        if "pdf" in formats:
            _write(directory / f"{BOOK}.pdf", _compiled(tex, figures, BOOK), tracker)
    tracker.close()
    if directory is not None and len(documents) > 1:
        print(f"derive: {tracker.summary()}", file=sys.stderr)
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


def _write(path, content, tracker: Progress | None = None) -> None:
    (tracker or Progress(0, "")).wrote(write_atomic(path, content))


def _write_figure(directory, derivation, tracker: Progress | None = None) -> dict[str, bytes]:
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
        _write(directory / relative, data, tracker)
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

    cli_targets.build_user_scripts(documents)
    # Verified steps are split by strength: proved, checked at explicit sizes, numeric only.
    header = ("derivation", "steps", "verified", "unverified", "refuted")
    header += ("proved", "sized", "numeric", "seconds")
    width = max(len(header[0]), *(len(d) for _, _, d in documents))
    print(f"{header[0]:<{width}}" + "".join(f"{h:>12}" for h in header[1:]), flush=True)
    failed, reasons, steps, cached = [], [], 0, 0
    asked = [(name, notation) for name, notation, _ in documents]
    tracker = Progress(len(documents), "verifying")
    rows = verify_documents(asked, timeout, cache, jobs or default_jobs())
    for (_, _, document), c in zip(documents, rows, strict=True):
        row = [c["steps"], c["verified"], c["unverified"], c["refuted"]]
        row += [c["strengths"][s] for s in ("proof", "at sizes", "numeric")]
        line = f"{document:<{width}}" + "".join(f"{v:>12}" for v in row)
        tracker.echo(line + f"{c['seconds']:>12.2f}")
        tracker.advance(document)
        steps, cached = steps + c["steps"], cached + c["cached"]
        if not c["verified_all"]:
            failed.append(document)
            reasons += [f"{document}, {failure}" for failure in c.get("failures", ())]
    tracker.close()
    # How much of the verdict this run checked itself, and how much it took from the cache.
    note = f"; {cached} of {steps} steps from the cache" if cache is not None else ""
    return _verify_verdict(len(documents), failed, reasons, note)


def _verify_verdict(count: int, failed: list[str], reasons: list[str], note: str = "") -> int:
    """The last lines of ``derive verify``: what failed, where and why; or that all hold."""
    if failed:
        print(f"not verified: {', '.join(failed)}{note}")
        for reason in reasons:
            print(f"  {reason}")
        return 1
    verified = f"all {plural(count, 'derivation')}" if count > 1 else "1 derivation"
    print(f"{verified} verified{note}")
    return 0


# --- help and a mistyped option (around parsing); the user's scripts are in cli_targets -------


def _parsed(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parser.parse_args(argv)``; a mistyped option gets the closest one of its command."""
    try:
        return parser.parse_args(argv)
    except UsageError as error:
        command = next((w for w in argv if not w.startswith("-")), None)
        choices = parser._subparsers._group_actions[0].choices if parser._subparsers else {}
        chosen = choices.get(command, parser)
        hint = cli_help.option_hint(str(error), chosen._option_string_actions)
        if not hint:
            raise
        raise UsageError(f"{str(error).split(' (see ')[0]}{hint}") from None


def _add_help_and_render(parser: argparse.ArgumentParser, sub) -> None:
    """``derive render NAME|FILE`` and ``derive help``; examples in every command's help."""
    render = sub.add_parser("render", help="render one derivation: a name or your script's file")
    render.add_argument("target", metavar="NAME|FILE", help="a derivation, or a script like x.py")
    _add_output_options(render)
    _add_notation(render, registry.notations(), "the notation of a DDPM derivation")
    render.add_argument(
        "--dim", type=_whole_number(MIN_DIM, MAX_DIM), metavar="N",
        help=f"also instantiate every matrix step at dimension N ({MIN_DIM}..{MAX_DIM})",
    )  # fmt: skip
    sub.add_parser("help", help="this help; 'derive help COMMAND' for one command")
    # List them with the other commands, before the derivations.
    shown = sub._choices_actions
    last = max(i for i, action in enumerate(shown) if action.dest in COMMANDS[:-2])
    shown[last + 1 : last + 1] = [shown.pop(), shown.pop()][::-1]
    parser.add_argument(
        "--path", metavar="DIR", action="append",
        help="also find derivation scripts in DIR (repeatable; and $DERIVE_PATH)",
    )  # fmt: skip
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        f"{parser.epilog}\n\nexamples:\n  derive kl\n  derive verify ./my_proof.py\n"
        "  derive --path ~/proofs list\n  derive check 'a^2 - b^2 = (a - b)(a + b)'"
    )
    entries = {entry.name: entry for entry in registry.entries()}
    for name, command in sub.choices.items():
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        if name in cli_help.EXAMPLES:
            command.epilog = cli_help.examples(name)
        elif name in entries:
            entry = entries[name]
            variants = [e for e in entries.values() if (e.variant_of or ("",))[0] == name]
            command.epilog = cli_help.derivation_examples(entry, variants)
            command.description = f"{entry.title}\n\nSource: {entry.source_title}, {entry.section}"
    sub.choices["check"].description = cli_help.CHECK_DESCRIPTION


def _add_proofread(sub) -> None:
    """``derive proofread FILE`` (or ``--seeds``): every link of a derivation, checked."""
    from .proofread.check import DEFAULT_BUDGET, DEFAULT_TIMEOUT

    proofread = sub.add_parser("proofread", help="check every line of a derivation in a document")
    proofread.add_argument("file", nargs="?", metavar="FILE", help="a Markdown, LaTeX or HTML file")
    proofread.add_argument(
        "--seeds", action="store_true",
        help="proofread the four source documents (../shared/seeds) with their context files",
    )  # fmt: skip
    proofread.add_argument(
        "--given", action="append", default=[], metavar="G",
        help=r"'X \sim N(m, v)' or 'name = expr', as for derive check; repeatable",
    )  # fmt: skip
    proofread.add_argument("--notation", choices=registry.notations(), help="a DDPM notation")
    proofread.add_argument(
        "--context", metavar="TOML", help="a context file (notation, given, wrt)"
    )
    proofread.add_argument("--input", choices=("markdown", "latex", "html"), help="the format")
    proofread.add_argument("--format", choices=("txt", "md", "tex", "json"), help="report format")
    proofread.add_argument("-o", "--out", metavar="DIR", help="write the report and annotated copy")
    proofread.add_argument(
        "--timeout", type=_positive_seconds, default=DEFAULT_TIMEOUT, metavar="S",
        help=f"time bound for each link, in seconds (default {DEFAULT_TIMEOUT:g})",
    )  # fmt: skip
    proofread.add_argument(
        "--budget", type=_positive_seconds, default=DEFAULT_BUDGET, metavar="S",
        help=f"time bound for a whole document, in seconds (default {DEFAULT_BUDGET:g})",
    )  # fmt: skip


def _proofread(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .proofread import proofread
    from .proofread.annotate import annotate
    from .proofread.progress import bar
    from .proofread.report import FORMATS, render

    if args.seeds == (args.file is not None):
        raise UsageError("give one FILE to proofread, or --seeds (not both)")
    if args.out:
        check_directory(args.out)  # a bad -o fails before anything is read or decided
    if args.seeds:
        from .proofread.seeds import seeds

        if args.given or args.notation or args.context or args.input:
            raise UsageError("--seeds uses the committed context files; drop --given/--context")
        jobs = [(str(seed), context) for seed, context in seeds()]
    else:
        jobs = [(args.file, args.context)]
    results = []
    for path, context in jobs:
        result = proofread(
            path, tuple(args.given), args.notation, context, args.input, args.timeout,
            args.budget, bar(Path(path).name),
        )  # fmt: skip
        results.append(result)
    files = [(Path(r.document.path).name if args.seeds else r.document.path, r.checked)
             for r in results]  # fmt: skip
    title = "Proofreading the source documents" if args.seeds else f"Proofreading {args.file}"
    if args.out is None:
        sys.stdout.write(render(files, args.format or "txt", title))
    else:
        name = "seeds" if args.seeds else Path(args.file).stem
        written = {  # everything rendered first: an error leaves nothing half-written
            f"{name}.proofread.{fmt}": render(files, fmt, title)
            for fmt in ([args.format] if args.format else list(FORMATS))
        }
        for result in results:
            document, source = result.document, Path(result.document.path)
            copy = annotate(document.lines, document.kind, result.checked)
            written[f"{source.stem}.annotated{source.suffix or '.txt'}"] = copy
        directory = prepare_directory(args.out)
        for file_name, content in written.items():
            _write(directory / file_name, content)
        sys.stdout.write(render(files, "txt", title).splitlines()[-1] + "\n")
    codes = [r.exit_code for r in results]
    return 1 if 1 in codes else 3 if 3 in codes else 0


if __name__ == "__main__":
    sys.exit(main())
