r"""The context a document is checked in: the givens ``derive check`` takes (laws, definitions),
a notation, and the variables of proportionality, gathered from (in this order) the
document's own block (YAML front matter, a ``% derive:`` comment block), a sidecar
``FILE.derive.toml``, ``--context FILE.toml``, and the command line.

A context file is TOML::

    notation = "ddpm"                      # or "course"
    given = ['X \sim \mathcal{N}(0, 1)']   # laws and definitions, as for derive check --given
    wrt = ["x_{t-1}", "x"]                 # variables a proportionality may be in, tried in order
    symmetric = ["B"]                      # matrices that are covariances (symmetric, positive)
    vectors = ['x', '\mu']                # column vectors (a line whose shapes do not match fails)
    dimension = "d"                        # the letter the document uses for the dimension
    variable = "x"                         # the variable of E_P[…] under a declared law P

The claim grammar takes a capital letter for a general square matrix; a matrix declared
``symmetric`` is given to each claim that uses it as ``B \succ 0`` (a covariance: symmetric
positive definite), and the verdict lists that declaration among its assumptions.

Example:
    >>> merged = Context().merged({"given": ["a = 2"], "notation": "ddpm"}, "front matter")
    >>> merged.given, merged.notation
    (('a = 2',), 'ddpm')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import UsageError

KEYS = ("notation", "given", "wrt", "symmetric", "vectors", "dimension", "variable")


@dataclass(frozen=True)
class Context:
    """Givens, notation and proportionality variables (see the module's docstring)."""

    given: tuple = ()
    notation: str | None = None
    wrt: tuple = ()
    symmetric: tuple = ()
    vectors: tuple = ()
    dimension: str | None = None
    variable: str | None = None

    def merged(self, data: dict, where: str) -> Context:
        """This context with ``data`` (a parsed block or file) added; later notation wins."""
        unknown = sorted(set(data) - set(KEYS))
        if unknown:
            raise UsageError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(KEYS)}")
        given = _strings(data.get("given", []), "given", where)
        wrt = _strings(data.get("wrt", []), "wrt", where)
        symmetric = _strings(data.get("symmetric", []), "symmetric", where)
        vectors = _strings(data.get("vectors", []), "vectors", where)
        notation = data.get("notation", self.notation)
        dimension = data.get("dimension", self.dimension)
        variable = data.get("variable", self.variable)
        if variable is not None and not isinstance(variable, str):
            raise UsageError(f"{where}: 'variable' must be a string such as \"x\"")
        if dimension is not None and (not isinstance(dimension, str) or len(dimension) != 1):
            raise UsageError(f"{where}: 'dimension' must be one letter, such as \"d\"")
        if notation is not None and not isinstance(notation, str):
            raise UsageError(f"{where}: 'notation' must be a string such as \"ddpm\"")
        return replace(
            self,
            given=self.given + given,
            notation=notation,
            wrt=self.wrt + wrt,
            symmetric=self.symmetric + symmetric,
            vectors=self.vectors + vectors,
            dimension=dimension,
            variable=variable,
        )

    def expectations(self, claim: str, laws: set) -> str:
        r"""``E_P[…]`` written as ``\mathbb{E}_{x \sim P}[…]``, for a declared law P and the
        declared variable x (the grammar reads expectations under a law in that form).

        Example:
            >>> Context(variable="x").expectations(r"E_P[x] = \mu", {"P"})
            '\\mathbb{E}_{x \\sim P}[x] = \\mu'
        """
        import re

        if not self.variable or not laws:
            return claim
        operator = r"(?:\\mathbb\{E\}|\\mathbb E|(?<![\\A-Za-z])E)"
        pattern = operator + r"_(?:\{([A-Z])\}|([A-Z]))\s*(?=\[|\\left\[)"

        def written(match: re.Match) -> str:
            law = match[1] or match[2]
            if law not in laws:
                return match[0]
            return f"\\mathbb{{E}}_{{{self.variable} \\sim {law}}}"

        return re.sub(pattern, written, claim)

    def declare(self, claim: str) -> str:
        r"""``claim`` with the document's letter for the dimension written ``n`` (the grammar's).

        Example:
            >>> Context(dimension="d").declare(r"\operatorname{tr}(I_d) = d")
            '\\operatorname{tr}(I) = n'

        ``I_n`` is then the identity of that size, the grammar's ``I``.
        """
        import re

        if self.dimension and self.dimension != "n":
            claim = re.sub(rf"(?<![\\A-Za-z]){self.dimension}(?![A-Za-z])", "n", claim)
        return re.sub(
            r"(?<![\\A-Za-z])((?:\\math(?:bf|rm)\{I\})|I)_(?:\{n\}|n)(?![A-Za-z])", r"\1", claim
        )

    def declarations(self, claim: str) -> tuple:
        r"""The givens that declare the symmetric matrices ``claim`` uses (``B \succ 0``).

        Example:
            >>> Context(symmetric=("B", r"\Sigma_1")).declarations(r"x^T \mathbf{B}^{-1} x = 1")
            ('B \\succ 0',)
        """
        from .names import tokens

        used = tokens(claim)
        return tuple(f"{name} \\succ 0" for name in self.symmetric if name in used)


def _strings(value, key: str, where: str) -> tuple:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: '{key}' must be a string or a list of strings")
    return tuple(value)


def read_toml(path: str | Path, what: str) -> dict:
    """A context file's table; a missing or malformed file is a one-line error."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{what} {path}: no such file; give a TOML file (notation, given, wrt)")
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{what} {path}: cannot read it ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{what} {path}: not valid TOML ({error})") from None


def gather(
    path: str,
    document: dict,
    context_file: str | None = None,
    given: tuple = (),
    notation: str | None = None,
) -> Context:
    """The full context of the document at ``path`` (see the module's docstring)."""
    context = Context().merged(document, f"{path}: the document's derive block")
    sidecar = Path(f"{path}.derive.toml")
    if sidecar.is_file():
        context = context.merged(read_toml(sidecar, "sidecar"), str(sidecar))
    if context_file is not None:
        context = context.merged(read_toml(context_file, "--context"), context_file)
    context = replace(context, given=context.given + tuple(given))
    if notation is not None:
        context = replace(context, notation=notation)
    return context
