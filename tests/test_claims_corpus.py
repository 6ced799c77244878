"""The development corpus of claims from the field (issue #16): every entry's truth is checked
without derive, then derive decides every entry and is held to two hard properties — no false
entry holds (in any of its forms), no true entry fails — and to a floor on the fraction it
decides right. ``pytest -s`` prints the score per kind.

Entries that derive decides unsoundly today are listed in :data:`KNOWN_UNSOUND` with the reason;
each is a strict xfail, so that the fix is noticed (and the entry is then removed from the list).
"""

from __future__ import annotations

import collections
import functools
import os

import pytest
from claims_corpus import HELDOUT, derive_fields, independent_truth, load

from derive.core.config import DEFAULT

# The fraction of entries derive decides right (a true entry holds, a false one fails), rounded
# down from what derive reaches on this branch; raised as the claim language grows (goal 0.9).
# Reached in session 6: 232/305 = 0.761 and 18/42 = 0.429. Session 7 (38 held-out entries from
# new sources added, written before derive ran on them; 10 development entries): 253/315 = 0.803
# and 72/80 = 0.900 (the first 42: 34; the new 38: 38), with the entries that met the 20 s time
# bound on a machine at load 8 decided again at load 4. On a loaded machine a dozen entries end
# at the bound (0.749 and 0.800 were measured at load 8): the time bound is wall-clock, so the
# floors are what a loaded machine reaches (CI runs the suite on two workers), not the best run.
# Session 8 (36 held-out entries from new sources added, written before derive ran on them:
# Bishop & Bishop 2024 ch. 20, GPML ch. 2 / A.6, Särkkä 2013, Särkkä & Solin 2019, Lipman et
# al. 2023, Albergo & Vanden-Eijnden 2023, Hoogeboom et al. 2023): held-out 72/80 before them,
# 92/116 with them before this session's fixes; after, at load 6-8 (a shared 2-core machine),
# 280/315 = 0.889 and 107/116 = 0.922. The floors are those rounded down, less a margin of a
# few entries for the claims that end at the bound. Since session 8 the bound counts CPU time
# (core/timebound.py), so load no longer decides which entries reach it; the margin stays for
# CPU speeds of other machines.
# Session 9 (measured at load 8-11 on this shared 2-core machine, a copy of this test's scoring
# in fresh processes): before, development 281/315 = 0.892 (held-out as session 8: 107/116);
# after (a counterexample must meet the givens' constraints, arbitrary laws tried with a normal
# instance, claimed laws compared, x_0 no member of x_t's definition; 12 new entries), 300/327
# = 0.917 (the 315 of before: 289/315 = 0.917) and 108/116 = 0.931, no entry unsound. The
# floors are those rounded down to two digits.
DECIDED_RIGHT_FLOOR = 0.91
HELDOUT_DECIDED_RIGHT_FLOOR = 0.93
# The session-9 held-out set (heldout9.toml, 99 entries, 50 true and 49 slips, from equations no
# other file uses), written and committed (01e0b24) before derive ran on it, then decided once
# on this branch (the decide() call of _decision below, the 20 s CPU bound, at load 6):
# 85/99 = 0.859 decided right; no false entry holds; three true entries failed (fixed since:
# see KNOWN_UNSOUND); 4 not read, 7 undecided. Three of the 85 were slips that "failed" for a
# wrong reason (a derivative of a defined letter read as 0, a default reading of u as a number,
# the 0 blocks). The floor is the measured share less three entries.
HELDOUT9 = "heldout9.toml"
HELDOUT9_DECIDED_RIGHT_FLOOR = 0.83
# The session-10 held-out set (heldout10.toml, 92 entries, 46 true and 46 slips, from equations no
# other file uses), written and committed (8336130) before derive ran on it, then decided once
# on this branch (the decide() call of _decision below, the 20 s CPU bound, in two fresh processes
# at load 2-3): 30/92 = 0.326 decided right (13 of 46 true entries hold, 17 of 46 slips fail); no
# false entry holds; four true entries fail (see KNOWN_UNSOUND); 46 not read, 12 undecided, no
# crash. Not read, by cause: \infty in integral limits, \otimes, \partial by a matrix or of a
# non-quadratic form, conditional laws other than normal (Poisson, Bin) and normal ones with a
# matrix-vector mean, shapes D × M beside a same-named matrix M, f(t)|_{t=ε},
# E[· | X_t = x], diag(σ²), a domain for γ(t). Three of the 17 slips "failed" for a wrong reason
# (β read as a vector; p(t) of a declared t instantiated as an arbitrary function; the given s_t
# not applied to s_T). The floor is the measured share less three entries, rounded down.
HELDOUT10 = "heldout10.toml"
HELDOUT10_DECIDED_RIGHT_FLOOR = 0.29
# The session-11 held-out set (heldout11.toml, 100 entries, 50 true and 50 slips, from equations
# no other file uses), written and committed (1718ebe) before derive ran on it, then decided once
# on this branch (the decide() call of _decision below, the 20 s CPU bound, one fresh process at
# load 2): 45/100 = 0.45 decided right (21 of 50 true entries hold, 24 of 50 slips fail); no false
# entry holds; three true entries fail (see KNOWN_UNSOUND); 36 not read, 16 undecided, no crash.
# Not read, by cause: ∂/∂X of a trace, ∂ of a norm or of bᵀXᵀXc, ∂/∂σ², a domain declared for
# β(t) or SNR(t), tuples x = (x_1, x_2) in givens, \int_{-\infty}^{\infty}, \Big|_{h=0},
# E_{p(x)} under a density, D_KL of a conditional density, x_{t_n} subscripts, a conditional law
# claimed, dλ/dt of a defined λ(t) and Var[qᵀk/√d] (the construct 'mul'), I beside A ∈ ℝ^{2×2}.
# Undecided: constraints among several symbols (α² + σ² = 1, u_iᵀu_j = I_ij), Gam laws,
# I(x_0; x_t) undefined, an inverted bmatrix. Three of the 24 slips "failed" for a wrong reason
# (the same three readings as the unsound entries). The floor is the measured share less three
# entries, rounded down.
HELDOUT11 = "heldout11.toml"
HELDOUT11_DECIDED_RIGHT_FLOOR = 0.42
# The session-12 held-out set (heldout12.toml, 100 entries, 50 true and 50 slips, from equations
# no other file uses: 60 from diffusion papers, code and blogs, 20 PRML/Murphy, 20 Matrix
# Cookbook), written and committed (7df4e15) before derive ran on it, then decided once on this
# branch (the decide() call of _decision below, the 20 s CPU bound, one fresh process at load 4):
# 43/100 = 0.43 decided right (19 of 50 true entries hold, 24 of 50 slips fail); no false entry
# holds; six true entries fail (see KNOWN_UNSOUND); 33 not read, 18 undecided, no crash. Not read,
# by cause: tuples x = (x_1, x_2) in givens (6), ∂/∂X of a trace and ∂/∂x of Y⁻¹ or det Y (10),
# sums αI + βΦᵀΦ or A + BBᵀ of sizes n and 2 (6), a prime on SNR(t), E_{x ~ p_{0t}(x | x_0)},
# a domain for β(s), p(x | y) ∝ …, (vᵀs)² and (x − m)ᵀΣ(x − m) (the construct 'mul').
# Undecided: the 20 s bound (∫ logit-normal, ∫ von Mises), D(x; σ) and p_Y(y) not taken as
# defined, E[·] with a density or a conditional mean as the only law (Laplace, binomial), Beta
# laws, Var‖x‖², DPM-Solver's t_λ. Six of the 24 slips "failed" for a wrong reason (the same
# readings as the unsound entries). The floor is the measured share less three entries.
HELDOUT12 = "heldout12.toml"
HELDOUT12_DECIDED_RIGHT_FLOOR = 0.40
# The session-13 held-out set (heldout13.toml, 100 entries, 50 true and 50 slips, from equations
# no other file uses: 60 from diffusion papers and code, 20 textbook Gaussian facts, 20 Matrix
# Cookbook), written and committed (507eebc) before derive ran on it, then decided once on this
# branch (/work/scratch/one.py: the decide() call of _decision below, the 20 s bound, one fresh
# process at load 3-4; bench/results/heldout13_first.txt): 65/100 decided right (31 of 50 true
# entries hold, 34 of 50 slips fail); no false entry holds; one true entry failed (fixed since:
# see KNOWN_UNSOUND); 24 not read, 10 undecided, no crash. Not read, by cause: \otimes (4),
# vector givens with I beside x ∈ ℝ² ("a sum of a matrix and a number", 4), a prime on a
# subscripted letter in a given (x^{\prime}_{i+1}), a conditional law as the claim, SNR(t) and
# SNR(s) defined by two givens ("contradict each other"), E[X | X > a], H[e^X], W_2²(·, ·),
# ‖X‖_F, a domain for det(A + xB). Undecided: an unknown ε_θ^{(t)}(x_t) met linearly, a finite
# integral of a normal density against erf, an inequality (β̃_t ≤ β_t), Gam under ∫ dη, Φ defined
# by erf inside ∫ (GeneratorsError), E‖x‖ in ℝ², a constraint among several symbols (ρ₁ + ρ₂ = 1).
# One of the 34 slips "failed" for a wrong reason (the primed letter of the unsound entry). The
# floor is the measured share less three entries.
HELDOUT13 = "heldout13.toml"
HELDOUT13_DECIDED_RIGHT_FLOOR = 0.62
# Seconds for one claim (derive's own time bound) and the share of the main set that must be
# true, false and the smallest sizes of the two sets (issue #16: ≥ 150, at least a third false).
TIMEOUT = DEFAULT.harness_timeout
MIN_MAIN, MIN_HELDOUT, MIN_FALSE_SHARE = 170, 40, 1 / 3

