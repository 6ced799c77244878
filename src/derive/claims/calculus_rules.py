"""The claim builder's rules for calculus: derivatives (d/dx, ∂/∂μ, d²/dx², Leibniz's
df/dx, ∇_x in one dimension; ∇_x of a log-density or a quadratic form in n dimensions) and
integrals (over an interval, over ℝ). A mixin of :class:`derive.claims.build._Builder`.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\frac{d}{dx} x^3 = 3x^2").kind
    'holds'
"""

from __future__ import annotations

from sympy import Derivative, Integral, MatrixExpr, MatrixSymbol, Subs, Symbol, oo
from sympy.core.function import UndefinedFunction

from ..errors import UsageError


class CalculusRules:
    """Builder rules for derivatives and integrals (needs ``self.names`` and ``self._value``)."""

    def derivative_of(self, children):
        variable, body = self._variable(children[3]), children[-1]
        if isinstance(body, UndefinedFunction):  # dλ/dt of a function λ(t): λ at t
            body = body(variable)
        if isinstance(variable, MatrixSymbol):  # ∂/∂x of a vector x is the gradient ∇_x
            return self.gradient([None, variable, body])
        if isinstance(body, Subs) and body.variables == (variable,):
            # ∂/∂c [f(c)]_{c = a}: the derivative at a, not the derivative of f(a)
            return Subs(Derivative(body.expr, variable), variable, body.point[0])
        _at_another_point(body, variable)
        return Derivative(body, variable)

    def evaluated_at(self, children):
        """[f(c)]_{c = a}: the expression at c = a (the derivative inside taken first)."""
        body, variable, value = children[0], self._variable(children[1]), children[2]
        return Subs(body, variable, self._value(value))

    def evaluated_bar(self, children):
        r"""f(t)\big|_{t = a}, \left.\frac{d}{dt} f(t)\right|_{t = a}: as [f(t)]_{t = a}."""
        return self.evaluated_at([children[0], *children[2:]])

    def derivative_n(self, children):
        order, variable, body = children[2], self._variable(children[4]), children[-1]
        if children[5] != order:
            raise UsageError("the orders of d^k and dx^k differ")
        return Derivative(body, (variable, order))

    def derivative_by_power(self, children):
        """∂/∂σ² f: by the chain rule (∂f/∂σ)/(2σ), for a letter σ declared positive (where
        σ ↦ σ² is invertible; a letter of any sign would leave ∂/∂σ² undefined)."""
        from ..render.printers import text

        variable, power, body = self._variable(children[3]), children[4], children[-1]
        by = text(variable**power)
        if not isinstance(variable, Symbol) or not variable.is_positive:
            raise UsageError(
                f"∂/∂{by} is read for a letter declared positive: add --given '{variable} > 0'"
            )
        factor = power * variable ** (power - 1)
        self.names.note(
            f"∂/∂{by}",
            f"(∂/∂{text(variable)})/({text(factor)}), the chain rule",
            f"implied: a derivative with respect to {by}",
        )
        return Derivative(body, variable) / factor

    def derivative_leibniz(self, children):
        """Leibniz's d f / d x: the derivative of the numerator's expression."""
        frac, dee, body, dee_x, variable = children
        return self.derivative_of([frac, dee, dee_x, variable, self._dependent(body, variable)])

    def derivative_leibniz_n(self, children):
        """Leibniz's d^k f / d x^k."""
        frac, dee, order, body, dee_x, variable, order_x = children
        return self.derivative_n([frac, dee, order, dee_x, variable, order_x, body])

    def _dependent(self, body, variable):
        """dx/dt says x depends on t: of an undeclared letter x (not t, no given defines it)
        it is not read as the derivative 0 of a constant (a refutation of the writer's x(t))."""
        from ..render.printers import text
        from .build import _free

        variable = self._variable(variable)
        if not isinstance(body, Symbol) or body == variable or not _free(body.name, self.names):
            return body
        if variable.name in body.name.partition("_")[2]:
            return body  # x_t: a letter subscripted by t depends on it already
        x, t = text(body), text(variable)
        raise UsageError(
            f"d{x}/d{t}: {x} depends on {t} in the claim, but nothing says how; define it "
            f"(--given '{x}({t}) = …') or write {x}({t})"
        )

    def derivative_of_ascii(self, children):
        return Derivative(children[-1], self._variable(children[0]))

    def gradient(self, children):
        variable, body = self._variable(children[1]), children[-1]
        if isinstance(variable, MatrixSymbol):
            from .gradients import vector_gradient

            try:
                gradient, covariances = vector_gradient(body, variable)
            except UsageError:
                return self._entrywise_gradient(body, variable)
            self.spd |= covariances  # the law is gone from the claim, its covariance stays SPD
            self.names.note(
                f"∇_{variable.name}",
                "the gradient by matrix calculus, confirmed coordinate by coordinate at n = 2",
                "implied: ∇ with respect to a vector",
            )
            return gradient
        _at_another_point(body, variable)
        return Derivative(body, variable)

    def _entrywise_gradient(self, body, variable):
        """∇_X of a scalar matrix calculus does not read: entry by entry at explicit sizes."""
        from .entrywise_gradients import EntrywiseGradient

        if isinstance(body, MatrixExpr) and body.shape != (1, 1):
            raise UsageError(
                f"∇ with respect to {variable.name} of a {body.shape[0]}×{body.shape[1]} "
                "matrix or vector (a Jacobian) is not read; differentiate a number"
            )
        self.names.note(
            f"∇_{variable.name}",
            "the gradient entry by entry (∂/∂ of each entry), at explicit sizes",
            f"implied: ∇ with respect to a {'vector' if variable.shape[1] == 1 else 'matrix'}",
        )
        return EntrywiseGradient(body, variable)

    def integral_over(self, children):
        low, high, body, variable = children[1], children[2], children[3], children[5]
        low, high = (self._value(v) for v in (low, high))
        variable = self._variable(variable)
        return Integral(_not_applied(body, variable), (variable, low, high))

    def integral_all(self, children):
        body, variable = children[1], self._variable(children[3])
        return Integral(_not_applied(body, variable), (variable, -oo, oo))

    def integral_reals(self, children):
        r"""\int_{\mathbb{R}} f\,dx, \int_{\mathbb{R}^d} f\,d\mathbf{x}: over the whole space (a
        vector variable for ℝ^d, a number for ℝ)."""
        space, body, variable = children[1], children[2], self._variable(children[4])
        if (space.data == "over_reals" and len(space.children) > 1) != isinstance(
            variable, MatrixSymbol
        ):
            raise UsageError(
                f"the integral over {'ℝ^d' if len(space.children) > 1 else 'ℝ'} needs "
                f"{'a vector' if len(space.children) > 1 else 'a number'} as its variable "
                f"({variable} is not one): declare its shape, e.g. x \\in \\mathbb{{R}}^d"
            )
        return Integral(_not_applied(body, variable), (variable, -oo, oo))

    def infinity(self, children):
        return oo

    def minus_infinity(self, children):
        return -oo

    def _variable(self, name):
        made = self.names.make(name, None) if isinstance(name, str) else name
        if not isinstance(made, (Symbol, MatrixSymbol)):
            raise UsageError(f"cannot differentiate or integrate with respect to {made}")
        return made


