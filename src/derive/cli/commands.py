"""What each ``derive`` command does once its arguments are parsed: check, audit, list, render,
verify and proofread, and the documents a command names.

Example:
    >>> list_command()  # doctest: +ELLIPSIS
    affine ...
    0
"""

from __future__ import annotations

import argparse
import sys

from .. import registry
from ..errors import DeriveError, UsageError
from ..output import check_directory, prepare_directory, write_atomic
from ..progress import Progress, plural
from . import helptext, targets

# What 'derive all -o DIR' writes by default: these, PDFs when a TeX engine is on PATH, the
# figures when matplotlib is installed, and the book (derivations.tex, .pdf).
DOCUMENT_FORMATS = ("tex", "md", "json", "html")


BOOK = "derivations"


def cache(args: argparse.Namespace):
    """The verification cache, unless --no-cache or DERIVE_NO_CACHE asks for none."""
    import os

    if getattr(args, "no_cache", False) or os.environ.get("DERIVE_NO_CACHE"):
        return None
    from ..core.cache import VerdictCache

    return VerdictCache()


def chosen(args: argparse.Namespace) -> str:
    """The derivation a command names, its variant flags applied (`kl --multivariate`)."""
    chosen = args.command
    for entry in registry.entries():
        if entry.variant_of and entry.variant_of[0] == args.command:
            flag, *value = entry.variant_of[1:]
            given = getattr(args, flag.replace("-", "_"), None)
            if given is True or (value and given == value[0]):
                chosen = entry.name
    if getattr(args, "dim", None) is not None and registry.lookup(chosen).topic != "multivariate":
        raise UsageError(helptext.dim_mistake(chosen, registry.entries()))
    return chosen


def default_notation(name: str) -> str | None:
    notations = registry.lookup(name).notations
    return notations[0] if notations else None


def documents(names: list[str], notation: str | None, every: bool) -> list[tuple]:
    """(entry name, notation, document name) to render or verify: every notation of the DDPM
    derivations unless one is chosen."""
    found = []
    for name in names:
        entry = registry.lookup(name)
        if not every and notation is not None and not entry.notations:
            raise UsageError(helptext.notation_mistake(name, registry.entries()))
        for document, chosen in entry.documents(notation if entry.notations else None):
            found.append((name, chosen, document))
    return found


def check_command(args: argparse.Namespace) -> int:
    from ..claims.decide import decide, report

    if (args.claim is None) == (args.file is None):
        raise UsageError("give one claim, or --file TOML with many (not both)")
    if args.file is not None:
        if args.given or args.wrt or args.notation:
            raise UsageError("--given, --wrt and --notation go inside the --file entries")
        return batch_command(args.file, args.out, args.timeout, "claims-report", "Claims, checked")
    if args.out is not None:
        raise UsageError("-o DIR applies to --file; a single claim prints its verdict")
    decision = decide(args.claim, tuple(args.given), args.wrt, args.notation, args.timeout)
    sys.stdout.write(report(decision, args.format))
    return decision.exit_code


def batch_command(path: str, out: str | None, timeout: float, name: str, title: str) -> int:
    from ..claims.batch import read_file, run, table
    from ..claims.errata import report

    entries = read_file(path)
    if out:
        check_directory(out)  # a bad -o fails before the claims are decided
    rows = run(entries, timeout)  # a claim that cannot be read stops here, before any writing
    directory = prepare_directory(out) if out else None
    sys.stdout.write(table(rows))
    if directory is not None:
        for fmt in ("txt", "md", "tex"):
            content = report(rows, fmt, title)
            written = write_atomic(directory / f"{name}.{fmt}", content)
            print(f"wrote {written}", file=sys.stderr)
    return 1 if any(row.met is False for row in rows) else 0


def list_command() -> int:
    entries = registry.entries()
    width = max(len(e.name) for e in entries)
    for e in entries:
        print(f"{e.name:<{width}}  {e.title}  [{e.source_title}, {e.section}]")
    return 0


def render_command(
    documents: list[tuple],
    formats: list[str],
    out: str | None,
    timeout: float,
    sizes: tuple = (),
    cache=None,
    book: bool = False,
) -> int:
    from ..core import verify

    targets.build_user_scripts(documents)
    directory = prepare_directory(out) if out else None
    if directory is not None and not sizes:  # every core verifies first, into the cache
        from ..parallel import verify_first

        verify_first([(name, notation) for name, notation, _ in documents], timeout, cache)
    verified, reports, figures = True, [], {}
    # One verification of each derivation per command: the registry loads a derivation once,
    # so a lemma cited by several documents (product, affine) is checked once, not per citer.
    done: dict = {}
    tracker = Progress(len(documents) if directory else 0, "rendering")
    for i, (name, notation, document_name) in enumerate(documents):
        tracker.advance(document_name)
        derivation = registry.load(name, notation)
        report = verify(derivation, timeout=timeout, sizes=sizes, cache=cache, _done=done)
        verified &= report.verified
        entry = registry.lookup(name)
        note = f"{notation} notation" if notation and notation != entry.notations[0] else None
        reports.append((entry.topic, report, note))
        if directory is None:
            from ..render import render

            sys.stdout.write(("\n" if i else "") + render(report, formats[0]))
            continue
        drawn = set(formats) & {"tex", "md", "pdf"}
        assets = _write_figure(directory, report.derivation, tracker) if drawn else {}
        figures.update(assets)
        for fmt in formats:
            _write(directory / f"{document_name}.{fmt}", _document(report, fmt, assets), tracker)
    if book and directory is not None:
        from ..render.book import render_book

        tex = render_book(reports, errata())
        _write(directory / f"{BOOK}.tex", tex, tracker)
        if "html" in formats:
            from ..render.book import render_book_html

            _write(directory / f"{BOOK}.html", render_book_html(reports), tracker)
        if "pdf" in formats:
            _write(directory / f"{BOOK}.pdf", _compiled(tex, figures, BOOK), tracker)
    tracker.close()
    if directory is not None and len(documents) > 1:
        print(f"derive: {tracker.summary()}", file=sys.stderr)
    return 0 if verified else 1


