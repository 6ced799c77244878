"""The development corpus of claims from the field, and its truth decided without derive.

Each file ``tests/data/claims_corpus/*.toml`` is a list of ``[[claim]]`` tables in the format of
``derive check --file`` (``id``, ``claim``, ``given``, ``notation``, ``wrt``, ``source``) with
three keys of the corpus's own: ``truth`` (whether the formula is true, as its source states it
or as a slip of it), ``kind`` (a short category) and ``check``, a numeric test of the truth that
never touches derive, sympy or the LaTeX. ``heldout.toml`` is the held-out part.

The ``check`` table is a small language of its own:

- ``vars``: names drawn at random, in order, each an expression over the samplers
  ``real(lo, hi)``, ``integer(lo, hi)``, ``reals(n, lo, hi)``, ``vector(n)``, ``matrix(n[, m])``,
  ``spd(n)``, ``mixture(k)`` (a Gaussian mixture: a list of (weight, mean, variance)) and
  ``function()`` (one of several concrete functions), and the names drawn before it;
- ``let``: names computed, in order, from the ones before (lambdas are allowed);
- ``lhs`` and ``rhs``: the two values compared (numbers, lists, or numpy arrays);
- ``where`` (optional): a condition the drawn point must meet (redrawn until it does);
- ``points`` (default 6), ``dps`` (mpmath digits, default 20), ``tol`` (default 1e-9; a
  string such as ``"1e-3100"`` for tolerances below the range of floats):
  the claim is true at a point when |lhs − rhs| ≤ tol · max(1, |lhs|, |rhs|) elementwise.

Expectations, integrals and derivatives are computed from their definitions — quadrature
(:func:`E_normal`, :func:`quad`, Gauss–Hermite :func:`E_mvn`, exact for polynomials and
log-densities), numeric differentiation (:func:`diff`, :func:`grad`) — never from the closed form
a claim states. A true entry must agree at every point; a false entry must differ by more than
1000 · tol at some point (an entry between the two is neither, and fails its test).

The expressions are evaluated with Python's ``eval`` over an explicit namespace without
builtins, after an AST check that admits no attribute access, no dunder names and no
statements. That is acceptable here only because the corpus is the project's own test data,
never user input; derive itself never evaluates text as Python.

Example:
    >>> entry = {"id": "x", "claim": "a + b = b + a", "truth": True, "kind": "algebra",
    ...          "check": {"vars": {"a": "real(-1, 1)", "b": "real(-1, 1)"},
    ...                    "lhs": "a + b", "rhs": "b + a"}}
    >>> independent_truth(entry)
    True
"""

from __future__ import annotations

import ast
import functools
import random
import tomllib
import zlib
from pathlib import Path

import mpmath as mp
import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "claims_corpus"
HELDOUT = "heldout.toml"
KEYS = {"id", "claim", "given", "wrt", "notation", "source", "truth", "kind", "check"}
DERIVE_KEYS = ("id", "claim", "given", "wrt", "notation", "source")
CHECK_KEYS = {"vars", "let", "lhs", "rhs", "where", "points", "dps", "tol"}
_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Call,
    ast.Name, ast.Load, ast.Constant, ast.List, ast.Tuple, ast.Subscript, ast.Slice,
    ast.Lambda, ast.arguments, ast.arg, ast.GeneratorExp, ast.ListComp, ast.comprehension,
    ast.Store, ast.keyword, ast.operator, ast.unaryop, ast.boolop, ast.cmpop,
)  # fmt: skip


def load(name: str | None = None) -> list[dict]:
    """The entries of one corpus file, or of every file but the held-out one.

    Example:
        >>> len(load()) >= 170
        True
    """
    files = [DATA / name] if name else sorted(p for p in DATA.glob("*.toml") if p.name != HELDOUT)
    entries = []
    for path in files:
        for table in tomllib.loads(path.read_text(encoding="utf-8"))["claim"]:
            unknown = set(table) - KEYS
            if unknown:
                raise ValueError(f"{path.name} {table.get('id')}: unknown keys {sorted(unknown)}")
            entries.append({**table, "file": path.name})
    return entries