KNOWN_UNSOUND: dict[str, str] = {
    # Fixed since the corpus was built (kept here as a record, no longer xfail): f(x + y) read as a
    # product; an unbound sum index i; (−1)^{2t} under ddpm; √(a²) = a from a variance; Σ_ab
    # symmetric by its letter; sizes tuned to a polynomial's roots; X − X ~ N(0, 0) crashing;
    # E[1/X] = 0; β̃₁ = 0; d/dx read as a fraction (twice); \log 2\pi read as π·log 2; the
    # Matrix Cookbook §8.1.8 product refuted (its given m_c read as a number, the claim's m_c a
    # vector); an order a < b between two letters ignored by the sampler. Found and fixed in
    # session 7 (not in the corpus, now attacks in test_claims_soundness.py): Σ_{n=1}^N x_n = N x_n
    # held (x_n read as one number); a sum's limit N with a declared range N ≥ 2 sampled at
    # non-integers (a true claim failed); ∂/∂x xᵀAx read as ∂/∂x xᵀx (the middle factor dropped)
    # and ∂/∂c [f(c)]_{c=a} as ∂/∂c f(a), both on the way, before any commit. Found in session
    # 8 by the new held-out entries and fixed (attacks in test_claims_soundness.py): d/dz_t read
    # as a fraction; p(y) of a declared y refuted as an arbitrary p; d/dx log Σ_k π_k N(x; m_k)
    # read with k outside its sum (a false claim held); E[x] = μ of a normal vector and
    # Λ_aa⁻¹ = Σ_aa − Σ_abΣ_bb⁻¹Σ_ba failed (x read as a constant, blocks as unrelated matrices).
    # Found in session 9 by heldout9.toml and fixed (tests/test_claims_guesses.py): d/dφ z_φ of a
    # letter a given defines read as 0 (and d/dt x_t = 0 held); u in A + uvᵀ read as a number by
    # default made the determinant lemma fail; \mathbf{0} blocks made PRML 2.76-2.77 fail.
    # Found in session 10 by heldout10.toml and fixed (tests/test_claims_guesses.py): a letter
    # declared a number (β > 0) read as a vector of a law's mean; a claim about a declared random
    # vector read one coordinate at a time (x − μ "a sum of a matrix and a number"); a definition
    # s_t = f(ᾱ_t) not applied to s_1; p(t) of a t declared by its conditional law refuted as an
    # arbitrary p (now its marginal density where t is affine in declared normals, else undecided).
    # Found in session 11 by heldout11.toml and fixed in session 12 (tests/test_claims_guesses.py):
    # \operatorname{erf} read as an unknown function (refuted with erf = exp); Leibniz's
    # dᾱ(t)/dt read as the fraction ᾱ(t)/t; A read as n × n beside x ∈ ℝ², then "not
    # well-formed" given as fails (now undecided, saying to declare A's size).
    # Found in session 12 by heldout12.toml and fixed (tests/test_claims_guesses.py): the given
    # α_s² = v not applied to α_s⁻²; ∇_x log p(x_{i+1}) read as 0 (now not read, saying to
    # write ∇_{x_{i+1}}); g(t) = √(dσ(t)²/dt) and −dt/dλ (Leibniz read as fractions); σ_t′,
    # μ_t′ fresh letters beside d/dt ψ_t(x); E[xxᵀAxxᵀ] with x ~ N(0, Σ) taken with x constant.
    # Found in session 13 by heldout13.toml and fixed (tests/test_claims_guesses.py): λ_t′ beside
    # a given λ_t = 2 log((1 − t)/t) read as a fresh letter (SD3's −½w_tλ′_t = 1/(1 − t)² failed
    # at λ_t′ = 1); now the derivative of the definition (routes.primes_of_defined).
}

