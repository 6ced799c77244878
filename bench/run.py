"""Benchmarks of derive: every speed goal of issue #19 measured in one run.

Run from the repository root, with derive installed in the running interpreter:

    python bench/run.py             # every goal; writes bench/results/benchmarks.json
    python bench/run.py --quick     # one run of each, a sample of the claims, no --dim 64,
                                    # no naive routes, no test suite: that it works, in minutes
    python bench/table.py           # rewrites the README's benchmark table from the JSON

Every figure is the median of fresh processes (``--runs``; slow ones fewer) and is also given
as a ratio to ``python -c "import sympy"`` measured in the same run. The load average before and
after is recorded: on a shared machine the figures are noisy. Nothing here is a test: the
figures depend on the machine.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "benchmarks.json"
SEEDS = ROOT.parent / "shared" / "seeds"
# The claims corpus (tests/data/claims_corpus, #16) and the audited lines of the sources.
CORPUS = ("tests/data/claims_corpus/*.toml", "derivations/claims/*.toml")
KL_CLAIM = (
    r"D_{KL}(\mathcal{N}(\mu_1,\sigma_1^2)\|\mathcal{N}(\mu_2,\sigma_2^2)) = \log\frac{\sigma_2}"
    r"{\sigma_1} + \frac{\sigma_1^2+(\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac{1}{2}"
)
DIMENSIONS = (1, 2, 4, 8, 16, 32, 64)
CHECK_TIMEOUT = 60.0  # derive check's default time bound, per claim
NAIVE_TIMEOUT = 120.0

# The goals of #19: (measure, bound, unit), unit "s" (seconds) or "x" (× import sympy).
GOALS = {
    "derive --help": (0.3, "x"),
    "derive list": (0.3, "x"),
    "derive check, median over the corpus": (2.0, "x"),
    "derive verify, empty cache": (15.0, "s"),
    "derive verify --no-cache": (20.0, "s"),
    "derive verify, warm": (1.5, "s"),
    "slowest single document, --no-cache": (3.0, "s"),
    "derive all -o DIR, no PDFs, empty cache": (30.0, "s"),
    "derive proofread, slowest seed, cold": (20.0, "s"),
    "kl --multivariate --dim 32": (10.0, "s"),
    "kl --multivariate --dim 64": (60.0, "s"),
    "test suite, fast tier (-m 'not slow')": (180.0, "s"),
    "test suite, full": (1200.0, "s"),
}

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


def timed(command: list[str], env=None, timeout: float | None = None) -> tuple[float, str]:
    """Seconds a fresh process took, and its last line of output (or why it failed)."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT
        )
    except subprocess.TimeoutExpired:
        return float("nan"), f"timed out after {timeout:g} s"
    seconds = time.perf_counter() - started
    outcome = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode not in (0, 1, 3) or (done.returncode and not outcome):
        error = done.stderr.strip().splitlines()
        outcome = "failed: " + (error[-1][:120] if error else f"exit {done.returncode}")
    return seconds, outcome


def median(command, runs: int, env=None, timeout=None) -> float:
    return statistics.median(timed(command, env, timeout)[0] for _ in range(runs))


def warm_median(command, runs: int) -> float:
    """The median of ``runs`` fresh processes after one untimed run: a start-up figure without
    the first read of the files from disk (a cold first import of SymPy took 0.96 s where the
    next ones took 0.55 s on the same machine, and the ratios to it were flattered)."""
    timed(command)
    return median(command, runs)


def derive(*args: str) -> list[str]:
    return [sys.executable, "-m", "derive", *args]


def fresh_cache() -> dict:
    """An environment with an empty verification cache of its own."""
    return {**os.environ, "DERIVE_CACHE_DIR": tempfile.mkdtemp(prefix="derive-bench-")}


def no_cache() -> dict:
    return {**os.environ, "DERIVE_NO_CACHE": "1"}


def without_tex() -> dict:
    """An empty cache, and PATH without pdflatex (so `derive all` writes no PDFs)."""
    env = fresh_cache()
    tex = shutil.which("pdflatex")
    if tex:
        folder = str(Path(tex).parent)
        env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != folder)
    return env


def documents() -> list[tuple[str, list[str]]]:
    """Every document and the arguments that print it."""
    sys.path.insert(0, str(ROOT / "src"))
    from derive import registry

    return [
        (document, [e.name, *(["--notation", notation] if notation else [])])
        for e in registry.entries()
        for document, notation in e.documents()
    ]


def corpus() -> list[dict]:
    """The claims of the corpus files, each as the arguments of `derive check`."""
    claims = []
    for pattern in CORPUS:
        for path in sorted(glob.glob(str(ROOT / pattern))):
            for entry in tomllib.loads(Path(path).read_text(encoding="utf-8")).get("claim", []):
                args = ["check", entry["claim"]]
                for given in entry.get("given", []):
                    args += ["--given", given]
                if entry.get("wrt"):
                    args += ["--wrt", entry["wrt"]]
                if entry.get("notation"):
                    args += ["--notation", entry["notation"]]
                claims.append({"id": entry.get("id", ""), "args": args})
    return claims


def measure_checks(claims: list[dict], sample: int | None) -> dict:
    if sample is not None and len(claims) > sample:
        step = len(claims) / sample
        claims = [claims[int(i * step)] for i in range(sample)]
    seconds, slow = [], []
    for claim in claims:
        elapsed, outcome = timed(derive(*claim["args"]), timeout=CHECK_TIMEOUT + 30)
        seconds.append(elapsed)
        if not elapsed < CHECK_TIMEOUT or "time bound" in outcome:
            slow.append(claim["id"])
    finite = [s for s in seconds if not math.isnan(s)]
    return {
        "formulas": len(claims),
        "median": statistics.median(finite) if finite else float("nan"),
        "max": max(finite) if finite else float("nan"),
        "past_time_bound": slow,
    }


