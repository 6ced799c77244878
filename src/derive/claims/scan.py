"""What a claim's parse tree says before it is built: whether it is multivariate, which
letters are vectors, densities, bound indices or unknown functions.

Example:
    >>> from derive.claims.parse import parse
    >>> sorted(bound_names(parse(r"\\sum_{i=1}^{3} i^2 = 14")))
    ['i']
"""

from __future__ import annotations

from lark import Token, Tree

_MATRIX_MARKS = {"top", "trace", "det", "identity", "zero", "diag"}
CAPITAL_GREEK = {"Sigma", "Lambda", "Delta", "Gamma", "Omega", "Phi", "Psi", "Theta", "Pi", "Xi"}
_BINDERS = ("sum_over", "prod_over")
INTEGRALS = ("integral_all", "integral_over", "integral_reals")


def is_matrix_claim(tree: Tree) -> bool:
    """Whether a claim is multivariate: it transposes, takes a trace or determinant, or writes
    the identity or the zero vector, or names a capital Greek letter (Σ). A Latin capital alone
    does not make it so: declare ``A \\in \\mathbb{R}^{n\\times n}``."""
    if capital_greek(tree):
        return True
    for node in tree.iter_subtrees():
        if node.data in ("law", "density") and _has_letter(node.children[-1], "I"):
            return True  # N(μ, σ² I): the identity of a covariance
        if node.data in _MATRIX_MARKS and not _of_numbers(node):
            return True
        if node.data == "pow" and letter_of(node.children[1]) == "T":
            return True
    return False


_MIXING = {
    "top",
    "trace",
    "det",
    "diag",
    "density",
    "kl",
    "kl_one_bar",
    "entropy",
    "norm",
    "charfn",
    "gradient",
    "matrices",
}


def coordinatewise(tree: Tree) -> bool:
    """Whether a claim is multivariate only through ``\\mathbf{I}`` and ``\\mathbf{0}``, with no
    operation that mixes coordinates (transpose, trace, determinant, norm, density, KL,
    entropy): then every coordinate obeys the same one-dimensional claim."""
    marks = {node.data for node in tree.iter_subtrees()}
    if not marks & {"identity", "zero"} and not identity_sizes(tree):
        return False
    return not capital_greek(tree) and not mixes_coordinates(tree)


def mixes_coordinates(tree: Tree) -> bool:
    """Whether a claim writes an operation that mixes coordinates (a transpose, trace,
    determinant, norm, density, KL, entropy, gradient): no one-coordinate reading of it."""
    marks = {node.data for node in tree.iter_subtrees()}
    return bool(marks & _MIXING) or any(
        node.data == "pow" and letter_of(node.children[1]) == "T" for node in tree.iter_subtrees()
    )


def _of_numbers(node: Tree) -> bool:
    """Whether a determinant or trace is of a matrix written out with entries that are
    numbers (``\\det\\begin{pmatrix}\\sigma^2 & \\rho \\\\ \\rho & 1\\end{pmatrix}``): a
    number itself, which makes no claim multivariate. Blocks (capital letters, bold
    constants, transposes) are matrices."""
    if node.data not in ("det", "trace") or not isinstance(node.children[-1], Tree):
        return False
    argument = node.children[-1]
    if argument.data != "matrix_literal":
        return False
    for inner in argument.iter_subtrees():
        if inner.data in _MATRIX_MARKS or inner.data == "matrix_literal" and inner is not argument:
            return False
        if inner.data == "pow" and letter_of(inner.children[1]) == "T":
            return False
        if inner.data in ("letter", "greek") and _capital_letter(inner):
            return False
    return True


def _capital_letter(node: Tree) -> bool:
    text = str(node.children[0]).lstrip("\\")
    return text[:1].isupper() or text in CAPITAL_GREEK


def capital_greek(tree: Tree) -> bool:
    """Whether the claim writes a capital Greek letter (Σ) as a symbol."""
    return any(
        isinstance(child, Token) and child.type == "GREEK" and child[1:] in CAPITAL_GREEK
        for node in tree.iter_subtrees()
        for child in node.children
    )


def _has_letter(tree, letter: str) -> bool:
    if not isinstance(tree, Tree):
        return False
    return any(plain_name(node) == letter for node in tree.iter_subtrees() if node.data == "symbol")


def bound_names(tree: Tree) -> set:
    """The names a sum or product binds (``i`` in Σ_{i=1}^3)."""
    names = set()
    for node in tree.iter_subtrees():
        if node.data in _BINDERS:
            names.add(plain_name(node.children[1]))
    return names - {None}


def sequence_names(tree: Tree, namer) -> set:
    """Letters written with a sum's or product's index as their subscript (x in Σ_n x_n):
    members of a sequence, x_1, x_n, x_N, not one number. ``namer`` gives a name subtree's
    name."""
    found = set()
    for node in tree.iter_subtrees():
        if node.data not in _BINDERS:
            continue
        index, body = plain_name(node.children[1]), node.children[-1]
        for s in body.find_data("symbol") if isinstance(body, Tree) else ():
            if len(s.children) == 2 and _subscript_text(s.children[1]) == index:
                found.add(namer(s.children[0]))
    return found - {None}


def uses_index(tree, index: str) -> bool:
    """Whether ``tree`` writes the letter ``index`` alone or as a subscript (k, m_k)."""
    if not isinstance(tree, Tree):
        return False
    for s in tree.find_data("symbol"):
        if plain_name(s) == index or (
            len(s.children) == 2 and _subscript_text(s.children[1]) == index
        ):
            return True
    return False


