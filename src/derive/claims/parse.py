"""Parsing claims: the grammar (``claim.lark``) with lark's Earley parser, built once per
process, each text parsed once; a syntax error becomes one line naming the position. The
common part of the language is read first by an LALR parser (:mod:`derive.claims.fast_parse`)
that gives the same trees in milliseconds.

Example:
    >>> parse("a = b").children[0].data == "equal"
    True
"""

from __future__ import annotations

import copy
import functools
from functools import cache
from importlib import resources

from lark import Lark, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from ..errors import UsageError

MAX_LENGTH = 2000  # characters: longer claims are refused before parsing


@cache
def parser() -> Lark:
    """The claim parser, once per process: the one stored ahead of time for this grammar
    (:mod:`derive.claims.stored_parser`), else compiled from the grammar."""
    from . import stored_parser

    grammar = resources.files("derive.claims").joinpath("claim.lark").read_text(encoding="utf-8")
    return stored_parser.load(grammar) or stored_parser.build(grammar)


def parse(text: str) -> Tree:
    """The parse tree of ``text``; a :class:`UsageError` (one line, with the position) if it
    is not a claim."""
    if not text.strip():
        raise UsageError("the claim is empty; write one like 'a + b = b + a'")
    if len(text) > MAX_LENGTH:
        raise UsageError(f"the claim is {len(text)} characters long; at most {MAX_LENGTH}")
    try:
        return copy.deepcopy(_parsed(text))  # a copy: no caller can change another's tree
    except UnexpectedEOF:
        raise UsageError(f"the claim ends too early: {quoted(text)} is incomplete") from None
    except UnexpectedCharacters as error:
        raise UsageError(_where(text, error.column, "cannot read")) from None
    except UnexpectedInput as error:
        raise UsageError(_where(text, getattr(error, "column", len(text)), "unexpected")) from None
    except (LarkError, RecursionError):
        raise UsageError(f"cannot parse the claim {quoted(text[:60])}") from None


@functools.lru_cache(maxsize=2048)
def _parsed(text: str) -> Tree:
    """The parse of ``text``, remembered: a document's proofreading and a claim's several
    readings parse the same givens again and again)."""
    from .fast_parse import fast_tree

    tree = fast_tree(text)  # the LALR grammar of the common part, else the whole grammar
    return _sums_run_on(tree if tree is not None else parser().parse(text))


def _sums_run_on(tree: Tree) -> Tree:
    """A sum's body runs on over the factors written after it that use its index: in the body
    of a derivative, ``\\frac{d}{dx}\\log\\sum_k \\pi_k N(x; m_k, v_k)`` could read as
    (log Σ_k π_k)·N(x; m_k, v_k), with k outside its sum; it is log Σ_k π_k N(x; m_k, v_k)."""
    from .scan import plain_name, uses_index

    for node in list(tree.iter_subtrees()):
        if node.data != "juxtaposed":
            continue
        for i, factor in enumerate(node.children[:-1]):
            inner = factor
            if isinstance(inner, Tree) and inner.data in ("log", "log_of_sum") and inner.children:
                inner = inner.children[-1]
            if not (isinstance(inner, Tree) and inner.data == "sum_over"):
                continue
            index, rest = plain_name(inner.children[1]), node.children[i + 1 :]
            if index and any(uses_index(f, index) for f in rest):
                inner.children[-1] = Tree("juxtaposed", [inner.children[-1], *rest])
                node.children = node.children[: i + 1]
                break
    for node in list(tree.iter_subtrees()):  # bottom-up: a ∑ that took one factor takes the next
        _product_runs_on(node, plain_name, uses_index)
    return tree


def _product_runs_on(node: Tree, plain_name, uses_index) -> None:
    r"""In a product written by juxtaposition, ``\frac{1}{N}\sum_n a_n \exp(x_n)`` (read
    (\frac{1}{N}Σ_n a_n)·exp(x_n), with n outside its sum), the factor that uses the sum's
    index is the sum's too: the node becomes the left factor, its sum's body taking the right."""
    if node.data != "mul" or len(node.children) != 2:
        return
    left, right = node.children
    last = left
    while isinstance(last, Tree) and last.data == "mul" and len(last.children) == 2:
        last = last.children[-1]  # the rightmost factor of the juxtaposed product on the left
    if not (isinstance(last, Tree) and last.data == "sum_over"):
        return
    index = plain_name(last.children[1])
    if index and uses_index(right, index):
        last.children[-1] = Tree("mul", [last.children[-1], right])
        node.data, node.children = left.data, left.children


def _where(text: str, column: int, what: str) -> str:
    """``what`` at 1-based ``column``, with the text around it and a marker."""
    index = max(0, min(len(text), column - 1))
    shown = text[max(0, index - 20) : index] + "⟨here⟩" + text[index : index + 20]
    found = text[index : index + 12] or "the end"
    hint = " (unknown command?)" if found.startswith("\\") else ""
    return f"{what} {quoted(found)} at position {column}{hint}: …{quoted(shown)[1:-1]}…"


def quoted(text: str) -> str:
    r"""``text`` in quotes as the user typed it (a backslash stays one backslash, unlike
    ``repr``); only unprintable characters are escaped, so that the message stays one line.

    Example:
        >>> print(quoted(r"\fac{1}{4}"), quoted("a\nb"))
        '\fac{1}{4}' 'a\nb'
    """
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"