MAIN = [
    e for e in load() if e["file"] not in (HELDOUT9, HELDOUT10, HELDOUT11, HELDOUT12, HELDOUT13)
]
HELD = load(HELDOUT)
HELD9 = load(HELDOUT9)
HELD10 = load(HELDOUT10)
HELD11 = load(HELDOUT11)
HELD12 = load(HELDOUT12)
HELD13 = load(HELDOUT13)
ENTRIES = MAIN + HELD + HELD9 + HELD10 + HELD11 + HELD12 + HELD13


def _param(entry: dict, unsound: bool = False):
    marks = ()
    if unsound and entry["id"] in KNOWN_UNSOUND:
        marks = pytest.mark.xfail(strict=True, reason=KNOWN_UNSOUND[entry["id"]])
    return pytest.param(entry, id=entry["id"], marks=marks)


# --- the corpus itself -----------------------------------------------------------------------


def test_corpus_shape():
    """Enough entries, a third false, unique ids, held-out claims distinct from the main ones,
    every entry with a source, a kind and a check."""
    assert len(MAIN) >= MIN_MAIN and len(HELD) >= MIN_HELDOUT and len(HELD9) >= 80
    assert len(HELD10) >= 90 and len(HELD11) >= 90 and len(HELD12) >= 100 and len(HELD13) >= 100
    for part in (MAIN, HELD, HELD9, HELD10, HELD11, HELD12, HELD13):
        false = sum(not e["truth"] for e in part)
        assert false >= MIN_FALSE_SHARE * len(part), (false, len(part))
        assert sum(e["truth"] for e in part) >= MIN_FALSE_SHARE * len(part)
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids)), collections.Counter(ids).most_common(3)
    assert not {e["claim"] for e in HELD} & {e["claim"] for e in MAIN}
    assert not {e["claim"] for e in HELD9} & {e["claim"] for e in MAIN + HELD}
    assert not {e["claim"] for e in HELD10} & {e["claim"] for e in MAIN + HELD + HELD9}
    assert not {e["claim"] for e in HELD11} & {e["claim"] for e in MAIN + HELD + HELD9 + HELD10}
    earlier = MAIN + HELD + HELD9 + HELD10 + HELD11
    assert not {e["claim"] for e in HELD12} & {e["claim"] for e in earlier}
    assert not {e["claim"] for e in HELD13} & {e["claim"] for e in earlier + HELD12}
    assert set(KNOWN_UNSOUND) <= set(ids), set(KNOWN_UNSOUND) - set(ids)
    for e in ENTRIES:
        assert isinstance(e["truth"], bool), e["id"]
        assert e["source"].strip() and e["kind"].strip() and e["check"]["lhs"], e["id"]
        assert isinstance(e.get("given", []), list), e["id"]


