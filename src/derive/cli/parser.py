"""The argument parser of the ``derive`` command: its sub-commands, their options and help.

Building it imports nothing heavy (the registry reads the derivations' names and titles only).

Example:
    >>> args = build_parser().parse_args(["verify", "kl", "--jobs", "2"])
    >>> args.command, args.names, args.jobs
    ('verify', ['kl'], 2)
"""

from __future__ import annotations

import argparse

from .. import registry
from .._version import __version__
from ..core.config import DEFAULT
from ..errors import UsageError
from . import helptext

FORMATS = ("txt", "tex", "md", "json", "html", "pdf")


COMMANDS = ("list", "all", "verify", "check", "audit", "proofread")


DEFAULT_TIMEOUT = DEFAULT.command_timeout


# The errata are committed documents: their claims get a bound generous enough that no verdict
# depends on how loaded the machine is (the slowest audited claim takes about a minute).
AUDIT_TIMEOUT = DEFAULT.audit_timeout


MIN_DIM, MAX_DIM = 1, 64


MAX_JOBS = 256


# Commands for a user's own scripts and for help; a script's NAME may not be a command.
COMMANDS += ("render", "help")


CHECK_EXAMPLES = r"""examples:
  derive check "\sum_{k=1}^{n} k = \frac{n(n+1)}{2}"
  derive check "3X \sim N(30, 36)" --given "X \sim N(10, 4)"
  derive check "D_{KL}(\mathcal{N}(0,1)\|\mathcal{N}(1,4))"     (a question: its value)

exit codes: 0 holds (proved, at sizes, or numerically: the verdict says which), 1 fails,
2 input error, 3 undecided. See README.md, section 'Claim language'."""


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
        help=f"time bound for each step's check, in CPU seconds (default {default:g})",
    )  # fmt: skip
    if not cache:  # claims are decided afresh each time: there is no cache to bypass
        return
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every step again, without the cache of verified steps",
    )  # fmt: skip


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
    audit = sub.add_parser(
        "audit", help="the errata of the source documents: the four seeds proofread as they are"
    )
    audit.add_argument("-o", "--out", metavar="DIR", help="write errata.txt, .md, .tex there")
    audit.add_argument(
        "--timeout", type=_positive_seconds, default=None, metavar="S",
        help="time bound for each link, in CPU seconds (default 60)",
    )  # fmt: skip
    audit.add_argument(
        "--budget", type=_positive_seconds, default=None, metavar="S",
        help="time bound for each seed document, in CPU seconds (default 3000)",
    )  # fmt: skip
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


def parsed(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parser.parse_args(argv)``; a mistyped option gets the closest one of its command."""
    try:
        return parser.parse_args(argv)
    except UsageError as error:
        command = next((w for w in argv if not w.startswith("-")), None)
        choices = parser._subparsers._group_actions[0].choices if parser._subparsers else {}
        chosen = choices.get(command, parser)
        hint = helptext.option_hint(str(error), chosen._option_string_actions)
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
        if name in helptext.EXAMPLES:
            command.epilog = helptext.examples(name)
        elif name in entries:
            entry = entries[name]
            variants = [e for e in entries.values() if (e.variant_of or ("",))[0] == name]
            command.epilog = helptext.derivation_examples(entry, variants)
            command.description = f"{entry.title}\n\nSource: {entry.source_title}, {entry.section}"
    sub.choices["check"].description = helptext.CHECK_DESCRIPTION


def _add_proofread(sub) -> None:
    """``derive proofread FILE`` (or ``--seeds``): every link of a derivation, checked."""
    link, budget = DEFAULT.link_timeout, DEFAULT.document_budget  # (not proofread: a heavy import)

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
        "--timeout", type=_positive_seconds, default=link, metavar="S",
        help=f"time bound for each link, in CPU seconds (default {link:g})",
    )  # fmt: skip
    proofread.add_argument(
        "--budget", type=_positive_seconds, default=budget, metavar="S",
        help=f"time bound for a whole document, in CPU seconds (default {budget:g})",
    )  # fmt: skip
