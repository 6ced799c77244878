r"""Gradients that matrix calculus does not read — of a norm, a trace, a determinant, bᵀXᵀXc,
with respect to a vector or a matrix — taken entry by entry once the sizes are explicit.

:class:`EntrywiseGradient` is ∇_X f (the matrix of ∂f/∂X_ij, the layout of the Matrix
Cookbook §2) left unevaluated while the sizes are symbolic. The checker compares matrix claims at
explicit sizes with the matrices' entries as symbols (:mod:`derive.core.matrices`); there the
gradient is the exact derivative of f's explicit form by each entry of X. X stays symbolic at
every size (it is bound by the gradient), so the verdict is "holds at sizes", never a proof for
every n.

Example:
    >>> from derive.claims import decide
    >>> shape = (r"X, B \in \mathbb{R}^{n \times n}",)
    >>> decide(r"\nabla_{X} \operatorname{tr}(XB) = B^T", shape).kind
    'holds at sizes'
    >>> decide(r"\nabla_{X} \operatorname{tr}(XB) = B", shape).kind
    'fails'
"""

from __future__ import annotations

from sympy import Basic, ImmutableMatrix, MatrixBase, MatrixExpr, diff, sympify

from ..core.plugins import register


class EntrywiseGradient(MatrixExpr):
    """∇_X body for a scalar ``body`` and a vector or matrix ``X``, of X's shape."""

    def __new__(cls, body, variable):
        return Basic.__new__(cls, sympify(body), variable)

    @property
    def body(self):
        return self.args[0]

    @property
    def variable(self):
        return self.args[1]

    @property
    def shape(self):
        return self.variable.shape

    def _entry(self, i, j, **kwargs):
        raise NotImplementedError("an entrywise gradient has entries at explicit sizes only")

    def doit(self, **hints):
        """The gradient itself once X and the body are explicit, else unchanged."""
        x, body = self.variable, self.body
        if not isinstance(x, MatrixBase):
            return self
        if isinstance(body, MatrixBase):
            if body.shape != (1, 1):
                return self
            body = body[0, 0]
        body = body.doit(**hints) if hasattr(body, "doit") else body
        if isinstance(body, MatrixBase) and body.shape == (1, 1):
            body = body[0, 0]
        if body.has(MatrixExpr):
            return self
        return ImmutableMatrix(x.rows, x.cols, lambda i, j: diff(body, x[i, j]))

    def _derive_text(self, printer):
        return f"∇_{printer._print(self.variable)}({printer._print(self.body)})"

    def _latex(self, printer):
        variable, body = printer._print(self.variable), printer._print(self.body)
        return rf"\nabla_{{{variable}}}\left({body}\right)"


def bound(expr) -> set:
    """The variables the entrywise gradients in ``expr`` differentiate by (symbolic at every
    size: a derivative needs them as symbols)."""
    return {g.variable for g in expr.atoms(EntrywiseGradient)}


register("binders", bound)
