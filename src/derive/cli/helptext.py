"""What ``derive``'s help says, and the suggestions for the common mistakes.

Every sub-command's ``--help`` ends with two or three runnable examples; the mistakes a new user
makes first (``--notation`` on a derivation written in one notation, ``--dim`` without
``--multivariate``, a mistyped option) get a line saying what would be right.

Example:
    >>> print(examples("list"))
    examples:
      derive list
      derive list | grep kl
"""

from __future__ import annotations

import difflib

EXAMPLES = {
    "list": ["derive list", "derive list | grep kl"],
    "all": [
        "derive all -o output              # .tex .md .json (.pdf), the book, figures",
        "derive all --format md -o notes   # Markdown only",
        "derive all --notation course -o out",
    ],
    "verify": [
        "derive verify                     # every derivation; exit 0 iff all verified",
        "derive verify kl sum --jobs 1",
        "derive verify ./my_proof.py       # your own script (or: derive --path DIR verify)",
    ],
    "render": [
        "derive render ./my_proof.py                  # the proof, checked, as text",
        "derive render ./my_proof.py --format pdf -o out",
        "derive render kl --format md -o out",
    ],
    "check": [
        r"derive check 'a^2 - b^2 = (a - b)(a + b)'",
        r"derive check 'X + Y \sim N(1, 5)' --given 'X \sim N(0, 1)' --given 'Y \sim N(1, 4)'",
        r"derive check '\mathcal{N}(x; a y, b) \propto \mathcal{N}(y; x/a, b/a^2)' --wrt y",
    ],
    "audit": ["derive audit", "derive audit -o output"],
    "proofread": [
        "derive proofread homework.md                 # every link of every chain, checked",
        "derive proofread notes.tex --notation ddpm -o marked   # the report and a marked copy",
        r"derive proofread page.html --given 'X \sim N(0, 1)' --format json",
    ],
    "help": ["derive help", "derive help check"],
}

CHECK_DESCRIPTION = r"""Decide a formula typed from a textbook: holds (exit 0: proved), holds at
n = ... or holds numerically (exit 0: evidence only, and said so), fails (exit 1, with a
counterexample), undecided (exit 3); a claim that cannot be read is exit 2. Every verdict
lists what it assumed. A left side alone is a question: its closed form and value.

A claim is 'LHS = RHS', 'LHS \propto RHS' (in --wrt VAR) or 'X \sim N(mean, variance)',
in LaTeX (\frac, \sqrt, \mathcal{N}, \log, ...) or ASCII (N, sqrt, log, ^, *).
N(mean, variance) takes the variance: N(0, \sigma^2), not N(0, \sigma).
--given 'X \sim N(mean, variance)' declares a random variable (separate givens are
independent); --given 'name = expression' defines a symbol. Repeat --given for each.
The claim language in full: README.md, section 'Claim language' (every construct, with an
example)."""


def examples(command: str) -> str:
    """The ``examples:`` epilog of a sub-command's help."""
    return "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[command])


def derivation_examples(entry, variants) -> str:
    """Examples for ``derive NAME --help``: the proof, a document, and a variant or notation."""
    lines = [
        f"derive {entry.name}                      # the proof, checked, as text",
        f"derive {entry.name} --format pdf -o out  # out/{entry.name}.pdf (also tex, md, json)",
    ]
    if entry.notations[1:]:
        lines.append(f"derive {entry.name} --notation {entry.notations[1]}")
    for variant in variants[:1]:
        lines.append(f"derive {entry.name} {variant_flag(variant)}   # {variant.name}")
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def variant_flag(variant) -> str:
    """The option that asks for a variant: ``--multivariate``, ``--route product``."""
    flag, *value = variant.variant_of[1:]
    return f"--{flag}" + (f" {value[0]}" if value else "")


def notation_mistake(name: str, entries) -> str:
    """The line for ``--notation`` given to a derivation written in one notation."""
    ddpm = [e.name for e in entries if e.notations]
    return (
        f"--notation applies only to the DDPM derivations ({', '.join(ddpm)}); "
        f"'{name}' is written in one notation"
    )


def dim_mistake(name: str, entries) -> str:
    """The line for ``--dim`` given to a derivation that has no matrices: name the variant
    that has them, if there is one, else the multivariate derivations."""
    for entry in entries:
        if entry.variant_of and entry.variant_of[0] == name and entry.topic == "multivariate":
            return (
                f"--dim applies to multivariate derivations, not to '{name}': add "
                f"{variant_flag(entry)} (derive {name} {variant_flag(entry)} --dim 8)"
            )
    multivariate = [e.name for e in entries if e.topic == "multivariate"]
    return f"--dim applies to multivariate derivations ({', '.join(multivariate)}), not to '{name}'"


def option_hint(message: str, options) -> str:
    """A did-you-mean for argparse's "unrecognized arguments: --formt tex".

    Example:
        >>> option_hint("unrecognized arguments: --formt tex", ["--format", "--out"])
        "; did you mean '--format'?"
    """
    if not message.startswith("unrecognized arguments:"):
        return ""
    words = message.split(":", 1)[1].split()
    wrong = next((w.split("=")[0] for w in words if w.startswith("--")), None)
    close = difflib.get_close_matches(wrong, list(options), n=1, cutoff=0.6) if wrong else []
    return f"; did you mean '{close[0]}'?" if close else ""