def _at_another_point(body, variable) -> None:
    """∇_x log p(x_{i+1}): x does not occur, but a function is applied at a subscripted x —
    the score at x_{i+1} is meant, while the claim as written is the derivative 0; not read."""
    from sympy.core.function import AppliedUndef

    from ..diffusion import ConditionalDensity

    symbols = getattr(body, "free_symbols", set())
    if variable in symbols or not getattr(body, "has", lambda *_: False)(
        AppliedUndef, ConditionalDensity
    ):
        return
    stem = variable.name
    others = sorted(s.name for s in symbols if s.name.partition("_")[0] == stem and s != variable)
    if others:
        raise UsageError(
            f"∇_{stem} of an expression in which {stem} does not occur (it is written at "
            f"{others[0]}): as written it is 0; write ∇_{{{others[0]}}} for the derivative there"
        )


def _not_applied(body, variable):
    """The integrand with the integration variable never a function nor a density: in
    ∫₀ᵗ (a + s(b − a)) ds, s(b − a) is the product s·(b − a), not s at b − a.

    Example:
        >>> from sympy import Function, Symbol
        >>> s, a = Symbol("s"), Symbol("a")
        >>> _not_applied(Function("s")(a + 1), s)
        s*(a + 1)
    """
    from sympy.core.function import AppliedUndef

    from ..diffusion import ConditionalDensity

    def applied(e) -> bool:
        if isinstance(e, ConditionalDensity):
            return e.label == variable.name and len(e.targets) == 1 and not e.conditions
        return isinstance(e, AppliedUndef) and e.func.__name__ == variable.name and len(e.args) == 1

    if not hasattr(body, "replace"):
        return body

    def product(e):
        return variable * (e.targets[0] if isinstance(e, ConditionalDensity) else e.args[0])

    return body.replace(applied, product)
