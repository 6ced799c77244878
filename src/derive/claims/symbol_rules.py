"""The claim builder's rules for names: symbols with their subscripts, fonts and accents,
functions applied to arguments (unknown functions, densities written like a product, named
results), sums and products over a bound index, and subscripts read as step indices. A mixin of
:class:`derive.claims.build._Builder`.

Example:
    >>> step_index("t-1")
    t - 1
"""

from __future__ import annotations

from sympy import (
    Derivative,
    Expr,
    Function,
    Integer,
    Lambda,
    Product,
    Subs,
    Sum,
    Symbol,
)
from sympy.core.function import UndefinedFunction

from ..diffusion import ConditionalDensity
from ..errors import UsageError
from .names import LAST_STEP, STEP
from .probability_rules import label


def step_index(sub: str) -> Expr:
    """A subscript as a step index: t, t-1, t+1, 1, T."""
    value = {"t": STEP, "T": LAST_STEP}
    for sign in ("-", "+"):
        if sign in sub:
            head, tail = sub.split(sign, 1)
            if head in value and tail.isdigit():
                return value[head] + (int(tail) if sign == "+" else -int(tail))
    if sub in value:
        return value[sub]
    if sub.isdigit():
        return Integer(sub)
    raise UsageError(f"cannot read the subscript '{sub}' as a step index (t, t-1, t+1, 1, T)")


class SymbolRules:
    """Builder rules for names and applications (needs ``self.names``, ``self.labels``,
    ``self.mul``, ``self.pow`` and ``self._value``)."""

    def application(self, children):
        head, argument = children[0], children[-1]
        primes = len(children[1]) if len(children) == 3 else 0
        name = getattr(head, "name", None) if not isinstance(head, UndefinedFunction) else None
        if name in self.labels and not primes:
            return ConditionalDensity((argument,), (), label(head))
        if isinstance(head, UndefinedFunction):
            if primes:
                u = Symbol("u", real=True)
                return Subs(Derivative(head(u), (u, primes)), u, argument)
            self.names.note(str(head), "an unknown function", "implied: applied to an argument")
            return head(argument)
        if primes and isinstance(head, Symbol):  # f'(a): the derivative of a function f at a
            u = Symbol("u", real=True)
            return Subs(Derivative(Function(head.name)(u), (u, primes)), u, argument)
        return self.mul([head, argument])

    def primed_call(self, children):
        """f^{\\prime}(x), read as f'(x)."""
        head, _, argument = children
        return self.application([head, "'", argument])

    def applied_power(self, children):
        head, argument, exponent = children
        name = getattr(head, "name", None) if not isinstance(head, UndefinedFunction) else None
        if isinstance(head, UndefinedFunction) or name in self.labels:
            return self.pow([self.application([head, argument]), exponent])
        return self.mul([head, self.pow([argument, exponent])])

    def superscript_index(self, children):
        """μ^{(N)}, x^{(i)}: a letter indexed by a parenthesised superscript, read as the
        value at N of a function of its own (a given μ^{(N)} = … defines it for every N)."""
        head, index = children
        if not isinstance(head, Symbol):
            raise UsageError(
                f"a superscript in parentheses marks an index of a letter, not of {head}"
            )
        name = f"{head.name}^()"
        self.names.note(f"{head.name}^(·)", "indexed by its superscript", "implied: ^{(…)}")
        return Function(name, real=True)(self._value(index))

    def indexed_application(self, children):
        """ε_θ^{(t)}(x_t), f^{(k)}(y): one unknown function of the superscript's index and the
        argument, f(t, x) (read as the indexed letter times the argument, f^{(t)}(2y) =
        2f^{(t)}(y) held "for every function")."""
        head, index, argument = children
        name = f"{head.name}^()"
        self.names.note(
            name, "an unknown function of its superscript and argument", "implied: applied"
        )
        return Function(name, real=True)(self._value(index), argument)

    def sum_over(self, children):
        return self._over(Sum, children)

    def log_of_sum(self, children):
        from sympy import log

        return log(children[1])

    def prod_over(self, children):
        return self._over(Product, children)

    def _over(self, kind, children):
        _, name, lower, upper, body = children
        if not isinstance(name, str):
            raise UsageError("a sum or product binds one letter, \\sum_{k=1}^{n}")
        index = Symbol(name, integer=True)
        free = self.names.make(name, None)
        upper = self._value(upper)
        body = body.xreplace({free: index}) if hasattr(body, "xreplace") else body
        return kind(body, (index, lower, upper))

    def call(self, children):
        head = children[0]
        children = [head, *(a for c in children[1:] for a in (c if isinstance(c, tuple) else [c]))]
        if head in self.names.named:  # \tilde{\mu}_t(x_t, x_0): the arguments are the result's own
            own = {str(s) for s in self.names.named[head].free_symbols}
            written = [a for a in children[1:] if getattr(a, "free_symbols", None)]
            if all(getattr(a, "is_symbol", False) and str(a) in own for a in written):
                return head  # x_t and x_0 as numbers or as declared vectors
            # μ̃_t(x_t, ε): the result re-expressed in other variables, not the named one
            shown = ", ".join(str(a) for a in children[1:])
            raise UsageError(
                f"{head} is written with the arguments ({shown}), not its own: the named result "
                "is in x_t and x_0; written in other variables it is another expression"
            )
        if isinstance(head, UndefinedFunction):
            self.names.note(str(head), "an unknown function", "implied: applied to arguments")
            return head(*children[1:])
        if isinstance(head, Symbol) and head.name in self.names.defined_symbols:
            # μ_Q(z_t, x; s, t) for a μ_Q a given defines: the arguments say what it depends on
            self.names.note(head.name, "the letter a given defines", "its arguments as written")
            return head
        raise UsageError(
            f"'{head}' is applied to arguments, but it is not a function derive knows "
            "(named results: \\tilde{\\mu}_t(x_t, x_0))"
        )

    # --- symbols ------------------------------------------------------------------------------
    def symbol(self, children):
        name, rest = children[0], children[1:]
        marks = [c for c in rest if isinstance(c, _Decoration)]
        subs = [c for c in rest if not isinstance(c, _Decoration)]
        if marks:  # P_k^-: the letter P^- (as SymPy spells a superscript), indexed by k
            name = f"{name}^{marks[0]}"
        return self.names.make(name, subs[0] if subs else None)

    decorated_first = symbol  # P^-_k is P_k^-

    def decoration(self, children):
        mark = str(children[0]).strip("{}")
        return _Decoration({"\\ast": "*", "\\star": "*"}.get(mark, mark))

    def ascii_indexed(self, children):
        return self.names.make(children[0], str(children[1]))

    def subscript(self, children):
        return children[0] if isinstance(children[0], str) else str(children[0])

    def subtext(self, children):
        return "".join(str(c).lstrip("\\") for c in children)

    def letter(self, children):
        text = str(children[0])
        return "l" if text == "\\ell" else text

    def greek(self, children):
        return str(children[0])[1:]

    def word(self, children):
        return str(children[0])

    def accent(self, children):
        accent = str(children[0]).lstrip("\\").replace("overline", "bar").replace("wide", "")
        return f"{children[1]}{accent}"

    def font(self, children):
        return children[-1]

    def multi_letter(self, children):
        return str(children[-1]).replace(" ", "")


