"""What the words of a ``derive`` command line name, before argparse sees them: the user's
script directories (``--path DIR``, ``DERIVE_PATH``), a script file named directly, ``derive
help``, and the common mistakes that deserve a suggestion rather than argparse's message.

Example:
    >>> path_options(["--path", "proofs", "verify", "--path=more"])
    (['verify'], ['proofs', 'more'])
    >>> prepared(["help", "check"], ("check", "help"))
    ['check', '--help']
"""

from __future__ import annotations

import os

from .. import registry
from ..errors import UsageError
from ..user_scripts import looks_like_script
from . import helptext


def prepared(argv: list[str], commands: tuple) -> list[str]:
    """``argv`` with ``--path DIR`` taken out (the registry searches those directories and
    ``DERIVE_PATH``), ``derive help [COMMAND]`` made ``--help``, and ``derive my_proof.py``
    made ``derive render my_proof.py``."""
    argv, directories = path_options(argv)
    found = os.environ.get("DERIVE_PATH", "")
    registry.use_paths([*(d for d in found.split(os.pathsep) if d), *directories])
    check_user_names(commands)
    if argv[:1] == ["help"]:
        return [*argv[1:2], "--help"]
    if argv and not argv[0].startswith("-"):
        if looks_like_script(argv[0]):
            return ["render", *argv]
    return argv


def path_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """(the other words, the directories of every ``--path DIR`` / ``--path=DIR``)."""
    rest, directories, words = [], [], iter(argv)
    for word in words:
        if word == "--path":
            directory = next(words, None)
            if directory is None or directory.startswith("-"):
                raise UsageError("--path needs a directory of derivation scripts (--path DIR)")
            directories.append(directory)
        elif word.startswith("--path="):
            directories.append(word.split("=", 1)[1])
        else:
            rest.append(word)
    return rest, directories


def check_user_names(commands: tuple) -> None:
    """A user's script may not take the name of a command."""
    for entry in registry.entries():
        if entry.path is not None and entry.name in commands:
            raise UsageError(f"{entry.path}: NAME {entry.name!r} is a command; choose another")


def target(word: str, commands: tuple) -> str:
    """The derivation a command-line word names: a registered name, or a script's file."""
    if not looks_like_script(word):
        return registry.lookup(word).name
    entry = registry.add_script(word)
    check_user_names(commands)
    return entry.name


def build_user_scripts(documents: list[tuple]) -> None:
    """Run the user's scripts among ``documents`` before anything is printed or written, so
    that an error in one is the only line (worker processes inherit what was built)."""
    for name, notation, _ in documents:
        if registry.lookup(name).path is not None:
            registry.load(name, notation)


def common_mistakes(argv: list[str]) -> None:
    """``derive kl --notation course``, ``derive sum --dim 4``: say what would be right."""
    if not argv or argv[0] not in registry.names():
        return
    name, every = argv[0], registry.entries()
    family = [e for e in every if e.name == name or (e.variant_of or ("",))[0] == name]
    given = {word.split("=", 1)[0] for word in argv[1:]}
    if "--notation" in given and not any(e.notations for e in family):
        raise UsageError(helptext.notation_mistake(name, every))
    if "--dim" in given and not any(e.topic == "multivariate" for e in family):
        raise UsageError(helptext.dim_mistake(name, every))
