"""The givens of a claim (``--given``): laws (``X \\sim N(0, 1)``), definitions (``=``,
``:=``, ``\\triangleq``, of symbols, functions ``f(t) = …`` and densities), domains and ranges
(``\\in``, inequalities and chains ``0 < a < 1``), shapes (``A \\in \\mathbb{R}^{n\\times n}``),
independence (``X \\perp Y``) and positive definiteness (``\\Sigma \\succ 0``).

Two givens that say different things of one name are an input error naming both.

Example:
    >>> g = read_givens([r"0 < a < 1", r"X \\sim N(0, 1)"])
    >>> g.ranges["a"], sorted(g.random)
    ((0, 1), ['X'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sympy import Indexed, Integer, MatrixSymbol, Symbol
from sympy.core.function import AppliedUndef

from ..errors import UsageError
from ..gaussian import Density, MvNormal
from . import function_ranges, scan
from .build import build, define_function
from .domains import shown_range, tightened
from .joint_laws import is_joint_law, joint_letters
from .names import Assumption, Names
from .parse import parse, quoted
from .shapes import IllFormed

_LOWER = {"<": "lt", "\\lt": "lt", "\\le": "le", "\\leq": "le", "\\leqslant": "le"}
_UPPER = {">": "lt", "\\gt": "lt", "\\ge": "le", "\\geq": "le", "\\geqslant": "le"}


@dataclass
class Givens:
    """What the givens declare, by name, before the claim is read."""

    texts: tuple = ()
    random: frozenset = frozenset()
    domains: dict = field(default_factory=dict)
    ranges: dict = field(default_factory=dict)
    range_texts: dict = field(default_factory=dict)  # name: (its range givens, see tightened)
    shapes: dict = field(default_factory=dict)
    spd: set = field(default_factory=set)
    dimension: Symbol | None = None
    independent: list = field(default_factory=list)
    readings: set = field(default_factory=set)
    defined: set = field(default_factory=set)
    random_vectors: set = field(default_factory=set)
    isotropic: set = field(default_factory=set)  # x ~ N(0, I): read one coordinate at a time
    density_laws: set = field(default_factory=set)  # p(X) = N(X; m, v): X's law, if E[…] of X
    laws_by_density: set = field(default_factory=set)  # those read so (decide.py)
    mentioned: set = field(default_factory=set)
    nonzero: list = field(default_factory=list)  # a ≠ b given: a − b, which is never 0
    function_ranges: dict = field(default_factory=dict)  # β(t) > 0: see function_ranges.py


def read_givens(texts, families: dict | None = None) -> Givens:
    """The declarations of ``texts`` that decide how names are read (a first pass: laws and
    definitions are built later, with these names)."""
    givens = Givens(tuple(texts))
    random, said = set(), {}
    for text in texts:
        tree = _parse(text)
        kind = tree.children[0].data
        bare = _bare(tree, families, text)
        if givens.dimension is None and scan.identity_sizes(tree) and bare.names is not None:
            givens.dimension = bare.names.dimension  # N(0, I_d): the claim's vectors are of size d
        if kind == "conditional_law":
            givens.defined |= {getattr(t, "name", "") for t in bare.lhs}
        if kind == "distributed" and is_joint_law(bare.lhs, bare.rhs):
            givens.defined |= joint_letters(bare.lhs)  # (x_a, x_b) ~ N(…): each row defined
        elif kind == "distributed" and isinstance(bare.lhs, (Symbol, MatrixSymbol)):
            random.add(bare.lhs.name)
            if isinstance(bare.rhs, MvNormal):
                givens.random_vectors.add(bare.lhs.name)
            elif scan.coordinatewise(tree) and _scalar_law(bare.rhs):
                givens.isotropic.add(bare.lhs.name)  # N(0, σ²I): a vector, unless the claim is not
        elif kind in ("equal", "define") and is_symmetry(bare.lhs, bare.rhs):
            givens.spd.add(bare.lhs.name)
            givens.readings.add(
                Assumption(
                    bare.lhs.name,
                    "symmetric; tried with symmetric positive-definite instances",
                    f"declared: {text}",
                )
            )
        elif kind in ("equal", "define") and isinstance(bare.lhs, (Symbol, MatrixSymbol)):
            givens.defined.add(bare.lhs.name)
        elif kind in ("equal", "define") and density_of_letter(bare.lhs, bare.rhs):
            givens.density_laws.add(bare.lhs.args[0].name)
        elif kind in ("equal", "define") and isinstance(bare.rhs, Density):
            # q(z_s | z_t, x) = N(z_s; μ_Q, σ_Q²) names its parameters: letters, not functions
            law = bare.rhs.dist
            for parameter in (law.mean, getattr(law.variance, "base", law.variance)):
                if isinstance(parameter, Symbol):
                    givens.defined.add(parameter.name)
        if kind in ("member", "inequality"):
            givens.mentioned |= {
                getattr(s, "name", "") for side in _sides(bare) for s in _symbols_of(side)
            }
        if kind == "member":
            _member(givens, bare, text, said)
        elif kind == "inequality":
            _inequality(givens, bare, text, said)
        elif kind == "tuple_given":
            _tuple(givens, bare, text, said)
        elif kind == "independent":
            names = [getattr(side, "name", str(side)) for side in (bare.lhs, bare.rhs)]
            givens.independent.append(tuple(names))
            givens.readings.add(Assumption(" and ".join(names), "independent", f"declared: {text}"))
    givens.random = frozenset(random)
    return givens


def _scalar_law(law) -> bool:
    """Whether a law read one coordinate at a time has numbers as its mean and variance (N(0, σ²)
    of N(0, σ²I), never a matrix written out)."""
    return not any(getattr(arg, "is_Matrix", False) for arg in getattr(law, "args", ())[:2])


def _sides(bare) -> list:
    if bare.relations:
        return [term for left, _, right in bare.relations for term in (left, right)]
    return list(bare.lhs) if isinstance(bare.lhs, tuple) else [bare.lhs]


def _symbols_of(expr) -> set:
    return getattr(expr, "free_symbols", set()) | (
        {expr} if isinstance(expr, MatrixSymbol) else set()
    )


def _parse(text: str):
    try:
        return parse(text)
    except UsageError as error:
        if _IID.search(text):
            raise UsageError(
                f"--given {quoted(text)}: an i.i.d. sequence of random variables "
                "(x_1, …, x_N), which derive cannot read yet"
            ) from None
        raise UsageError(f"--given {quoted(text)}: {error}") from None


_IID = re.compile(r"i\.\s*i\.\s*d\.?|\biid\b", re.IGNORECASE)


def _bare(tree, families, text):
    try:
        return build(tree, Names(families=families or {}))
    except IllFormed as error:
        raise UsageError(f"a given is not well-formed: {error}") from None
    except UsageError as error:
        raise UsageError(f"--given {quoted(text)}: {error}") from None


def _key(expr) -> str:
    if expr.is_Pow and isinstance(expr.base, Symbol) and expr.base.is_positive:
        raise _Squared(expr.base, expr.exp)
    if isinstance(expr, Indexed):
        return expr.base.label.name
    if isinstance(expr, (Symbol, MatrixSymbol)):
        return expr.name
    raise UsageError(f"a domain is declared for a letter, not for {expr}")


class _Squared(Exception):
    """A range declared for a power s^k of a positive letter: a range of s."""

    def __init__(self, base, exponent):
        super().__init__(str(base))
        self.base, self.exponent = base, exponent


def _declare(said: dict, name: str, what, text: str) -> None:
    before = said.get((name, what[0]))
    if before is not None and before[0] != what:
        raise UsageError(
            f"the givens contradict each other on {name}: {quoted(before[1])} and {quoted(text)}"
        )
    said[(name, what[0])] = (what, text)


def _member(givens: Givens, bare, text: str, said: dict) -> None:
    names = bare.lhs if isinstance(bare.lhs, tuple) else (bare.lhs,)
    domain = bare.rhs
    for item in names:
        name = _key(item)
        kind = domain[0]
        if kind == "matrices":
            rows, columns = (_size(d) for d in domain[1:])
            _declare(said, name, ("shape", rows, columns), text)
            givens.shapes[name] = (rows, columns)
            givens.dimension = givens.dimension or (rows if isinstance(rows, Symbol) else None)
            givens.readings.add(
                Assumption(name, f"a matrix of shape {rows}×{columns}", f"declared: {text}")
            )
        elif kind == "space":
            size = _size(domain[1])
            if size == 1:
                givens.domains[name] = {"real": True}
            else:
                _declare(said, name, ("shape", size, 1), text)
                givens.shapes[name] = (size, Integer(1))
                givens.dimension = givens.dimension or (size if isinstance(size, Symbol) else None)
                givens.readings.add(Assumption(name, f"a vector of ℝ^{size}", f"declared: {text}"))
        elif kind in ("naturals", "steps"):
            givens.domains[name] = {"integer": True, "positive": True}
            givens.readings.add(Assumption(name, "a whole number ≥ 1", f"declared: {text}"))
            if kind == "steps" and isinstance(domain[2], Symbol):
                givens.domains[domain[2].name] = {"integer": True, "positive": True}
        elif kind == "integers":
            givens.domains[name] = {"integer": True}
            givens.readings.add(Assumption(name, "an integer", f"declared: {text}"))
        elif kind == "positive":
            givens.domains[name] = {"positive": True}
            givens.readings.add(Assumption(name, "positive", f"declared: {text}"))
        elif kind == "reals":
            givens.domains[name] = {"real": True}
            givens.readings.add(Assumption(name, "a real number", f"declared: {text}"))
        elif kind in ("open", "closed"):
            sign = "≤" if kind == "closed" else "<"
            _range(givens, name, domain[1], domain[2], text, said, sign)


def _tuple(givens: Givens, bare, text: str, said: dict) -> None:
    """``x = (x_1, x_2)``: x is a vector of as many components; ``z = (z_1, \\dots, z_d)`` a
    vector of ℝ^d (d the last component's subscript). A tuple of vectors, ``x = (x_a, x_b)``,
    declares no shape (a partition: see block_laws.py)."""
    from sympy import MatrixExpr

    from ..render.printers import text as shown

    name, items = _key(bare.lhs), bare.rhs
    if any(isinstance(item, MatrixExpr) for item in items):
        return
    if "…" in items:
        last = items[-1]
        stem, _, index = getattr(last, "name", "").partition("_")
        index = index.strip("{}")
        if not stem or not (index.isdigit() or (len(index) == 1 and index.isalpha())):
            raise UsageError(
                f"--given {quoted(text)}: the last component of (z_1, \\dots, z_d) names the size "
                "in its subscript, a number or a letter"
            )
        size = _size(Integer(index) if index.isdigit() else Symbol(index))
        what = f"a vector of ℝ^{shown(size)}, ({shown(items[0])}, …, {shown(last)})"
    else:
        size = Integer(len(items))
        what = f"the vector ({', '.join(shown(item) for item in items)})"
    _declare(said, name, ("shape", size, Integer(1)), text)
    givens.shapes[name] = (size, Integer(1))
    givens.dimension = givens.dimension or (size if isinstance(size, Symbol) else None)
    givens.readings.add(Assumption(name, what, f"declared: {text}"))


def _size(value):
    if isinstance(value, str):
        value = Symbol(value)
    if isinstance(value, MatrixSymbol):  # D in \mathbb{R}^{D\times D} of a multivariate given
        value = Symbol(value.name)
    if isinstance(value, Symbol):
        return Symbol(value.name, integer=True, positive=True)
    if isinstance(value, Integer) and value > 0:
        return value
    raise UsageError(f"a dimension is a whole number or a letter, not {value}")


def _range(givens: Givens, name: str, low, high, text: str, said: dict, sign="<") -> None:
    given = tuple(None if b is None else _bound(b, text) for b in (low, high))
    texts, old = givens.range_texts.get(name, ((), None))
    (low, high), signs = tightened(old, given, sign)
    if low is not None and high is not None and not low < high:
        raise UsageError(f"the givens leave no value for {name}: {quoted(text)}")
    givens.ranges[name] = (low, high)
    if low is not None and low >= 0:
        givens.domains[name] = {"positive": True}
    # one reading for all of a name's bounds, each shown closed or open as written (sampling
    # treats both alike: a point has no mass)
    givens.readings -= {
        a for a in givens.readings if a.subject == name and a.source == _said(texts)
    }
    texts = texts if text in texts else (*texts, text)
    givens.range_texts[name] = texts, ((low, high), signs)
    givens.readings.add(Assumption(name, shown_range(name, (low, high), signs), _said(texts)))


def _said(texts) -> str:
    return f"declared: {'; '.join(texts)}"


def _bound(value, text: str):
    if not getattr(value, "is_number", False) or not value.is_real:
        raise UsageError(
            f"--given {quoted(text)}: a range needs numbers as its bounds, not {value}"
        )
    return value


def _inequality(givens: Givens, bare, text: str, said: dict) -> None:
    for left, relation, right in bare.relations:
        if relation in ("\\succ", "\\succeq"):
            givens.spd.add(_key(left))
            givens.readings.add(
                Assumption(_key(left), "symmetric positive definite", f"declared: {text}")
            )
            continue
        if relation in ("\\neq", "\\ne"):  # a ≠ 0: no range (a point has no mass), but no
            givens.readings.add(Assumption(str(left), f"≠ {right}", f"declared: {text}"))
            givens.nonzero.append(left - right)  # counterexample is shown there either
            continue
        if relation in _UPPER:  # a > b is b < a
            left, right = right, left
        elif relation not in _LOWER:
            raise UsageError(f"--given {quoted(text)}: cannot read the relation {relation}")
        sign = "≤" if {**_LOWER, **_UPPER}[relation] == "le" else "<"
        if getattr(left, "is_number", False) and not getattr(right, "is_number", False):
            _bounded(givens, right, (left, None), text, said, sign)
        elif getattr(right, "is_number", False) and not getattr(left, "is_number", False):
            _bounded(givens, left, (None, right), text, said, sign)


def _bounded(givens, subject, bounds, text, said, sign) -> None:
    """``low < subject < high``; for a power s^k of a positive s, the k-th roots bound s; for
    an unknown function applied to letters, β(t) > 0, a range of its values."""
    if isinstance(subject, AppliedUndef) and all(isinstance(a, Symbol) for a in subject.args):
        bounds = tuple(None if b is None else _bound(b, text) for b in bounds)
        function_ranges.record(givens.function_ranges, givens.readings, subject, bounds, text, sign)
        return
    try:
        _range(givens, _key(subject), *bounds, text, said, sign)
    except _Squared as power:
        root = [None if b is None else max(b, 0) ** (1 / power.exponent) for b in bounds]
        _range(givens, power.base.name, *root, text, said, sign)


def density_of_letter(lhs, rhs) -> bool:
    """Whether a given ``p(X) = N(X; m, v)`` states the density of the letter X at X itself
    (p or q, with or without a subscript): a law of X in another form than ``X \\sim N(m, v)``."""
    from .declared_densities import DENSITY_LETTERS

    if not (isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and isinstance(rhs, Density)):
        return False
    letter = str(lhs.func).split("_")[0]
    point = lhs.args[0]
    return letter in DENSITY_LETTERS and isinstance(point, Symbol) and rhs.point == point


def is_symmetry(lhs, rhs) -> bool:
    """Whether a given ``A = A^T`` declares a matrix symmetric (rather than defining it)."""
    from sympy import Transpose

    return isinstance(lhs, MatrixSymbol) and rhs == Transpose(lhs)


def is_function_definition(lhs) -> bool:
    """Whether a given's left side is ``f(t)``: a function being defined."""
    return (
        isinstance(lhs, AppliedUndef)
        and all(isinstance(a, Symbol) for a in lhs.args)
        and len(set(lhs.args)) == len(lhs.args)
    )


def function_definition(lhs, rhs) -> tuple:
    """``f(t) = body`` as (f, Lambda(t, body))."""
    return define_function(lhs.func, lhs.args, rhs)


def indexed_by(parameter, body) -> dict:
    """The symbols of ``body`` whose subscript is ``parameter`` (α_t in SNR(t) = α_t²/σ_t²),
    by their stem: such a body depends on its argument through names, not as a variable."""
    name = getattr(parameter, "name", None)
    found = {}
    for symbol in getattr(body, "free_symbols", ()):
        stem, _, index = getattr(symbol, "name", "").partition("_")
        if name and stem and index.strip("{}") == name:
            found[symbol] = stem
    return found


def apply_indexed_definition(expr, head, parameter, body):
    """``expr`` with every application of ``head`` replaced by ``body`` at its argument, where
    the body names its argument in subscripts: at the parameter itself the body as written; at
    another letter s the subscripts renamed (SNR(s) = α_s²/σ_s²); at anything else the
    application stays an unknown function (never the body at the wrong index).

    Example:
        >>> from sympy import Function, Symbol
        >>> t, s, a = Symbol("t"), Symbol("s"), Symbol("alpha_t")
        >>> f = Function("SNR")
        >>> apply_indexed_definition(f(s) - f(t), f, t, a**2)
        alpha_s**2 - alpha_t**2
    """
    renamed = indexed_by(parameter, body)

    def at(argument):
        if argument == parameter:
            return body
        if isinstance(argument, Symbol):
            names = {
                symbol: Symbol(f"{stem}_{argument.name}", **symbol.assumptions0)
                for symbol, stem in renamed.items()
            }
            return body.xreplace({**names, parameter: argument})
        return head(argument)

    return expr.replace(
        lambda e: isinstance(e, AppliedUndef) and e.func == head and len(e.args) == 1,
        lambda e: at(e.args[0]),
    )
