"""A user's own derivation scripts: found in the directories they name, run when they ask.

A script is the user's own Python code, which they ask ``derive`` to run (as ``python
my_proof.py`` would); what can go wrong in it — a syntax error, an exception in ``build()``, no
``build()`` at all — is reported as one line naming the file and the line, never a traceback.

Example:
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "broken.py").write_text("NAME = 'broken'\\nTITLE = (\\n")
    >>> try:
    ...     read_script(folder / "broken.py")
    ... except UsageError as error:
    ...     print(str(error).replace(str(folder), "DIR"))
    DIR/broken.py:2: '(' was never closed
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
import traceback
from pathlib import Path

from .errors import UsageError

# What every derivation script declares at its top, read without running it (derive list).
FIELDS = ("NAME", "TITLE", "SOURCE", "TOPIC")
# NOTATION_TITLES, NOTATION_SOURCES: a notation's own title and source ("document", "section"),
# for a derivation worked in a second notation after another document.
OPTIONAL = ("VARIANT_OF", "NOTATIONS", "NOTATION_TITLES", "NOTATION_SOURCES")
TUTORIAL = "see 'Your own derivation' in README.md"


def looks_like_script(target: str) -> bool:
    """Whether a command-line word names a script file rather than a derivation.

    Example:
        >>> looks_like_script("my_proof.py"), looks_like_script("kl")
        (True, False)
    """
    return target.endswith(".py") or os.sep in target


def declarations(path: Path, source: str | None = None) -> dict | None:
    """The script's top-level ``NAME``, ``TITLE``, ``SOURCE`` (as ``[document, section]``),
    ``TOPIC`` (and ``VARIANT_OF``, ``NOTATIONS``, ``NOTATION_TITLES``, ``NOTATION_SOURCES``),
    or None if it declares no ``NAME`` (a helper module beside the scripts). A field that is
    missing or not a literal is a UsageError."""
    try:
        text = path.read_text(encoding="utf-8") if source is None else source
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the script '{path}': {error}") from None
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as error:
        raise UsageError(f"{path}:{error.lineno}: {error.msg}") from None
    found, lines = {}, {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in FIELDS + OPTIONAL:
                found[target.id] = _literal(path, target.id, node.value)
                lines[target.id] = node.lineno
    if "NAME" not in found:
        return None
    missing = [name for name in FIELDS if name not in found]
    if missing:
        raise UsageError(
            f"{path}: a derivation script declares {', '.join(FIELDS)} at its top; "
            f"missing: {', '.join(missing)} ({TUTORIAL})"
        )
    for name in ("NAME", "TITLE", "TOPIC"):
        if not isinstance(found[name], str) or not found[name].strip():
            raise UsageError(f"{path}:{lines[name]}: {name} must be a non-empty string")
    return found


def _literal(path: Path, name: str, node: ast.expr):
    """A field's value: a literal, or ``Source("document", "section")`` for SOURCE."""
    try:
        if name == "SOURCE" and isinstance(node, ast.Call):
            values = [ast.literal_eval(arg) for arg in node.args]
            values += [ast.literal_eval(k.value) for k in node.keywords]
            if len(values) != 2:
                raise ValueError
            return values
        return ast.literal_eval(node)
    except ValueError:
        wanted = 'Source("document", "section")' if name == "SOURCE" else "a literal value"
        raise UsageError(f"{path}:{node.lineno}: {name} must be {wanted}") from None


def read_script(path: Path) -> dict:
    """The declarations of a script the user named: it must exist and declare a derivation."""
    if not path.is_file():
        raise UsageError(f"no such script '{path}' (a derivation script is a .py file)")
    found = declarations(path)
    if found is None:
        raise UsageError(f"{path}: no derivation defined: it declares no NAME ({TUTORIAL})")
    return found


def scripts_in(directory: Path) -> list[Path]:
    """The candidate scripts of a directory the user named, in name order."""
    if not directory.is_dir():
        raise UsageError(f"'{directory}' (from --path or DERIVE_PATH) is not a directory")
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))


def build_from(path: Path, name: str, notation: str | None):
    """Run the script at ``path`` and return what its ``build()`` returns (a Derivation).

    The script's directory is importable while it runs, as with ``python path``.
    """
    from .core import Derivation

    spec = importlib.util.spec_from_file_location(f"derive_user_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    folder = str(path.parent)
    sys.path.insert(0, folder)
    try:
        spec.loader.exec_module(module)
        build = getattr(module, "build", None)
        if not callable(build):
            raise UsageError(f"{path}: no derivation defined: it has no build() ({TUTORIAL})")
        derivation = build() if notation is None else build(notation)
    except UsageError:
        raise
    except (Exception, SystemExit) as error:  # the user's code: one line, where it went wrong
        raise UsageError(_where(path, error)) from None
    finally:
        if folder in sys.path:
            sys.path.remove(folder)
    if not isinstance(derivation, Derivation):
        kind = type(derivation).__name__
        raise UsageError(f"{path}: build() returned a {kind}, not a Derivation ({TUTORIAL})")
    if derivation.name != name:
        raise UsageError(
            f"{path}: build() returned the derivation {derivation.name!s} but NAME is {name!s}; "
            "pass NAME to Derivation(...)"
        )
    return derivation


def _where(path: Path, error: BaseException) -> str:
    """``FILE:LINE: Kind: message`` at the last line of the user's script the error passed."""
    if isinstance(error, SyntaxError) and error.filename == str(path):
        return f"{path}:{error.lineno}: {error.msg}"
    line, script = None, path.resolve()
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve() == script:
            line = frame.lineno
    message = str(error).splitlines()[0] if str(error) else ""
    described = f"{type(error).__name__}: {message}" if message else type(error).__name__
    if isinstance(error, SystemExit):
        described = f"the script called exit ({error.code})"
    return f"{path}:{line}: {described}" if line else f"{path}: {described}"