def test_entries_are_claims_files():
    """Without the corpus's own keys, every entry is a valid ``derive check --file`` entry."""
    from derive.claims.batch import load_claims

    def toml(value):
        if isinstance(value, list):
            return "[" + ", ".join(toml(v) for v in value) + "]"
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    text = "".join(
        "[[claim]]\n" + "".join(f"{k} = {toml(v)}\n" for k, v in derive_fields(e).items())
        for e in ENTRIES
    )
    entries = load_claims(text)
    assert [x.claim for x in entries] == [e["claim"] for e in ENTRIES]
    assert [list(x.given) for x in entries] == [e.get("given", []) for e in ENTRIES]


@pytest.mark.parametrize("entry", [_param(e) for e in ENTRIES])
def test_truth(entry):
    """The independent check agrees with the entry's label: a mislabelled entry fails here."""
    assert independent_truth(entry) is entry["truth"]


def test_truth_check_can_refute():
    """The check language tells a slip from the truth: the same check with a ½ dropped from
    its right side is found false, and a false entry with its sides made equal is found true."""
    kl = next(e for e in MAIN if e["id"] == "cookbook-kl-univariate")
    slipped = {**kl, "check": {**kl["check"], "rhs": kl["check"]["rhs"] + " + mpf(1)/2"}}
    assert independent_truth(kl) is True and independent_truth(slipped) is False
    wrong = next(e for e in MAIN if e["id"] == "ddpm-eq10-eps-mean-sign")
    mended = {**wrong, "check": {**wrong["check"], "rhs": "post[0]"}}
    assert independent_truth(wrong) is False and independent_truth(mended) is True


