"""Results of pure, costly functions of expressions remembered for the rest of the process.

The sizes of a matrix step, the links of a document and the documents of ``derive verify``
ask the same symbolic questions again and again (is this difference zero? is this matrix's
inverse …?). A function decorated with :func:`remembered` answers a question it has answered
before from memory. Only what a function computed in full is kept: nothing is stored when it
raised, when a time bound expired while it ran (SymPy may have caught the bound's exception and
returned what it had), or when it said its answer depends on where it was asked
(:func:`depends_on_the_call`, e.g. a recursion limit that a shallower call would not reach).

Example:
    >>> calls = []
    >>> @remembered()
    ... def square(x):
    ...     calls.append(x)
    ...     return x * x
    >>> square(3), square(3), calls
    (9, 9, [3])
"""

from __future__ import annotations

import functools
from collections import OrderedDict

from .timebound import expired

_unsure = [0]  # how often an answer said it depends on the call


def depends_on_the_call() -> None:
    """Say that the answer being computed depends on the call, not only on its arguments
    (then no :func:`remembered` function around it keeps it)."""
    _unsure[0] += 1


def remembered(maxsize: int = 2048, key=None):
    """Decorate a function of hashable arguments (or of arguments ``key`` makes hashable) so
    that its answers are remembered, the ``maxsize`` most recently used ones.

    Example:
        >>> @remembered(key=lambda d: tuple(d.items()))
        ... def total(d):
        ...     return sum(d.values())
        >>> total({"a": 1, "b": 2})
        3
    """

    def decorate(function):
        store: OrderedDict = OrderedDict()

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                found = key(*args, **kwargs) if key is not None else (args, *kwargs.items())
                hash(found)
            except TypeError:  # an argument that cannot be a key: computed, not remembered
                return function(*args, **kwargs)
            if found in store:
                store.move_to_end(found)
                return store[found]
            unsure = _unsure[0]
            answer = function(*args, **kwargs)
            if _unsure[0] == unsure and not expired():
                store[found] = answer
                if len(store) > maxsize:
                    store.popitem(last=False)
            return answer

        wrapper.forget = store.clear
        return wrapper

    return decorate
