"""Proofreading the source documents as they are: the four seed files in ``../shared/seeds/``
beside the repository, each with its committed context file (declarations only) in
``derive/proofread/seeds/``, named after the seed file.

Example:
    >>> sorted(p.name for p in context_files())[:1]
    ['000_e5429e0e7a84fe31.toml']
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import UsageError

ENVIRONMENT = "DERIVE_SEEDS"  # overrides where the seed files are looked for


def context_files() -> list:
    """The committed context files, one per seed."""
    folder = resources.files("derive.proofread").joinpath("seeds")
    named = re.compile(r"\d{3}_[0-9a-f]+\.toml")  # named after a seed (found.toml is not one)
    return sorted((f for f in folder.iterdir() if named.fullmatch(f.name)), key=lambda f: f.name)


def seed_directory() -> Path:
    """Where the seed files are: ``$DERIVE_SEEDS``, else ``shared/seeds`` beside the repository
    or beside a folder above it (a git worktree lives one level deeper than its repository);
    a one-line error when absent."""
    if os.environ.get(ENVIRONMENT):
        candidates = [Path(os.environ[ENVIRONMENT])]
    else:
        repository = Path(__file__).resolve().parents[3]
        candidates = [folder / "shared" / "seeds" for folder in repository.parents]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise UsageError(
        f"the seed documents are not here ({candidates[0]}): they live in ../shared/seeds "
        f"beside the repository, or set {ENVIRONMENT}"
    )


def seeds() -> list[tuple[Path, str]]:
    """(seed file, its context file's path) for every committed context file."""
    folder = seed_directory()
    found = []
    for context in context_files():
        seed = folder / (Path(context.name).stem + ".txt")
        if not seed.is_file():
            raise UsageError(f"the seed document {seed.name} is missing from {folder}")
        found.append((seed, str(context)))
    return found


@dataclass(frozen=True)
class Found:
    """A failing link of a seed that ``derive proofread --seeds`` finds (``found.toml``).

    Attributes:
        seed: the seed file's name; ``line``: the line of the link; ``contains``: a piece of
            the link's claim as derive normalizes it.
        erratum: the id of the erratum in ``derivations/claims/sources.toml`` it is ("" when
            the hand-made audit does not list it).
    """

    seed: str
    line: int
    contains: str
    erratum: str = ""


def found_errata() -> tuple[list[Found], dict[str, str]]:
    """The links proofreading finds failing in the seeds, and the errata of the hand-made
    audit it does not find yet (id -> why), as ``found.toml`` pins them.

    Example:
        >>> found, missed = found_errata()
        >>> any(f.erratum == "001-1.2.1a-cyclic-step" for f in found)
        True
        >>> "002-objective-weight" in missed
        True
    """
    import tomllib

    folder = resources.files("derive.proofread").joinpath("seeds")
    table = tomllib.loads(folder.joinpath("found.toml").read_text(encoding="utf-8"))
    found = [
        Found(f["seed"], f["line"], f["contains"], f.get("erratum", "")) for f in table["found"]
    ]
    return found, {m["erratum"]: " ".join(m["why"].split()) for m in table.get("missed", [])}