def define_function(head, arguments, body) -> tuple:
    """A given ``f(t) = body`` (or ``f(x, t) = body``) as the definition of the function ``f``."""
    arguments = tuple(arguments) if isinstance(arguments, (tuple, list)) else (arguments,)
    for argument in arguments:
        if not isinstance(argument, Symbol):
            raise UsageError(f"define a function at a letter, f(t) = …, not at {argument}")
    if len(arguments) == 1:
        return head, Lambda(*_apart_from_sequence(arguments[0], body))
    return head, Lambda(arguments, body)


def _apart_from_sequence(argument, body) -> tuple:
    """The function's variable and body, the variable kept apart from a sequence of the same
    letter: in p(x) = Σ_n N(x; x_n, h²), p(0) is Σ_n N(0; x_n, h²), never with x_n's letter x
    set to 0. The body as given when no sequence shares the variable's letter.

    Example:
        >>> from sympy import Indexed, IndexedBase, Symbol
        >>> x, n = Symbol("x", real=True), Symbol("n", integer=True)
        >>> variable, body = _apart_from_sequence(x, x - Indexed(IndexedBase(x), n))
        >>> body.subs(variable, 0)
        -x[n]
    """
    from sympy import Dummy, IndexedBase

    sharing = {
        b for b in getattr(body, "atoms", lambda *_: set())(IndexedBase) if b.label == argument
    }
    if not sharing:
        return argument, body
    hidden = {b: IndexedBase(Dummy(argument.name)) for b in sharing}
    variable = Dummy(argument.name, **argument.assumptions0)
    body = body.xreplace(hidden).xreplace({argument: variable})
    return variable, body.xreplace({v: k for k, v in hidden.items()})


class _Decoration(str):
    """The sign or star of a superscript that names a letter (P^-, x^*), not a power."""