def derive_fields(entry: dict) -> dict:
    """The keys ``derive check --file`` reads (the corpus's own keys left out)."""
    return {k: entry[k] for k in DERIVE_KEYS if k in entry}


def discrepancy(entry: dict):
    """The largest relative difference of the check's two sides over its points (an mpmath
    number, so that differences below the range of floats survive)."""
    check = entry["check"]
    unknown = set(check) - CHECK_KEYS
    if unknown:
        raise ValueError(f"{entry['id']}: unknown check keys {sorted(unknown)}")
    seed = zlib.crc32(entry["id"].encode())
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    worst = mp.mpf(0)
    with mp.workdps(int(check.get("dps", 20))):
        for _ in range(int(check.get("points", 6))):
            space = _point(check, rng, nrng, entry["id"])
            lhs, rhs = _eval(check["lhs"], space), _eval(check["rhs"], space)
            worst = max(worst, _difference(lhs, rhs))
    return worst


def independent_truth(entry: dict) -> bool | None:
    """True when the check finds the sides equal, False when they clearly differ, None between."""
    check = entry["check"]
    tol = mp.mpf(str(check.get("tol", "1e-9")))
    with mp.workdps(int(check.get("dps", 20))):
        worst = discrepancy(entry)
    if worst <= tol:
        return True
    return False if worst > 1000 * tol else None


def _point(check: dict, rng: random.Random, nrng, name: str) -> dict:
    for _ in range(2000):
        space = {**NAMESPACE, **_samplers(rng, nrng)}
        for var, spec in check.get("vars", {}).items():
            space[var] = _eval(spec, space)
        for var, expr in check.get("let", {}).items():
            space[var] = _eval(expr, space)
        if "where" not in check or _eval(check["where"], space):
            return space
    raise ValueError(f"{name}: no point meets the condition {check['where']!r}")


def _eval(text: str, space: dict):
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"{text!r}: {type(node).__name__} is not in the check language")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise ValueError(f"{text!r}: names may not start with '_'")
    return eval(compile(tree, "<check>", "eval"), {"__builtins__": {}, **space})


def _difference(a, b):
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return mp.inf
        return max((_difference(x, y) for x, y in zip(a, b, strict=True)), default=mp.mpf(0))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a, dtype=complex), np.asarray(b, dtype=complex)
        if a.shape != b.shape:
            return mp.inf
        scale = max(1.0, float(np.max(np.abs(a), initial=0)), float(np.max(np.abs(b), initial=0)))
        return mp.mpf(float(np.max(np.abs(a - b), initial=0)) / scale)
    a, b = mp.mpmathify(a), mp.mpmathify(b)
    if not (mp.isfinite(a) and mp.isfinite(b)):
        return mp.mpf(0) if a == b else mp.inf
    return abs(a - b) / max(1, abs(a), abs(b))


# --- samplers ------------------------------------------------------------------------------


def _samplers(rng: random.Random, nrng) -> dict:
    def real(lo, hi):
        return mp.mpf(lo) + (mp.mpf(hi) - mp.mpf(lo)) * mp.mpf(rng.random())

    def integer(lo, hi):
        return rng.randint(int(lo), int(hi))

    def reals(n, lo, hi):
        return [real(lo, hi) for _ in range(int(n))]

    def vector(n):
        return nrng.normal(size=int(n))

    def matrix(n, m=None):
        return nrng.normal(size=(int(n), int(n if m is None else m)))

    def spd(n):
        a = nrng.normal(size=(int(n), int(n)))
        return a @ a.T + int(n) * 0.5 * np.eye(int(n))

    def mixture(k):
        weights = [mp.mpf(rng.random()) + mp.mpf("0.2") for _ in range(int(k))]
        total = sum(weights)
        return [(w / total, real(-2, 2), real("0.2", 1.5)) for w in weights]

    def function():
        return rng.choice(FUNCTIONS)

    return {name: f for name, f in locals().items() if callable(f)}


