"""The fast path of claim parsing: the common part of the claim language read by an LALR(1)
parser (``claim_fast.lark``: 1–2 ms a text once its lexer is built, about 0.1 s for the first
text of a process), with the Earley parser of ``claim.lark`` (30–150 ms a text: the grammar is
highly ambiguous) left for what it cannot read.

The LALR grammar gives the trees ``claim.lark`` gives: the same rules, aliases and terminals.
Where one token of look-ahead cannot tell two of ``claim.lark``'s readings apart, it reads a
provisional rule (``fix_*``) that :func:`fast_tree` turns into ``claim.lark``'s, or gives up
on (returns None, and the Earley parser reads the text). ``tests/test_claims_fast_parse.py``
holds the two parsers to the same tree on every text of the corpus and the tests.

Example:
    >>> fast_tree("f(x) = 1").children[0].children[0].data
    'application'
    >>> fast_tree("E = 1") is None  # a lone E is read by the Earley grammar
    True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from lark import Token, Tree
from lark.exceptions import LarkError

_TIMES = ("\\times", "*")


class _Refused(Exception):
    """A provisional reading that has no counterpart in claim.lark's trees."""


@cache
def fast_parser():
    """The LALR parser, once per process (stored ahead of time, else compiled)."""
    from . import stored_parser

    grammar = resources.files("derive.claims").joinpath(stored_parser.FAST_GRAMMAR)
    text = grammar.read_text(encoding="utf-8")
    return stored_parser.load(text, "lalr") or stored_parser.build(text, "lalr")


def fast_tree(text: str) -> Tree | None:
    """The tree of ``text`` as ``claim.lark`` reads it, or None when the fast grammar cannot
    tell (then the Earley parser must read it)."""
    try:
        tree = fast_parser().parse(text)
    except (LarkError, RecursionError):
        return None
    try:
        return _settled(tree)
    except (_Refused, ValueError, TypeError, AttributeError, IndexError):
        return None  # a tree this module does not expect is the Earley parser's to read


def _settled(tree: Tree) -> Tree:
    """``tree`` with every provisional rule replaced by claim.lark's reading (innermost
    first, so that a replacement sees settled children), then the brackets' marks removed
    (claim.lark's trees do not keep brackets)."""
    nodes = list(tree.iter_subtrees())  # bottom-up: children before their parents
    if any(_decorated_call(node) for node in nodes):
        raise _Refused
    for node in nodes:
        fix = _FIXES.get(node.data)
        if fix is not None:
            replacement = fix(node.children)
            node.data, node.children = replacement.data, replacement.children
    for node in nodes:
        while node.data == "fix_group":
            (inner,) = node.children
            node.data, node.children = inner.data, inner.children
    return tree


def _decorated_call(node: Tree) -> bool:
    """P_k^{+}(…): claim.lark reads a decorated letter before a bracket as an application,
    which one token of look-ahead reads as a product; the Earley parser decides."""
    head, *rest = node.children or [None]
    return (
        node.data == "mul"
        and isinstance(head, Tree)
        and head.data == "fix_decorated"
        and bool(rest)
        and isinstance(rest[0], Tree)
        and rest[0].data == "fix_group"
    )


def _call(children) -> Tree:
    """f(x) is an application, f(x, y) a call; N(m, v) with a plain N is a normal law."""
    head, *arguments = children
    if len(arguments) == 1:
        return Tree("application", [head, arguments[0]])
    if len(arguments) == 2 and _is_plain_n(head):
        return Tree("law", [Token("NORMAL", "N"), *arguments])
    return Tree("call", [head, *arguments])


def _parameters(children) -> Tree:
    """D(x; σ) is a call; N(x; m, v) with a plain N a normal density."""
    head, points, parameters = children
    if _is_plain_n(head) and len(points.children) == 1 and len(parameters.children) == 2:
        return Tree("density", [Token("NORMAL", "N"), *points.children, *parameters.children])
    return Tree("call", children)


def _conditional(children) -> Tree:
    """q(a | b) is a conditional density; N(x | m, v) with a plain N a normal density."""
    head, points, bar, conditions = children
    if _is_plain_n(head) and len(points.children) == 1 and len(conditions.children) == 2:
        return Tree("density", [Token("NORMAL", "N"), *points.children, bar, *conditions.children])
    return Tree("cdensity", children)


def _is_plain_n(node) -> bool:
    return (
        _is_symbol(node)
        and len(node.children) == 1
        and _is(node.children[0], "letter")
        and node.children[0].children == [Token("LETTER", "N")]
    )


