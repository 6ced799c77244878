"""Proofreading the source documents as they are: the four seed files in ``../shared/seeds/``
beside the repository, each with its committed context file (declarations only) in
``derive/proofread/seeds/``, named after the seed file.

Example:
    >>> sorted(p.name for p in context_files())[:1]
    ['000_e5429e0e7a84fe31.toml']
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import UsageError

ENVIRONMENT = "DERIVE_SEEDS"  # overrides where the seed files are looked for


def context_files() -> list:
    """The committed context files, one per seed."""
    folder = resources.files("derive.proofread").joinpath("seeds")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


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
