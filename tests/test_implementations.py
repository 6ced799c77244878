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


def _value(argument, rng: random.Random):
    """A random exact input: an SPD matrix, a vector, or a number in (0.05, 0.95)."""
    if isinstance(argument, MatrixSymbol):
        rows = [[Rational(rng.randint(-9, 9), 7) for _ in range(SIZE)] for _ in range(SIZE)]
        if argument.shape[1] != 1:  # L Lᵀ + I: symmetric positive definite
            low = ImmutableMatrix(rows)
            return low * low.T + ImmutableMatrix.eye(SIZE)
        return ImmutableMatrix([row[0] for row in rows])
    return Rational(rng.randint(5, 95), 100)


def _numeric(value):
    """A float, or a numpy array (vectors flat, as the implementations take them)."""
    if isinstance(value, ImmutableMatrix):
        array = np.array(value.evalf(), dtype=float)
        return array[:, 0] if array.shape[1] == 1 else array
    return float(value.evalf())


def _agrees(derivation, function, points: int = 5) -> bool:
    """Whether ``function`` computes the derivation's implemented results at random exact
    points (the derived formula evaluated exactly, at size 3 for matrices)."""
    implementation = derivation.implementation
    definitions = {**process_definitions(derivation), **derivation.definitions}
    rng = random.Random(derivation.name)
    for _ in range(points):
        values = {p: _value(a, rng) for p, a in implementation.arguments.items()}
        # Arguments that are not atoms (alphabar[t - 1]) are held from the definitions.
        held = {
            a: a if isinstance(a, MatrixSymbol) else Dummy(p)
            for p, a in implementation.arguments.items()
        }
        mapping = {held[a]: values[p] for p, a in implementation.arguments.items()}
        matrices = [a for a in held if isinstance(a, MatrixSymbol)]
        dimension = {d: SIZE for a in matrices for d in a.shape if not d.is_Integer}
        outputs = function(**{p: _numeric(v) for p, v in values.items()})
        outputs = outputs if len(implementation.results) > 1 else (outputs,)
        for result, computed in zip(implementation.results, outputs, strict=True):
            expr = substitute(derivation.results[result].xreplace(held), definitions)
            exact = at_size(expr.xreplace(held), {**dimension, **mapping})
            assert not exact.free_symbols, (result, exact)
            expected = np.reshape(_numeric(exact), np.shape(computed))
            if not np.allclose(computed, expected, rtol=1e-9, atol=1e-12):
                return False
    return True


@pytest.mark.parametrize("name, notation", IMPLEMENTED)
def test_the_function_computes_the_derived_results(name, notation):
    derivation = registry.load(name, notation)
    assert _agrees(derivation, derivation.implementation.function)


@pytest.mark.parametrize("name, notation", IMPLEMENTED)
def test_a_function_off_by_one_percent_is_caught(name, notation):
    derivation = registry.load(name, notation)
    function = derivation.implementation.function

    def off(**arguments):
        outputs = function(**arguments)
        if isinstance(outputs, tuple):
            return (outputs[0] * 1.01, *outputs[1:])
        return outputs * 1.01

    assert not _agrees(derivation, off)


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


def test_without_latexify_the_documents_are_the_same_and_function_latex_says_what_to_install(
    monkeypatch,
):
    """latexify-py is optional (the ``plots`` extra): no document uses it."""
    import sys

    from derive.core import verify
    from derive.errors import DeriveError
    from derive.render import render

    report = verify(registry.load("kl"))
    with_it = {fmt: render(report, fmt) for fmt in ("md", "tex", "html")}
    monkeypatch.setitem(sys.modules, "latexify", None)  # import latexify now fails
    with pytest.raises(DeriveError, match=r"pip install 'derive\[plots\]'"):
        function_latex(registry.load("kl").implementation.function)
    assert {fmt: render(report, fmt) for fmt in with_it} == with_it
    assert "**Implementation.**" in with_it["md"]  # the code is shown all the same