def _prime(children) -> Tree:
    """x': one prime per mark."""
    base, marks = children
    for _ in str(marks):
        base = Tree("prime", [base])
    return base


def _primed_application(children) -> Tree:
    """f'(x): the derivative of a function f (a letter only) applied to x."""
    base, marks, argument = children
    if not _is_symbol(base):
        raise _Refused
    return Tree("application", [base, marks, argument])


def _primed_call(children) -> Tree:
    """f^{\\prime}(x): as f'(x)."""
    base, mark, argument = children
    if not _is_symbol(base):
        raise _Refused
    return Tree("primed_call", [base, mark, argument])


def _call_power(children) -> Tree:
    """f(x)^2 is the application raised (claim.lark's applied_power); f(x, y)^2 the call's
    power."""
    *call, exponent = children
    if len(call) == 2:
        return Tree("applied_power", [*call, exponent])
    return Tree("pow", [_call(call), exponent])


def _space(children) -> Tree:
    """ℝ^{n × m} is a space of matrices, ℝ^n of vectors; a × anywhere else in the exponent
    is left to the Earley grammar."""
    reals, exponent = children
    if _is_times(exponent):
        left, op, right = exponent.children
        if _has_times(left) or _has_times(right):
            raise _Refused
        return Tree("domain", [Tree("matrices", [reals, left, Token("TIMESOP", str(op)), right])])
    if _has_times(exponent):
        raise _Refused
    return Tree("space", [reals, exponent])


def _is_times(node) -> bool:
    return (
        isinstance(node, Tree)
        and node.data == "mul"
        and len(node.children) == 3
        and isinstance(node.children[1], Token)
        and node.children[1].type == "MULOP"
        and str(node.children[1]) in _TIMES
    )


def _has_times(node) -> bool:
    return isinstance(node, Tree) and any(_is_times(n) for n in node.iter_subtrees())


def _superscript_index(children) -> Tree:
    """μ^{(N)}: the N-th μ (a letter only)."""
    base, index = children
    if not _is_symbol(base):
        raise _Refused
    return Tree("superscript_index", [base, index])


def _indexed_application(children) -> Tree:
    """ε^{(t)}(x): a function of its superscript and its argument (a letter only)."""
    base, index, argument = children
    if not _is_symbol(base):
        raise _Refused
    return Tree("indexed_application", [base, index, argument])


def _decorated(children) -> Tree:
    """m^+, x^*: a letter of its own."""
    base, mark = children
    if not _is_symbol(base) or any(_is(c, "decoration") for c in base.children):
        raise _Refused
    return Tree("symbol", [*base.children, Tree("decoration", [mark])])


def _decorated_first(children) -> Tree:
    """x^*_t: the decorated letter, then its subscript."""
    base, mark, subscript = children
    if not _is_symbol(base) or len(base.children) != 1:
        raise _Refused
    return Tree("decorated_first", [base.children[0], Tree("decoration", [mark]), subscript])


def _bars(children) -> Tree:
    """|x|: claim.lark's bars are the plain bar only (|, not \\mid or \\vert)."""
    left, inner, right = children
    if str(left) != "|" or str(right) != "|":
        raise _Refused
    return Tree("bars", [inner])


def _norm(children) -> Tree:
    """\\|x\\|, with its optional index: claim.lark's norm bars are \\| only."""
    left, inner, right, *index = children
    if str(left) != "\\|" or str(right) != "\\|":
        raise _Refused
    return Tree("norm", [inner, *index])


def _kl_one_bar(children) -> Tree:
    """KL(p | q), one plain bar (a slip derive names): claim.lark's kl_one_bar."""
    kl, left, bar, right = children
    if str(bar) != "|":
        raise _Refused
    return Tree("kl_one_bar", [kl, left, right])


def _is(node, data: str) -> bool:
    return isinstance(node, Tree) and node.data == data


def _is_symbol(node) -> bool:
    """A letter as written, not one in brackets (still marked fix_group here)."""
    return _is(node, "symbol")


_FIXES = {
    "fix_call": _call,
    "fix_parameters": _parameters,
    "fix_cdensity": _conditional,
    "fix_prime": _prime,
    "fix_primed_application": _primed_application,
    "fix_primed_call": _primed_call,
    "fix_call_power": _call_power,
    "fix_space": _space,
    "fix_superscript_index": _superscript_index,
    "fix_indexed_application": _indexed_application,
    "fix_decorated": _decorated,
    "fix_decorated_first": _decorated_first,
    "fix_bars": _bars,
    "fix_norm": _norm,
    "fix_kl_one_bar": _kl_one_bar,
}
