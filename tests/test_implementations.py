"""Implementations: each plain Python function agrees with its derived formula, and renders
through our latexify-py wrapper as the mathematics it computes."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sympy import Dummy, ImmutableMatrix, MatrixSymbol, Rational

from derive import registry
from derive.core.checker import substitute
from derive.core.matrices import at_size
from derive.core.verify import process_definitions
from derive.render.implementation import function_latex, identifier

IMPLEMENTED = [
    (entry.name, notation)
    for entry in registry.entries()
    for _, notation in entry.documents()
    if registry.load(entry.name, notation).implementation is not None
]
SIZE = 3  # the dimension of the matrix implementations' inputs


def _value(argument, kind: str | None, rng: random.Random):
    """A random exact input: an SPD matrix, a vector, or a number in (0.05, 0.95)."""
    if isinstance(argument, MatrixSymbol):
        rows = [[Rational(rng.randint(-9, 9), 7) for _ in range(SIZE)] for _ in range(SIZE)]
        if argument.shape[1] != 1:  # L Lᵀ + I: symmetric positive definite
            low = ImmutableMatrix(rows)
            return low * low.T + ImmutableMatrix.eye(SIZE)
        return ImmutableMatrix([row[0] for row in rows])
    return Rational(rng.randint(5, 95), 100)


def _numeric(value):
    if isinstance(value, ImmutableMatrix):
        array = np.array(value.evalf(), dtype=float)
        return array[:, 0] if array.shape[1] == 1 else array
    return float(value)


@pytest.mark.parametrize("name, notation", IMPLEMENTED)
def test_the_function_computes_the_derived_results(name, notation):
    derivation = registry.load(name, notation)
    implementation = derivation.implementation
    definitions = {**process_definitions(derivation), **derivation.definitions}
    rng = random.Random(name)
    for _ in range(5):
        values, held = {}, {}
        for parameter, argument in implementation.arguments.items():
            values[parameter] = _value(argument, derivation.matrices.get(argument), rng)
            # Arguments that are not atoms (alphabar[t - 1]) are held from the definitions.
            held[argument] = argument if isinstance(argument, MatrixSymbol) else Dummy(parameter)
        mapping = {held[a]: values[p] for p, a in implementation.arguments.items()}
        matrices = [a for a in held if isinstance(a, MatrixSymbol)]
        dimension = {d: SIZE for a in matrices for d in a.shape if not d.is_Integer}
        outputs = implementation.function(**{p: _numeric(v) for p, v in values.items()})
        outputs = outputs if len(implementation.results) > 1 else (outputs,)
        for result, computed in zip(implementation.results, outputs, strict=True):
            expr = substitute(derivation.results[result].xreplace(held), definitions)
            exact = at_size(expr.xreplace(held), {**dimension, **mapping})
            assert not getattr(exact, "free_symbols", set()), (result, exact)
            expected = _numeric(exact) if isinstance(exact, ImmutableMatrix) else exact
            if isinstance(expected, ImmutableMatrix | list) or hasattr(expected, "shape"):
                expected = np.array(expected, dtype=float).reshape(np.shape(computed))
            else:
                expected = float(expected.evalf() if hasattr(expected, "evalf") else expected)
            assert np.allclose(computed, expected, rtol=1e-9, atol=1e-12), (result, computed)


def test_a_wrong_function_is_caught():
    """The comparison above can fail: a function off by a factor does not pass."""
    derivation = registry.load("kl")
    wrong = derivation.implementation.function(0.3, 0.5, 0.1, 0.7) * 1.01
    right = float(
        derivation.results["kl"].subs(
            {
                s: v
                for s, v in zip(
                    sorted(derivation.results["kl"].free_symbols, key=str),
                    (0.3, 0.1, 0.5, 0.7),
                    strict=True,
                )
            }
        )
    )
    assert not np.isclose(wrong, right)


@pytest.mark.parametrize(
    "name, latex",
    [
        ("mu_1", r"\mu_{1}"),
        ("Sigma_2", r"\Sigma_{2}"),
        ("sigma", r"\sigma"),
        ("x_t", r"x_{t}"),
        ("alpha_bar_t", r"\bar{\alpha}_{t}"),
        ("alpha_bar_prev", r"\bar{\alpha}_{t-1}"),
        ("Sigma_new", r"\Sigma_{\mathrm{new}}"),
        ("epsilon", r"\epsilon"),
    ],
)
def test_identifiers_print_as_mathematics(name, latex):
    assert identifier(name) == latex


def test_a_transpose_of_a_difference_keeps_its_parentheses():
    def quadratic(a, b, M):
        return (a - b).T @ M @ (a - b)

    tex = function_latex(quadratic)
    assert r"\left( a - b \mathclose{}\right)^{\top}" in tex
    assert "mathrm{mu" not in function_latex(registry.load("kl").implementation.function)


def test_the_multivariate_kl_implementation_renders_inverse_trace_and_determinant():
    tex = function_latex(registry.load("kl-multivariate").implementation.function)
    assert r"\Sigma_{2}^{-1}" in tex and r"\operatorname{tr}" in tex
    assert r"\det \mathopen{}\left( \Sigma_{2} \mathclose{}\right)" in tex
    assert r"\left( \mu_{2} - \mu_{1} \mathclose{}\right)^{\top}" in tex
