"""The claim builder's rules for calculus: derivatives (d/dx, ∂/∂μ, d²/dx², ∇_x in one
dimension; ∇_x of a log-density or a quadratic form in n dimensions) and integrals (over an
interval, over ℝ). A mixin of :class:`derive.claims.build._Builder`.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\frac{d}{dx} x^3 = 3x^2").kind
    'holds'
"""

from __future__ import annotations

from sympy import Derivative, Integral, MatrixSymbol, Subs, Symbol, oo

from ..errors import UsageError


class CalculusRules:
    """Builder rules for derivatives and integrals (needs ``self.names`` and ``self._value``)."""

    def derivative_of(self, children):
        variable, body = self._variable(children[3]), children[-1]
        if isinstance(variable, MatrixSymbol):  # ∂/∂x of a vector x is the gradient ∇_x
            return self.gradient([None, variable, body])
        if isinstance(body, Subs) and body.variables == (variable,):
            # ∂/∂c [f(c)]_{c = a}: the derivative at a, not the derivative of f(a)
            return Subs(Derivative(body.expr, variable), variable, body.point[0])
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

    def derivative_of_ascii(self, children):
        return Derivative(children[-1], self._variable(children[0]))

    def gradient(self, children):
        variable, body = self._variable(children[1]), children[-1]
        if isinstance(variable, MatrixSymbol):
            from .gradients import vector_gradient

            gradient, covariances = vector_gradient(body, variable)
            self.spd |= covariances  # the law is gone from the claim, its covariance stays SPD
            self.names.note(
                f"∇_{variable.name}",
                "the gradient by matrix calculus, confirmed coordinate by coordinate at n = 2",
                "implied: ∇ with respect to a vector",
            )
            return gradient
        return Derivative(body, variable)

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
