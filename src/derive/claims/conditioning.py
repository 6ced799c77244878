"""Conditional expectations of a linear-Gaussian model: ``E[a | b]`` and ``Var[a | b]`` when a
and b, written out with the givens' definitions, are affine in independent normal random
variables. Then (a, b) is jointly normal and a | b = v is normal with

    mean  E a + Cov(a, b) Var(b)⁻¹ (v − E b),    variance  Var a − Cov(a, b) Var(b)⁻¹ Cov(b, a)

(the Gaussian conditioning formula, Bishop, PRML (2006), eqs. 2.81-2.82). The value v of a
condition is the condition's own symbol as the claim writes it (E[y | x] is a function of x).
Anything else (a law that is not normal, a nonlinear definition) is left as written, and the
claim stays undecided.

Example:
    >>> from derive.claims import decide
    >>> decide(r"\\mathbb{E}[y \\mid x] = \\frac{x}{2}",
    ...        (r"y \\sim N(0, 1)", r"n \\sim N(0, 1)", r"x = y + n")).kind
    'holds'
"""

from __future__ import annotations

from sympy import Dummy, Function, Matrix, Rational, Symbol, diff, simplify

from ..gaussian import Expectation, Normal, RandomVariable


class GivenExpectation(Function):
    """``E[body | conditions]`` as written, until :func:`resolve` replaces it (args: body,
    then the conditions)."""

    nargs = None
    is_real = True

    @classmethod
    def eval(cls, *args):
        return None


class GivenVariance(Function):
    """``Var[body | conditions]`` as written, until :func:`resolve` replaces it."""

    nargs = None
    is_real = True

    @classmethod
    def eval(cls, *args):
        return None


def resolve(expr, variables: dict, definitions: dict):
    """``expr`` with every :class:`GivenExpectation` it can compute replaced by its value; the
    others are kept (and the claim is then undecided)."""
    if not hasattr(expr, "atoms"):
        return expr
    found = expr.atoms(GivenExpectation, GivenVariance)
    if not found:
        return expr
    values = {}
    for item in found:
        value = _conditional_moment(item, variables, definitions)
        if value is not None:
            values[item] = value
    return expr.xreplace(values)


def _conditional_moment(item, variables, definitions):
    body, *conditions = item.args
    law = _conditional_law(body, conditions, variables, definitions)
    if law is None:
        return None
    target, m, v = law
    if isinstance(item, GivenVariance):
        if body == target:
            return v
        mean = _conditional_moment(GivenExpectation(body, *conditions), variables, definitions)
        second = GivenExpectation(body**2, *conditions)
        return _conditional_moment(second, variables, definitions) - mean**2
    point = Dummy("u", real=True)
    if v == 0:
        return body.xreplace({target: m})
    if body == target:
        return m
    return Expectation(body.xreplace({target: point}), point, Normal(m, v))


def _conditional_law(body, conditions, variables, definitions):
    """(target, mean, variance) of the one random letter of ``body`` given ``conditions``."""
    laws = {v: law for v, law in variables.items() if isinstance(v, RandomVariable)}
    if not laws or any(not isinstance(law, Normal) for law in laws.values()):
        return None
    targets = [s for s in body.free_symbols if _random(s, laws, definitions)]
    if len(targets) != 1:
        return None
    # a condition that is not random (a fixed parameter x in q(z_s | z_t, x)) conditions nothing
    conditions = [c for c in conditions if _random(c, laws, definitions)]
    (target,) = targets
    affine = [_written_out(x, definitions) for x in (target, *conditions)]
    if any(a is None or not _is_affine(a, laws) for a in affine):
        return None
    a, *bs = affine
    if not bs:
        return target, simplify(_mean(a, laws)), simplify(_cov(a, a, laws))
    mean = [_mean(e, laws) for e in affine]
    cov_ab = Matrix([[_cov(a, b, laws) for b in bs]])
    cov_bb = Matrix([[_cov(b, c, laws) for c in bs] for b in bs])
    if cov_bb.det() == 0:
        return None
    gain = cov_ab * cov_bb.inv()
    offsets = Matrix([condition - m for condition, m in zip(conditions, mean[1:], strict=True)])
    m = simplify(mean[0] + (gain * offsets)[0])
    v = simplify(_cov(a, a, laws) - (gain * cov_ab.T)[0])
    return target, m, v


def posterior_parameters(density, law, variables: dict, definitions: dict) -> dict:
    """What a given ``q(a | b) = N(a; m, v)`` defines when a | b follows from the model: its
    mean m and variance v (or the standard deviation s of v = s²), where they are letters the
    model does not already define; {} otherwise.

    Example:
        >>> from sympy import Symbol
        >>> from derive.diffusion import ConditionalDensity
        >>> mu, z, m = RandomVariable("mu"), Symbol("z", real=True), Symbol("m", real=True)
        >>> e = RandomVariable("e")
        >>> laws = {mu: Normal(0, 1), e: Normal(0, 1)}
        >>> posterior_parameters(ConditionalDensity((mu,), (z,)), Normal(m, 3), laws,
        ...                      {z: mu + e})
        {}
    """
    (target,) = density.targets if len(density.targets) == 1 else (None,)
    if target is None:
        return {}
    found = _conditional_law(target, list(density.conditions), variables, definitions)
    if found is None:
        return {}
    _, m, v = found
    defined = {}
    if isinstance(law.mean, Symbol) and law.mean not in definitions and law.mean != target:
        defined[law.mean] = m
    variance = law.variance
    if isinstance(variance, Symbol) and variance not in definitions:
        defined[variance] = v
    elif variance.is_Pow and variance.exp == 2 and isinstance(variance.base, Symbol):
        if variance.base.is_positive and variance.base not in definitions:
            defined[variance.base] = v ** Rational(1, 2)
    if len(defined) < 2:
        return {}  # a parameter written as an expression: nothing is defined by halves
    return defined


def _random(symbol, laws, definitions) -> bool:
    if symbol in laws:
        return True
    value = definitions.get(symbol)
    return value is not None and any(s in laws for s in getattr(value, "free_symbols", ()))


def _written_out(expr, definitions, depth: int = 8):
    """``expr`` with the definitions substituted until none applies."""
    for _ in range(depth):
        keys = [k for k in definitions if isinstance(k, Symbol) and k in expr.free_symbols]
        if not keys:
            return expr
        expr = expr.xreplace({k: definitions[k] for k in keys})
    return None


def _is_affine(expr, laws) -> bool:
    rvs = [v for v in laws if v in expr.free_symbols]
    return all(simplify(diff(expr, u, w)) == 0 for u in rvs for w in rvs)


def _mean(expr, laws):
    return expr.xreplace({v: law.mean for v, law in laws.items()})


def _cov(a, b, laws):
    return sum(diff(a, v) * diff(b, v) * law.variance for v, law in laws.items())
