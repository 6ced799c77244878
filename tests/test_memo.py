"""Answers remembered per process (derive.core.memo): the same answer as computed afresh, and
nothing kept that was not computed in full (a time bound that expired, an answer that depends
on the call); the kernel's inverses and symbolic proofs through it."""

from __future__ import annotations

import time

import pytest
from sympy import (
    ImmutableMatrix,
    IndexedBase,
    Symbol,
    diag,
    exp,
    sqrt,
    symbols,
)
from sympy.matrices.exceptions import NonInvertibleMatrixError

from derive.core import symbolic
from derive.core.matrices import inverse
from derive.core.memo import depends_on_the_call, remembered
from derive.core.timebound import time_bound
from derive.errors import CheckTimeout


def test_an_answer_is_computed_once_per_argument():
    calls = []

    @remembered()
    def double(x):
        calls.append(x)
        return 2 * x

    assert [double(1), double(2), double(1), double(2)] == [2, 4, 2, 4]
    assert calls == [1, 2]


def test_only_the_most_recent_answers_are_kept():
    calls = []

    @remembered(maxsize=2)
    def same(x):
        calls.append(x)
        return x

    for x in (1, 2, 3, 1):
        same(x)
    assert calls == [1, 2, 3, 1]  # 1 was the oldest when 3 came


def test_an_answer_that_depends_on_the_call_is_not_kept():
    calls = []

    @remembered()
    def unsure(x):
        calls.append(x)
        depends_on_the_call()
        return x

    unsure(1), unsure(1)
    assert calls == [1, 1]


def test_an_answer_given_after_its_time_bound_expired_is_not_kept():
    calls = []

    @remembered()
    def swallowing(x):  # as SymPy code that catches every exception would
        calls.append(x)
        try:
            end = time.process_time() + 0.5
            while time.process_time() < end:
                pass
        except CheckTimeout:
            pass
        return "partial"

    with pytest.raises(CheckTimeout), time_bound(0.05):
        swallowing(1)
        while True:  # the expired bound fires again until its block ends
            pass
    assert swallowing(1) == "partial"
    assert calls == [1, 1]


def test_unhashable_arguments_are_computed_every_time():
    calls = []

    @remembered()
    def length(xs):
        calls.append(1)
        return len(xs)

    assert length([1, 2]) == length([1, 2]) == 2
    assert len(calls) == 2


def test_a_multiple_of_the_identity_inverts_as_sympy_inverts_it():
    beta, alpha = IndexedBase("beta"), IndexedBase("alpha")
    t = Symbol("t", integer=True)
    x = Symbol("x", real=True)
    s = Symbol("s", positive=True)
    entries = [
        (1 - beta[t]) / beta[t] - 1 / (alpha[t - 1] - 1),
        sqrt(1 - beta[t]) / beta[t],
        exp(x) + 1,
        s**2 * (1 - alpha[t]),
    ]
    for entry in entries:
        for n in (1, 2, 3):
            matrix = ImmutableMatrix(diag(*[entry] * n))
            assert inverse(matrix) == ImmutableMatrix(matrix.inv())


def test_other_matrices_invert_as_sympy_inverts_them():
    a, b, c = symbols("a b c", real=True)
    for matrix in (
        ImmutableMatrix([[a, b], [b, c]]),
        ImmutableMatrix(diag(a, b)),  # diagonal, but not a multiple of the identity
        ImmutableMatrix([[2, 1], [1, 1]]),
        ImmutableMatrix([[sqrt(a), 1], [0, exp(b)]]),
    ):
        assert inverse(matrix) == ImmutableMatrix(matrix.inv())


def test_a_singular_multiple_of_the_identity_is_refused_as_sympy_refuses_it():
    with pytest.raises(NonInvertibleMatrixError):
        inverse(ImmutableMatrix(diag(0, 0)))


def test_an_inverse_is_computed_once_per_matrix():
    beta = IndexedBase("beta")
    t = Symbol("t", integer=True)
    matrix = ImmutableMatrix(diag(*[sqrt(1 - beta[t]) + beta[t]] * 4))
    assert inverse(matrix) is inverse(matrix)


def test_remembered_proofs_are_the_proofs_computed_afresh():
    a, b = symbols("a b", positive=True)
    cases = [((a + b) ** 2, a**2 + 2 * a * b + b**2), (exp(a + b), exp(a) * exp(b)), (a, b)]
    for left, right in cases:
        first = symbolic.equal(left, right, {})
        symbolic.equal.forget()
        assert symbolic.equal(left, right, {}) == first
    assert symbolic.equal(a, b, {}) == ""  # a false identity stays unproved