def _document(report, fmt: str, assets: dict) -> str | bytes:
    from ..render import render

    if fmt != "pdf":
        return render(report, fmt)
    return _compiled(render(report, "tex"), assets, report.derivation.name)


def _compiled(tex: str, assets: dict, name: str) -> bytes:
    from ..render.pdf import CompileError, compile_pdf

    try:
        return compile_pdf(tex, assets)
    except CompileError as error:  # our LaTeX, not the user's input
        raise DeriveError(f"LaTeX failed on {name}: {error}") from None


def _write(path, content, tracker: Progress | None = None) -> None:
    (tracker or Progress(0, "")).wrote(write_atomic(path, content))


def _write_figure(directory, derivation, tracker: Progress | None = None) -> dict[str, bytes]:
    """Write the derivation's figure (figures/NAME.svg, .pdf) if it has one and matplotlib is
    installed; returns the files by relative path, for compiling LaTeX."""
    from ..render.figures import available, draw

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


def audit_command(out: str | None, timeout: float | None, budget: float | None = None) -> int:
    """``derive audit``: the four seed documents proofread as they are; their failing lines,
    each with the line as it should read and the chapter that proves it (errata.txt, .md,
    .tex). Exit 1 when a failing line has no correction recorded yet."""
    from ..audit import record, run_audit
    from ..proofread.progress import bar
    from ..render.errata import FORMATS, render

    if out:
        check_directory(out)  # a bad -o fails before anything is read or decided
    audit = run_audit(timeout, budget, bar)
    written = {f"errata.{fmt}": render(audit, fmt) for fmt in FORMATS}  # all first: atomic
    written["errata.json"] = record(audit)
    if out is None:
        sys.stdout.write(written["errata.txt"])
    else:
        directory = prepare_directory(out)
        for file_name, content in written.items():
            _write(directory / file_name, content)
    uncorrected = [e for e in audit.errata if e.correction is None]
    print(
        f"derive audit: {len(audit.errata)} lines of the seeds fail; "
        f"{len(audit.errata) - len(uncorrected)} with their correction",
        file=sys.stderr,
    )
    for e in uncorrected:
        print(f"  no correction recorded: {e.seed} line {e.line}", file=sys.stderr)
    return 1 if uncorrected else 0


def errata() -> list[str]:
    """The errata of the source documents, as LaTeX lines (the book's appendix): from the
    audit recorded in the package (``derive audit`` writes it as errata.json; the seeds are not
    needed to build the book)."""
    from ..audit import recorded
    from ..render.errata import latex_body

    return latex_body(recorded(), book=True)


def verify_command(
    documents: list[tuple], timeout: float, cache=None, jobs: int | None = None
) -> int:
    from ..parallel import default_jobs, verify_documents

    targets.build_user_scripts(documents)
    # Verified steps are split by strength: proved, checked at explicit sizes, numeric only,
    # and true given an assumption of the model (the Markov property of a process).
    header = ("derivation", "steps", "verified", "unverified", "refuted")
    header += ("proved", "sized", "numeric", "assumed", "seconds")
    width = max(len(header[0]), *(len(d) for _, _, d in documents))
    print(f"{header[0]:<{width}}" + "".join(f"{h:>12}" for h in header[1:]), flush=True)
    failed, reasons, steps, cached = [], [], 0, 0
    asked = [(name, notation) for name, notation, _ in documents]
    tracker = Progress(len(documents), "verifying")
    rows = verify_documents(asked, timeout, cache, jobs or default_jobs())
    for (_, _, document), c in zip(documents, rows, strict=True):
        row = [c["steps"], c["verified"], c["unverified"], c["refuted"]]
        row += [c["strengths"][s] for s in ("proof", "at sizes", "numeric", "by assumption")]
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


def proofread_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..proofread import proofread
    from ..proofread.annotate import annotate
    from ..proofread.progress import bar
    from ..proofread.report import FORMATS, render

    if args.seeds == (args.file is not None):
        raise UsageError("give one FILE to proofread, or --seeds (not both)")
    if args.out:
        check_directory(args.out)  # a bad -o fails before anything is read or decided
    if args.seeds:
        from ..proofread.seeds import seeds

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