FUNCTIONS = (
    lambda x: x**2,
    lambda x: mp.sin(x),
    lambda x: mp.exp(x),
    lambda x: 2 * x + 1,
    lambda x: x**3 - x,
)


# --- the namespace ---------------------------------------------------------------------------


def normal_pdf(x, m, v):
    """The density of N(m, v) (v the variance) at x."""
    return mp.exp(-((x - m) ** 2) / (2 * v)) / mp.sqrt(2 * mp.pi * v)


def normal_logpdf(x, m, v):
    """log N(x; m, v) from its definition."""
    return -((x - m) ** 2) / (2 * v) - mp.log(2 * mp.pi * v) / 2


def quad(f, a=-mp.inf, b=mp.inf):
    """∫_a^b f, split at a few points so that peaks near the origin are not missed."""
    if a == -mp.inf and b == mp.inf:
        return mp.quad(f, [-mp.inf, -20, -6, -2, 0, 2, 6, 20, mp.inf])
    return mp.quad(f, [a, b])


def E_normal(f, m, v, order=60):
    """E[f(X)] for X ~ N(m, v), by Gauss–Hermite quadrature of the definition (exact for
    polynomials of degree < 2·order, accurate to about 1e-12 for smooth f)."""
    s = mp.sqrt(2 * mp.mpf(v))
    return sum(w * f(m + s * z) for z, w in _hermite(order)) / mp.sqrt(mp.pi)


@functools.lru_cache
def _hermite(order: int) -> tuple:
    """Gauss–Hermite nodes and weights (as Python floats; computing them is the slow part)."""
    z, w = np.polynomial.hermite.hermgauss(order)
    return tuple(zip(z.tolist(), w.tolist(), strict=True))


def moments(lik, m, v, order=150):
    """[mean, variance] of the law with density ∝ N(y; m, v) · lik(y) (a posterior from its
    prior N(m, v) and likelihood lik), by Gauss–Hermite quadrature on the prior (the
    likelihood evaluated once per node)."""
    s = mp.sqrt(2 * mp.mpf(v))
    nodes = [(w, m + s * z) for z, w in _hermite(order)]
    weights = [w * lik(y) for w, y in nodes]
    total = sum(weights)
    mean = sum(w * y for w, (_, y) in zip(weights, nodes, strict=True)) / total
    var = sum(w * (y - mean) ** 2 for w, (_, y) in zip(weights, nodes, strict=True)) / total
    return [mean, var]


def diff(f, x, n=1):
    """The n-th derivative of f at x (mpmath's numeric differentiation)."""
    return mp.diff(f, x, n)


def mixture_pdf(x, mix):
    """The density of a Gaussian mixture [(w, m, v), ...] at x."""
    return sum(w * normal_pdf(x, m, v) for w, m, v in mix)


def mvn_logpdf(x, mu, sigma):
    """log N(x; μ, Σ) from its definition."""
    d = np.asarray(x, float) - np.asarray(mu, float)
    n = d.shape[0]
    sign, logdet = np.linalg.slogdet(sigma)
    return -0.5 * (n * np.log(2 * np.pi) + logdet + d @ np.linalg.solve(sigma, d))


def mvn_pdf(x, mu, sigma):
    """N(x; μ, Σ)."""
    return float(np.exp(mvn_logpdf(x, mu, sigma)))


def E_mvn(f, mu, sigma, order=8):
    """E[f(x)] for x ~ N(μ, Σ) by tensor Gauss–Hermite quadrature (exact for polynomials of
    degree < 2·order); dimensions up to 3."""
    mu = np.asarray(mu, float)
    n = mu.shape[0]
    z, w = np.polynomial.hermite.hermgauss(order)
    chol = np.linalg.cholesky(sigma)
    grids = np.meshgrid(*([z] * n), indexing="ij")
    weights = np.prod(np.meshgrid(*([w] * n), indexing="ij"), axis=0).ravel()
    nodes = np.stack([g.ravel() for g in grids], axis=1) * np.sqrt(2)
    total = None
    for node, weight in zip(nodes, weights, strict=True):
        value = np.asarray(f(mu + chol @ node), dtype=float) * weight
        total = value if total is None else total + value
    return total / np.pi ** (n / 2)


