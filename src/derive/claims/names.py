"""Names in a claim and what they stand for: a number, a random variable, a family member of
a notation, a matrix or vector, a constant (e, i, π), or an unknown function — and the record
of each such reading, shown in the verdict as "assumed: …".

Names are built as the derivations spell them (``\\sigma_1`` is ``sigma_1``, ``\\bar\\alpha_t``
is ``alphabar_t``). A letter's domain comes from what the user declared (``--given``), what
the claim implies, or a documented convention, never from its name alone, with one documented
exception: a name σ (``\\sigma``, ``\\sigma_1``) is a standard deviation, positive.

Example:
    >>> names = Names()
    >>> names.make("x", None)
    x
    >>> names.make("sigma", "1").is_positive
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sympy import E, Function, I, Identity, Integer, MatrixSymbol, Symbol, pi, symbols

from ..errors import UsageError
from ..gaussian import RandomVariable
from .scan import CAPITAL_GREEK

DIMENSION = symbols("n", integer=True, positive=True)
_WHOLE = {"integer": True, "positive": True}
STEP = symbols("t", integer=True, positive=True)
LAST_STEP = symbols("T", integer=True, positive=True)


@dataclass(frozen=True, order=True)
class Assumption:
    """One reading the verdict relies on: ``subject`` (a symbol or a group of them), ``what``
    it was taken to be, and ``source``: declared (by --given), implied (by the claim),
    convention (documented), or default (nothing said otherwise)."""

    subject: str
    what: str
    source: str

    def __str__(self) -> str:
        from ..render.printers import unicode_name  # Σ₁ for Sigma_1, as the claim prints it

        subject = ", ".join(unicode_name(part) for part in self.subject.split(", "))
        return f"{subject}: {self.what} ({self.source})"


@dataclass
class Names:
    """The symbol factory of one claim and its givens.

    Attributes:
        random: names declared as random variables.
        families: indexed families of a notation (β_t is ``beta[t]``).
        named: named results of a notation's derivations.
        known: printed names mapped to a derivation's own symbols.
        bound: names bound by a sum or product (never the constants e, i).
        domains: declared assumptions per name (``{"a": {"positive": True}}``).
        matrix: whether the claim is multivariate.
        vectors: names that are vectors in a multivariate claim.
        shapes: declared shapes (``{"A": (n, n)}``).
        functions: names read as unknown functions.
        notation: the notation's name, if any (t, T are then whole step numbers).
        sequences: letters indexed by a sum's index somewhere (x in Σ_n x_n): x_1, x_N are
            members of one sequence.
        vectors_by_definition: letters read as vectors because a vector's definition adds
            them (z_t in μ₁ = a·z_t + b·x), so said in the verdict.
        guessed: letters of a multivariate claim read as numbers only because nothing says
            otherwise (no declaration, no transpose): a claim whose shapes then do not match
            may be derive's misreading rather than a slip.
        defaulted: letters given the default size n (a capital an n×n matrix): beside a
            declared explicit size (x ∈ ℝ²) a mismatch may be that default, not a slip.
    """

    random: frozenset = frozenset()
    families: dict = field(default_factory=dict)
    named: dict = field(default_factory=dict)
    known: dict = field(default_factory=dict)
    bound: set = field(default_factory=set)
    domains: dict = field(default_factory=dict)
    matrix: bool = False
    vectors: set = field(default_factory=set)
    shapes: dict = field(default_factory=dict)
    functions: set = field(default_factory=set)
    notation: str | None = None
    dimension: Symbol = DIMENSION
    readings: set = field(default_factory=set)
    coordinatewise: bool = False
    defined_functions: set = field(default_factory=set)
    defined_symbols: set = field(default_factory=set)
    random_vectors: set = field(default_factory=set)
    sequences: set = field(default_factory=set)
    vectors_by_definition: set = field(default_factory=set)
    guessed: set = field(default_factory=set)
    defaulted: set = field(default_factory=set)  # matrices and vectors of the default size n
    matrices: set = field(default_factory=set)  # declared symmetric positive definite (W ≻ 0)

    def note(self, subject: str, what: str, source: str) -> None:
        """Record a reading for the verdict's list of assumptions."""
        self.readings.add(Assumption(subject, what, source))

    def _size(self, full: str):
        """The size letter of a declared shape named ``full`` (one Symbol for both uses: a
        letter m beside B ∈ ℝ^{m×m} was another m, left free when the sizes were put in)."""
        for shape in self.shapes.values():
            for size in shape:
                if isinstance(size, Symbol) and size.name == full:
                    return size
        return None

    def make(self, name: str, sub) -> object:
        """The object the name ``name`` with subscript ``sub`` stands for."""
        sub = None if sub is None else str(sub)
        full = _full(name, sub)
        if sub is None and name not in self.bound and full not in self.domains:
            constant = {"pi": pi, "e": E, "i": I}.get(name)
            if constant is not None and full not in self.random:
                return constant
        family = self.families.get(name)
        if family is not None and sub is not None:
            from .symbol_rules import step_index

            if sub in self.bound:  # β_s under ∏_{s=1}^t: the sum's index (bound by the builder)
                return family[Symbol(sub, real=True)]
            return family[step_index(sub)]
        if full in self.known:
            return self.known[full]
        if sub is not None and name in self.sequences and full not in self.random:
            member = self._member(name, sub)  # a derivation's own names (known) come first
            if member is not None:
                return member
        if sub is not None and name in self.sequences and full in self.random and sub in self.bound:
            raise UsageError(  # never one variable x_n for every n: Σ_n (x_n − x̄)² would be 0
                f"{full} is a random variable indexed by the sum's index {sub}: a sequence of "
                f"random variables ({name}_1, …), which derive cannot read yet"
            )
        if full in self.random and full in self.random_vectors:
            self.note(full, "a random n-vector", "declared: its law is multivariate")
            if full not in self.shapes:  # of the default size n, which a law may not say
                self.defaulted.add(full)
            return MatrixSymbol(full, *self.shapes.get(full, (self.dimension, 1)))
        if full in self.random:
            return RandomVariable(full)
        if Symbol(full, real=True) in self.named:
            return Symbol(full, real=True)
        general = Symbol(f"{name}_t", real=True)
        if sub is not None and general in self.named:  # β̃_1: the named result at t = 1
            from .symbol_rules import step_index

            return self.named[general].xreplace({STEP: step_index(sub)})
        if full in self.functions:
            return Function(full)
        if full in self.shapes:
            rows, columns = self.shapes[full]
            return (
                MatrixSymbol(full, rows, columns)
                if (rows, columns) != (1, 1)
                else self._number(full, name)
            )
        if self.matrix and full == "I":
            return Identity(self.dimension)
        if self.coordinatewise and name == "I" and self._identity_size(full, sub):
            return Integer(1)  # one coordinate of I_d
        if self.matrix and name == "I" and self._identity_size(full, sub):
            size = self.dimension if sub == self.dimension.name else Symbol(sub, **_WHOLE)
            self.note(full, f"the {sub}×{sub} identity", "convention: I_d is of size d")
            return Identity(size)
        if self.matrix and full == self.dimension.name:
            return self.dimension
        size = self._size(full)
        if size is not None:  # m of B ∈ ℝ^{m×m} in det(A ⊗ B) = det(A)^m det(B)^n
            return size
        capital = name[:1].isupper() or name in CAPITAL_GREEK
        if self.matrix and (capital or full in self.vectors):
            shape = "n×n matrix" if capital else "n-vector"
            why = "a capital letter" if capital else "used as a vector"
            if full in self.vectors_by_definition and not capital:
                self.note(full, "an n-vector", "implied: a term of a vector's definition")
                return MatrixSymbol(full, self.dimension, 1)
            self.note(full, f"an {shape}", f"default: {why} in a multivariate claim")
            self.defaulted.add(full)
            return MatrixSymbol(full, self.dimension, self.dimension if capital else 1)
        if capital and full not in self.domains and not self.random:
            self.note(
                full,
                "a number",
                "default: the claim uses no matrix operation; declare "
                f"{full} \\in \\mathbb{{R}}^{{n\\times n}} for a matrix",
            )
        if self.matrix and full not in self.domains and not {name, full} & self.bound:
            self.guessed.add(full)  # a lowercase letter among matrices: a number, by default
        return self._number(full, name)

    def _identity_size(self, full: str, sub) -> bool:
        """Whether I_d (one Latin letter as the subscript, the name declared as nothing else)
        is the identity of size d."""
        declared = {*self.shapes, *self.domains, *self.defined_symbols, *self.random}
        return len(sub or "") == 1 and sub.isalpha() and full not in declared

    def _member(self, name: str, sub: str):
        """x_n, x_1, x_{N-1} as members x[n], x[1], x[N − 1] of the sequence x (None for
        another subscript)."""
        from sympy import Indexed, IndexedBase, Integer

        head, step = sub, 0
        for sign in ("-", "+"):
            if sign in sub:
                head, tail = sub.split(sign, 1)
                if not tail.isdigit():
                    return None
                step = int(tail) if sign == "+" else -int(tail)
        if head.isdigit():
            index = Integer(head)
        elif head.isalpha() and len(head) == 1:
            index = self.make(head, None)
            if not isinstance(index, Symbol):
                return None
        else:
            return None
        self.note(f"{name}_i", "the members of one sequence", "implied: a sum over its index")
        return Indexed(IndexedBase(Symbol(name, real=True)), index + step)

    def _number(self, full: str, name: str) -> Symbol:
        declared = self.domains.get(full)
        if declared is not None:
            return Symbol(full, **declared)
        if self.notation is not None and full in ("t", "T"):
            self.note(
                full, "a whole step number ≥ 1", f"convention of the notation {self.notation}"
            )
            return STEP if full == "t" else LAST_STEP
        if name.startswith("sigma"):
            self.note(full, "positive", "convention: σ is a standard deviation")
            return Symbol(full, positive=True)
        return Symbol(full, real=True)


def _full(name: str, sub: str | None) -> str:
    """``x``, ``x_t``, ``x_{t-1}`` as the derivations spell them."""
    if sub is None:
        return name
    braces = not sub.isalnum()  # x_{t-1}; but Sigma_bb, mu_new
    return f"{name}_{{{sub}}}" if braces else f"{name}_{sub}"
