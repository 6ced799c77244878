"""Benchmarks of derive against importing SymPy and against the naive SymPy route.

Run from the repository root, with derive installed in the running interpreter:

    python bench/run.py            # writes bench/results/benchmarks.json and prints a table

Every figure is the median of several runs in fresh processes (slow ones: fewer runs), and is
also given as a ratio to ``python -c "import sympy"`` measured in the same run. Nothing here is
a test: the figures depend on the machine.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "benchmarks.json"
KL_CLAIM = (
    r"D_{KL}(\mathcal{N}(\mu_1,\sigma_1^2)\|\mathcal{N}(\mu_2,\sigma_2^2)) = \log\frac{\sigma_2}"
    r"{\sigma_1} + \frac{\sigma_1^2+(\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac{1}{2}"
)
DIMENSIONS = (1, 2, 4, 8, 16, 32)
NAIVE_TIMEOUT = 120.0

# The naive routes: what one would write with SymPy alone for the same results.
NAIVE = {
    "kl univariate: integrate the definition": """
from sympy import symbols, integrate, log, sqrt, pi, exp, oo, simplify
x, m1, m2 = symbols("x mu1 mu2", real=True)
s1, s2 = symbols("s1 s2", positive=True)
p = exp(-(x - m1)**2 / (2*s1**2)) / sqrt(2*pi*s1**2)
q = exp(-(x - m2)**2 / (2*s2**2)) / sqrt(2*pi*s2**2)
result = simplify(integrate(p * (log(p) - log(q)), (x, -oo, oo)))
expected = log(s2/s1) + (s1**2 + (m1 - m2)**2)/(2*s2**2) - 1/2
print("equal" if simplify(result - expected) == 0 else "unsimplified: " + str(result)[:80])
""",
    "cf of a sum: sympy.stats": """
from sympy import symbols, simplify, exp, I
from sympy.stats import Normal, characteristic_function
t = symbols("t", real=True)
mx, my = symbols("mu_x mu_y", real=True)
sx, sy = symbols("s_x s_y", positive=True)
X, Y = Normal("X", mx, sx), Normal("Y", my, sy)
phi = characteristic_function(X + Y)(t)
expected = exp(I*t*(mx + my) - (sx**2 + sy**2)*t**2/2)
print("equal" if simplify(phi - expected) == 0 else "unsimplified: " + str(phi)[:80])
""",
}
for n in (2, 3):
    NAIVE[f"kl multivariate n = {n}: integrate the definition"] = f"""
from sympy import Matrix, symbols, log, exp, pi, sqrt, integrate, oo, simplify, eye
n = {n}
x = Matrix(symbols("x0:{n}", real=True))
def spd(name):
    entries = symbols(f"{{name}}0:{{n * n}}", real=True)
    L = Matrix(n, n, lambda i, j: entries[i * n + j] if j <= i else 0)
    return L * L.T + eye(n)
def density(mean, cov):
    d = x - mean
    return exp(-(d.T * cov.inv() * d)[0] / 2) / sqrt((2 * pi) ** n * cov.det())
m1, m2 = Matrix(symbols("m0:{n}", real=True)), Matrix(symbols("k0:{n}", real=True))
p, q = density(m1, spd("a")), density(m2, spd("b"))
integrand = p * (log(p) - log(q))
for v in x:
    integrand = integrate(integrand, (v, -oo, oo))
print("closed form" if not integrand.has(integrate) else "unevaluated integral")
"""


def timed(command: list[str], env=None, timeout: float | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
        outcome = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        if done.returncode not in (0, 1) or (done.returncode and not outcome):
            error = done.stderr.strip().splitlines()
            outcome = "failed: " + (error[-1][:120] if error else f"exit {done.returncode}")
    except subprocess.TimeoutExpired:
        return float("nan"), f"timed out after {timeout:g} s"
    return time.perf_counter() - started, outcome


def median(command, runs: int, env=None) -> float:
    return statistics.median(timed(command, env)[0] for _ in range(runs))


def derive(*args: str) -> list[str]:
    return [sys.executable, "-m", "derive", *args]


def _finite(value):
    """The report with NaN (a run that timed out) written as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    return value


def main() -> None:
    cold = {**os.environ, "DERIVE_NO_CACHE": "1"}
    sympy = median([sys.executable, "-c", "import sympy"], 5)
    rows = {"import sympy": sympy}
    rows["derive --help"] = median(derive("--help"), 5)
    rows["derive list"] = median(derive("list"), 5)
    rows["derive kl (no cache)"] = median(derive("kl"), 3, cold)
    rows["derive check (univariate KL claim)"] = median(derive("check", KL_CLAIM), 3, cold)
    # Cold: each run with an empty cache of its own (the median of three); warm: the cache
    # the last cold run filled.
    colds = []
    for _ in range(3):
        env = {**os.environ, "DERIVE_CACHE_DIR": tempfile.mkdtemp(prefix="derive-bench-")}
        colds.append(timed(derive("verify"), env)[0])
    rows["derive verify (cold)"] = statistics.median(colds)
    rows["derive verify (warm)"] = median(derive("verify"), 3, env)
    scaling = {}
    for n in DIMENSIONS:
        scaling[n] = median(derive("kl", "--multivariate", "--dim", str(n)), 1, cold)
    big = [n for n in DIMENSIONS if n >= 4]
    xs, ys = [math.log(n) for n in big], [math.log(scaling[n]) for n in big]
    slope = statistics.linear_regression(xs, ys).slope
    naive = {}
    for name, code in NAIVE.items():
        seconds, outcome = timed([sys.executable, "-c", code], timeout=NAIVE_TIMEOUT)
        naive[name] = {"seconds": seconds, "outcome": outcome}
    ours = {
        "kl univariate: integrate the definition": rows["derive kl (no cache)"],
        "cf of a sum: sympy.stats": median(derive("sum"), 3, cold),
        # one run of `derive kl --multivariate` checks n = 1, 2 symbolically and 3, 4, 6 exactly
        "kl multivariate n = 2: integrate the definition": scaling[1],
        "kl multivariate n = 3: integrate the definition": scaling[1],
    }
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "seconds": rows,
        "ratio_to_import_sympy": {k: v / sympy for k, v in rows.items()},
        "dimension_scaling": {"seconds": scaling, "growth_exponent_n_ge_4": slope},
        "naive": {name: {**naive[name], "derive_seconds": ours[name]} for name in naive},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_finite(report), indent=2, sort_keys=True, allow_nan=False)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    print(f"{'measure':<44}{'seconds':>10}{'× sympy':>10}")
    for name, seconds in rows.items():
        print(f"{name:<44}{seconds:>10.2f}{seconds / sympy:>10.2f}")
    for n, seconds in scaling.items():
        print(f"{'kl --multivariate --dim ' + str(n):<44}{seconds:>10.2f}{seconds / sympy:>10.2f}")
    print(f"growth exponent in N (N ≥ 4): {slope:.2f}")
    for name, entry in report["naive"].items():
        print(
            f"naive {name}: {entry['seconds']:.2f} s ({entry['outcome']}); "
            f"derive: {entry['derive_seconds']:.2f} s"
        )


if __name__ == "__main__":
    main()