def grad(f, x, h=1e-5):
    """The gradient of f at the vector x by central differences."""
    x = np.asarray(x, float)
    out = np.zeros_like(x)
    for i in range(x.shape[0]):
        e = np.zeros_like(x)
        e[i] = h
        out[i] = (f(x + e) - f(x - e)) / (2 * h)
    return out


def gaussian_moments(logf, n, h=1e-2):
    """[mean, covariance] of the Gaussian whose log-density (up to a constant) is logf on R^n,
    by one Newton step from the origin with a central-difference gradient and Hessian (exact
    for a quadratic up to rounding). Conditionals and posteriors are read off the joint density
    this way, without their closed forms."""
    zero, basis = np.zeros(n), np.eye(n) * h
    g = np.array([(logf(basis[i]) - logf(-basis[i])) / (2 * h) for i in range(n)])
    hess = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            hess[i, j] = (
                logf(basis[i] + basis[j])
                - logf(basis[i] - basis[j])
                - logf(basis[j] - basis[i])
                + logf(-basis[i] - basis[j])
            ) / (4 * h * h)
    cov = -np.linalg.inv(hess)
    return [zero + cov @ g, cov]


def blockdiag(*blocks):
    """The block-diagonal matrix of the given square blocks."""
    n = sum(b.shape[0] for b in blocks)
    out, k = np.zeros((n, n)), 0
    for b in blocks:
        m = b.shape[0]
        out[k : k + m, k : k + m] = b
        k += m
    return out


def cumprod(values):
    """The running products of a list."""
    out, acc = [], mp.mpf(1)
    for v in values:
        acc = acc * v
        out.append(acc)
    return out


def prod(values):
    """The product of a list."""
    acc = mp.mpf(1)
    for v in values:
        acc = acc * v
    return acc


def sigmoid(x):
    """1 / (1 + e^{−x})."""
    return 1 / (1 + mp.exp(-x))


NAMESPACE = {
    "sqrt": mp.sqrt, "exp": mp.exp, "log": mp.log, "sin": mp.sin, "cos": mp.cos,
    "tan": mp.tan, "tanh": mp.tanh, "atan": mp.atan, "acos": mp.acos, "erf": mp.erf,
    "pi": mp.pi, "inf": mp.inf, "mpf": mp.mpf, "abs": abs, "min": min, "max": max,
    "sum": sum, "range": range, "len": len, "float": float, "list": list, "zip": zip,
    "sigmoid": sigmoid, "softplus": lambda x: mp.log(1 + mp.exp(x)), "prod": prod,
    "cumprod": cumprod, "quad": quad, "E_normal": E_normal, "moments": moments, "diff": diff,
    "normal_pdf": normal_pdf, "normal_logpdf": normal_logpdf, "mixture_pdf": mixture_pdf,
    "mvn_pdf": mvn_pdf, "mvn_logpdf": mvn_logpdf, "E_mvn": E_mvn, "grad": grad,
    "inv": np.linalg.inv, "det": np.linalg.det, "tr": np.trace, "T": np.transpose,
    "eye": np.eye, "outer": np.outer, "dot": np.dot, "npsum": np.sum, "nplog": np.log,
    "npexp": np.exp, "npsqrt": np.sqrt, "diag": np.diag, "zeros": np.zeros,
    "logdet": lambda a: np.linalg.slogdet(a)[1], "gaussian_moments": gaussian_moments,
    "blockdiag": blockdiag, "concat": np.concatenate, "mpquad": mp.quad, "kron": np.kron,
    "array": np.array, "digamma": mp.digamma, "gammaf": mp.gamma,
}  # fmt: skip