def _subscript_text(node) -> str | None:
    """The subscript of a symbol as one plain letter (``n`` in x_n, x_{n}), else None."""
    if isinstance(node, Tree) and node.data == "subscript" and len(node.children) == 1:
        inner = node.children[0]
        if isinstance(inner, Tree) and inner.data == "subtext" and len(inner.children) == 1:
            inner = inner.children[0]
        return plain_name(inner)
    return None


def limit_names(tree: Tree) -> set:
    """Letters written as a limit of a sum or product (``n`` in Σ_{k=1}^n): whole numbers."""
    names = set()
    for node in tree.iter_subtrees():
        if node.data in _BINDERS:
            for limit in node.children[2:4]:
                names |= {plain_name(s) for s in _symbols(limit)}
    return names - {None}


def applied_heads(tree: Tree, namer) -> set:
    """Names applied to an argument, ``f(x + y)``, that appear nowhere else: unknown functions
    (a letter also written alone, ``a(b + c) = ab + ac``, is a factor). ``namer`` gives a
    symbol subtree's name."""
    heads = {
        id(node.children[0])
        for node in tree.iter_subtrees()
        if node.data in ("application", "primed_call", "call", "applied_power")
        and isinstance(node.children[0], Tree)
    }
    applied, alone = set(), set()
    for node in tree.iter_subtrees():
        if node.data in ("symbol", "ascii_indexed"):
            (applied if id(node) in heads else alone).add(namer(node))
    return applied - alone - {None}


def vector_places(tree: Tree) -> list:
    """Subtrees whose letters are vectors in a multivariate claim: transposed, a normal law's
    mean or a density's point."""
    places = []
    for node in tree.iter_subtrees():
        if node.data == "pow" and (letter_of(node.children[1]) == "T" or is_top(node.children[1])):
            places.append(node.children[0])
        elif node.data in ("law", "density"):
            places += node.children[1:-1]
        elif node.data == "gradient":
            places.append(node.children[1])
    return [p for p in places if isinstance(p, Tree)]


def indexed_both_ways(tree: Tree, namer) -> str | None:
    """The name of a letter with a parenthesised superscript written both alone (x^{(i)}, a
    value) and applied (x^{(i)}(a + b), a function) in ``tree``; None if there is none."""
    alone = {namer(n.children[0]) for n in tree.find_data("superscript_index")}
    applied = {namer(n.children[0]) for n in tree.find_data("indexed_application")}
    return min(alone & applied, default=None)


DENSITY_LETTERS = ("p", "q")  # the letters the field writes densities with


def density_heads(tree: Tree) -> list:
    """The letter subtrees that name densities: the q of q(a | b), any letter applied to
    arguments under E_{...} or inside D_KL(...), and p or q applied under an integral."""
    heads = []
    for node in tree.iter_subtrees():
        if node.data == "cdensity":
            heads.append(node.children[0])
        elif node.data in ("expectation_density", "kl", *INTEGRALS):
            for c in node.children:
                integral = node.data.startswith("integral")
                if isinstance(c, Tree) and c.data == "cdensity":
                    heads.append(c.children[0])
                elif isinstance(c, Tree) and c.data == "application" and not integral:
                    heads.append(c.children[0])
                elif isinstance(c, Tree) and integral:
                    heads += [  # p(y) under ∫: a density; β(s) in ∫₀ᵗ β(s) ds is a function
                        a.children[0]
                        for a in c.iter_subtrees()
                        if a.data == "application" and _letter(a.children[0]) in DENSITY_LETTERS
                    ]
    return heads


def _letter(head) -> str | None:
    """The letter a name subtree starts with (``p`` of ``p_{\\theta}``)."""
    if not isinstance(head, Tree):
        return None
    first = next(head.find_pred(lambda t: t.data in ("letter", "greek", "word")), None)
    return None if first is None else str(first.children[0]).lstrip("\\")


def _symbols(tree) -> list:
    if not isinstance(tree, Tree):
        return []
    return [*tree.find_data("symbol"), *tree.find_data("ascii_indexed")]


def plain_name(node) -> str | None:
    """The letter of a one-letter symbol subtree without subscript (``i``), else None."""
    if isinstance(node, Tree) and node.data == "symbol" and len(node.children) == 1:
        node = node.children[0]
    if isinstance(node, Tree) and node.data in ("letter", "greek", "word"):
        text = str(node.children[0])
        return {"\\ell": "l"}.get(text, text.lstrip("\\"))
    return None


def is_top(node) -> bool:
    return isinstance(node, Tree) and node.data == "top"


def identity_sizes(tree: Tree) -> set:
    """The letters d of the identities ``\\mathbf{I}_d``, ``I_n`` the tree writes (one Latin
    letter as the subscript: the identity's size)."""
    found = set()
    for node in tree.iter_subtrees():
        if node.data == "sized_identity":  # \mathbf{I}_d read by the identity's own rule
            size = node.children[-1]
            if isinstance(size, Tree) and size.data == "symbol" and len(size.children) == 1:
                size = size.children[0]
            if letter_of(size) is not None:
                found.add(letter_of(size))
            continue
        if node.data != "symbol" or len(node.children) != 2:
            continue
        head, sub = node.children
        if isinstance(head, Tree) and head.data == "font":
            head = head.children[-1]
        if letter_of(head) != "I" or not isinstance(sub, Tree) or sub.data != "subscript":
            continue
        inner = sub.children[0]
        if isinstance(inner, Tree) and inner.data == "subtext" and len(inner.children) == 1:
            inner = inner.children[0]
        size = letter_of(inner)
        if size is not None and size.isalpha():
            found.add(size)
    return found


def letter_of(node) -> str | None:
    if isinstance(node, Tree) and node.data == "letter":
        return str(node.children[0])
    return None