# --- derive on the corpus --------------------------------------------------------------------


@functools.cache
def _decision(entry_id: str) -> tuple[str, str]:
    """(outcome, detail): outcome is a verdict of derive, "not read" (an input error), or
    "crash" (any other exception, which is a defect)."""
    from derive.claims.decide import decide
    from derive.errors import UsageError

    _yield_cores()
    entry = next(e for e in ENTRIES if e["id"] == entry_id)
    try:
        d = decide(
            entry["claim"],
            tuple(entry.get("given", ())),
            entry.get("wrt"),
            entry.get("notation"),
            timeout=TIMEOUT,
        )
    except UsageError as error:
        return "not read", str(error)
    except Exception as error:  # noqa: BLE001 - any other exception is what this reports
        return "crash", f"{type(error).__name__}: {error}"
    return d.verdict, d.method or d.reason


@functools.cache
def _yield_cores() -> None:
    """Lower this process's priority once: the corpus runs some 270 decisions on a shared
    machine."""
    os.nice(10)


def _right(entry: dict, outcome: str) -> bool:
    return outcome.startswith("holds") if entry["truth"] else outcome == "fails"


@pytest.mark.slow
@pytest.mark.parametrize("entry", [_param(e, unsound=True) for e in ENTRIES])
def test_derive_is_sound(entry):
    """No false entry holds, no true entry fails, and nothing crashes."""
    outcome, detail = _decision(entry["id"])
    assert outcome != "crash", detail
    if entry["truth"]:
        assert outcome != "fails", f"a true claim fails: {detail}"
    else:
        assert not outcome.startswith("holds"), f"a false claim holds: {outcome} ({detail})"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("part", "floor"),
    [
        ("main", DECIDED_RIGHT_FLOOR),
        ("heldout", HELDOUT_DECIDED_RIGHT_FLOOR),
        ("heldout9", HELDOUT9_DECIDED_RIGHT_FLOOR),
        ("heldout10", HELDOUT10_DECIDED_RIGHT_FLOOR),
        ("heldout11", HELDOUT11_DECIDED_RIGHT_FLOOR),
        ("heldout12", HELDOUT12_DECIDED_RIGHT_FLOOR),
        ("heldout13", HELDOUT13_DECIDED_RIGHT_FLOOR),
    ],
)
def test_derive_decides_right(part, floor):
    """The share decided right is at least the floor; the table per kind is printed."""
    entries = {
        "main": MAIN,
        "heldout": HELD,
        "heldout9": HELD9,
        "heldout10": HELD10,
        "heldout11": HELD11,
        "heldout12": HELD12,
        "heldout13": HELD13,
    }[part]
    rows = collections.defaultdict(collections.Counter)
    for e in entries:
        outcome = _decision(e["id"])[0]
        row = rows[e["kind"]]
        row["n"] += 1
        row["right"] += _right(e, outcome)
        row["read"] += outcome != "not read"
        row["undecided"] += outcome == "undecided"
        row["wrong"] += outcome.startswith("holds") if not e["truth"] else outcome == "fails"
    total = sum((r for r in rows.values()), collections.Counter())
    print(
        f"\n{part}: {total['right']}/{total['n']} decided right ({total['right'] / total['n']:.3f})"
    )
    print(f"{'kind':<16}{'n':>5}{'read':>6}{'right':>7}{'undec.':>8}{'unsound':>9}")
    for kind, r in sorted(rows.items()):
        print(
            f"{kind:<16}{r['n']:>5}{r['read']:>6}{r['right']:>7}{r['undecided']:>8}{r['wrong']:>9}"
        )
    assert total["right"] / total["n"] >= floor
