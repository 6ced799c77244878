"""A derivation's Python implementation as a formula, through latexify-py, with two mends.

latexify-py 0.4.4 prints ``mu_1`` as ``\\mathrm{mu\\_1}`` and ``(a - b).T`` as ``a - b.T`` (the
parentheses lost, so the formula says something else). This thin wrapper keeps latexify's
parser and code generator and replaces two pieces of it (latexify-py is optional, in the
``plots`` extra: no document uses this formula, and without it :func:`function_latex` says
what to install):

- identifiers: a Greek or one-letter head with subscripts becomes math (``mu_1`` → ``\\mu_{1}``,
  ``Sigma_2`` → ``\\Sigma_{2}``, ``x_t`` → ``x_{t}``); ``bar``/``tilde`` after the head put an
  accent on it and ``prev`` reads ``t-1`` (``alpha_bar_prev`` → ``\\bar{\\alpha}_{t-1}``); other
  names keep latexify's ``\\mathrm{…}``;
- attributes and calls: ``X.T`` is a transpose, ``X^{\\top}``, with the operand in parentheses
  unless it is a single name; ``np.linalg.inv(X)`` is ``X^{-1}`` (latexify prints the raw name
  there, as in ``np.linalg.det``); ``np.trace(X)`` is ``\\operatorname{tr}(X)``.

Example:
    >>> identifier("mu_1"), identifier("alpha_bar_prev"), identifier("inverse")
    ('\\\\mu_{1}', '\\\\bar{\\\\alpha}_{t-1}', None)
    >>> identifier("Sigma_new")
    '\\\\Sigma_{\\\\mathrm{new}}'
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable

from ..errors import DeriveError

GREEK = set(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split()
)
ACCENTS = {"bar": r"\bar", "tilde": r"\tilde", "hat": r"\hat"}
SUBSCRIPTS = {"prev": "t-1", "next": "t+1"}
FUNCTIONS = {"trace": r"\operatorname{tr}"}  # numpy functions latexify does not know


def identifier(name: str) -> str | None:
    """The LaTeX of a Python name whose head is Greek or one letter; None for other names."""
    head, *rest = name.split("_")
    if head in GREEK:
        latex = "\\" + head
    elif len(head) == 1 and head.isalpha():
        latex = head
    else:
        return None
    if rest and rest[0] in ACCENTS:
        latex = f"{ACCENTS[rest.pop(0)]}{{{latex}}}"
    if rest:
        parts = [_subscript(p) for p in rest]
        latex += "_{" + ",".join(parts) + "}"
    return latex


def _subscript(part: str) -> str:
    if part in GREEK:
        return "\\" + part
    if part in SUBSCRIPTS:
        return SUBSCRIPTS[part]
    return part if len(part) == 1 or part.isdigit() else rf"\mathrm{{{part}}}"


def function_latex(function: Callable) -> str:
    r"""The function as LaTeX: its signature, its intermediate assignments and its result.

    Example:
        >>> import numpy as np
        >>> def quadratic(x, mu, Sigma):
        ...     return (x - mu).T @ np.linalg.inv(Sigma) @ (x - mu)
        >>> print(function_latex(quadratic))  # doctest: +NORMALIZE_WHITESPACE
        \mathrm{quadratic}(x, \mu, \Sigma) = \mathopen{}\left( x - \mu \mathclose{}\right)^{\top}
        \Sigma^{-1} \cdot \mathopen{}\left( x - \mu \mathclose{}\right)
    """
    try:
        from latexify import parser, transformers
    except ImportError:  # optional: the documents show an implementation as code without it
        raise DeriveError("function_latex needs latexify-py: pip install 'derive[plots]'") from None

    tree = transformers.AugAssignReplacer().visit(parser.parse_function(function))
    return _codegen()().visit(tree)


def source(function: Callable, docstring: bool = True) -> str:
    """The function's source code, as written in its derivation script (without its
    docstring if ``docstring`` is false: LaTeX's verbatim takes no Unicode mathematics).

    Example:
        >>> def half(x):
        ...     '''x/2, as ½ x.'''
        ...     return x / 2
        >>> print(source(half, docstring=False), end="")
        def half(x):
            return x / 2
    """
    text = inspect.getsource(function)
    definition = ast.parse(text).body[0]
    first = definition.body[0]
    lines = text.splitlines()
    if not docstring and isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        del lines[first.lineno - 1 : first.end_lineno]
    return "\n".join(lines).rstrip() + "\n"


def _codegen():
    """latexify's function code generator with our identifiers and attributes (built on first
    use, so that importing this module does not import latexify)."""
    from latexify.codegen import expression_codegen, function_codegen, identifier_converter

    class Identifiers(identifier_converter.IdentifierConverter):
        def convert(self, name: str) -> tuple[str, bool]:
            mapped = identifier(name)
            return (mapped, False) if mapped is not None else super().convert(name)

    class Expressions(expression_codegen.ExpressionCodegen):
        def __init__(self) -> None:
            super().__init__(use_math_symbols=False, use_set_symbols=False)
            self._identifier_converter = Identifiers(use_math_symbols=False)

        def visit_Attribute(self, node: ast.Attribute) -> str:
            if node.attr != "T":
                return super().visit_Attribute(node)
            operand = self.visit(node.value)
            if not isinstance(node.value, ast.Name):
                operand = rf"\mathopen{{}}\left( {operand} \mathclose{{}}\right)"
            return operand + r"^{\top}"

        def visit_Call(self, node: ast.Call) -> str:
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in FUNCTIONS and len(node.args) == 1:
                operand = self.visit(node.args[0])
                return rf"{FUNCTIONS[name]} \mathopen{{}}\left( {operand} \mathclose{{}}\right)"
            if name in ("inv", "det") and len(node.args) == 1:  # latexify: the raw name
                operand = self.visit(node.args[0])
                if name == "det":
                    return rf"\det \mathopen{{}}\left( {operand} \mathclose{{}}\right)"
                if not isinstance(node.args[0], ast.Name):
                    operand = rf"\mathopen{{}}\left( {operand} \mathclose{{}}\right)"
                return operand + "^{-1}"
            return super().visit_Call(node)

    class Function(function_codegen.FunctionCodegen):
        def __init__(self) -> None:
            super().__init__(use_math_symbols=False)
            self._expression_codegen = Expressions()
            self._identifier_converter = Identifiers(use_math_symbols=False)

    return Function