def measure_documents(runs: int) -> dict:
    found = {}
    for document, args in documents():
        found[document] = median(derive(*args, "--no-cache"), runs)
    return found


def measure_proofread(runs: int) -> dict:
    """Each seed document proofread cold (an empty cache), with its committed context file."""
    if timed(derive("proofread", "--help"))[1].startswith("failed") or not SEEDS.is_dir():
        return {}
    contexts = ROOT / "src" / "derive" / "proofread" / "seeds"
    found = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        context = contexts / f"{seed.stem}.toml"
        args = ["proofread", str(seed), *(["--context", str(context)] if context.exists() else [])]
        found[seed.name] = median(derive(*args), runs, fresh_cache())
    return found


def measure_suite() -> dict:
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    fast = timed([*pytest, "-m", "not slow"], timeout=3600)
    full = timed(pytest, timeout=7200)
    return {"fast": fast[0], "fast_outcome": fast[1], "full": full[0], "full_outcome": full[1]}


def _finite(value):
    """The report with NaN (a run that timed out) written as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each, a sample, minutes")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per measure")
    parser.add_argument("--no-suite", action="store_true", help="do not time the test suite")
    parser.add_argument("-o", "--out", default=str(RESULTS), help="the JSON report")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    started, load_before = time.time(), os.getloadavg()

    sympy = warm_median([sys.executable, "-c", "import sympy"], 2 * runs + 1)
    seconds: dict[str, float] = {"import sympy": sympy}
    seconds["derive --help"] = warm_median(derive("--help"), 2 * runs + 1)
    seconds["derive list"] = warm_median(derive("list"), 2 * runs + 1)
    seconds["derive check, univariate KL claim"] = median(derive("check", KL_CLAIM), runs)
    checks = measure_checks(corpus(), 20 if args.quick else None)
    seconds["derive check, median over the corpus"] = checks["median"]

    colds, warm_env = [], None
    for _ in range(runs):
        warm_env = fresh_cache()
        colds.append(timed(derive("verify"), warm_env)[0])
    seconds["derive verify, empty cache"] = statistics.median(colds)
    seconds["derive verify --no-cache"] = median(derive("verify", "--no-cache"), runs)
    seconds["derive verify, warm"] = median(derive("verify"), runs, warm_env)

    per_document = measure_documents(1 if args.quick else max(1, runs - 2))
    seconds["slowest single document, --no-cache"] = max(per_document.values())
    output = tempfile.mkdtemp(prefix="derive-bench-all-")
    seconds["derive all -o DIR, no PDFs, empty cache"] = median(
        derive("all", "-o", output), 1, without_tex()
    )
    proofread = measure_proofread(1)
    if proofread:
        seconds["derive proofread, slowest seed, cold"] = max(proofread.values())

    dimensions = [n for n in DIMENSIONS if not (args.quick and n > 32)]
    scaling = {}
    for n in dimensions:
        scaling[n] = median(derive("kl", "--multivariate", "--dim", str(n)), 1, no_cache())
        seconds[f"kl --multivariate --dim {n}"] = scaling[n]
    big = [n for n in dimensions if n >= 8]
    slope = statistics.linear_regression(
        [math.log(n) for n in big], [math.log(scaling[n]) for n in big]
    ).slope

    suite = {} if args.quick or args.no_suite else measure_suite()
    if suite:
        seconds["test suite, fast tier (-m 'not slow')"] = suite["fast"]
        seconds["test suite, full"] = suite["full"]
    naive = {}
    if not args.quick:
        ours = {
            "kl univariate: integrate the definition": median(derive("kl"), runs, no_cache()),
            "cf of a sum: sympy.stats": median(derive("sum"), runs, no_cache()),
        }
        for name, code in NAIVE.items():
            elapsed, outcome = timed([sys.executable, "-c", code], timeout=NAIVE_TIMEOUT)
            naive[name] = {"seconds": elapsed, "outcome": outcome, "derive_seconds": ours[name]}

    measures = []
    for name, value in seconds.items():
        ratio = value / sympy
        goal = GOALS.get(name)
        met = None
        if goal is not None and not math.isnan(value):
            met = (ratio if goal[1] == "x" else value) <= goal[0]
        measures.append({"name": name, "seconds": value, "ratio": ratio, "goal": goal, "met": met})
    unmeasured = [name for name in GOALS if name not in seconds]
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "minutes": round((time.time() - started) / 60, 1),
            "quick": args.quick,
            "runs": runs,
        },
        "measures": measures,
        "not_measured": unmeasured,
        "documents": per_document,
        "check_corpus": checks,
        "proofread": proofread,
        "dimension_scaling": {"seconds": scaling, "growth_exponent_n_ge_8": slope},
        "test_suite": suite,
        "naive": naive,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_finite(report), indent=2, sort_keys=True, allow_nan=False)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"{'measure':<48}{'seconds':>10}{'× sympy':>10}  goal")
    for m in measures:
        goal = "" if m["goal"] is None else f"≤ {m['goal'][0]:g} {m['goal'][1]}"
        verdict = {True: "met", False: "MISSED", None: ""}[m["met"]]
        print(f"{m['name']:<48}{m['seconds']:>10.2f}{m['ratio']:>10.2f}  {goal} {verdict}")
    print(f"growth exponent in N (N ≥ 8): {slope:.2f}; not measured: {', '.join(unmeasured)}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
