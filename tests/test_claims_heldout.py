"""The held-out sets of sessions 9 to 13 (``tests/data/claims_corpus/heldout9.toml``,
``heldout10.toml``, ``heldout11.toml``, ``heldout12.toml``, ``heldout13.toml``; issue #16): their
shape, their novelty against every other corpus file, and each entry's ``truth`` label against
the independent numeric check of ``tests/claims_corpus.py`` (never derive). derive itself is
scored on these sets in ``tests/test_claims_corpus.py``.
"""

from __future__ import annotations

import collections
from fractions import Fraction

import pytest
from claims_corpus import DATA, independent_truth, load

# file: (the least number of entries, the least share of true and of false entries)
SETS = {
    "heldout9.toml": (80, Fraction(1, 3)),
    "heldout10.toml": (90, Fraction(2, 5)),
    "heldout11.toml": (90, Fraction(2, 5)),
    "heldout12.toml": (100, Fraction(2, 5)),
    "heldout13.toml": (100, Fraction(2, 5)),
}
# file: (a true entry and its right side with a slip, a false entry and the true entry whose
# right side mends it)
REFUTE = {
    "heldout9.toml": (
        ("h9-gpml-lml-gradient", "y**2/th**2 - 1/(2*th)"),
        ("h9-gpml-lml-gradient-trace-sign", "h9-gpml-lml-gradient"),
    ),
    "heldout10.toml": (
        ("h10-hyvarinen-gaussian-objective", "-1/sig**2 + (v + (m - mu)**2)/sig**4"),
        ("h10-prml-ppca-posterior-variance-lost", "h10-prml-ppca-posterior"),
    ),
    "heldout11.toml": (
        ("h11-prml-loglik-variance-derivative", "-1/v + ((x1 - mu)**2 + (x2 - mu)**2)/v**2"),
        ("h11-cookbook-d-trace-square-transpose-lost", "h11-cookbook-d-trace-square"),
    ),
    "heldout12.toml": (
        (
            "h12-sde-change-of-variables-linear",
            "normal_logpdf(exp(a*T)*x0, 0, exp(2*a*T)*v) + 2*a*T",
        ),
        ("h12-edm2-sigma-rel-power", "h12-edm2-sigma-rel"),
    ),
    "heldout13.toml": (
        ("h13-sde-vp-constant-beta-variance", "1 + (v - 1)*exp(-b*t/2)"),
        ("h13-prml-probit-gaussian-integral-sqrt-lost", "h13-prml-probit-gaussian-integral"),
    ),
}
ENTRIES = {name: load(name) for name in SETS}


def _others(name: str) -> list[dict]:
    return [e for p in sorted(DATA.glob("*.toml")) if p.name != name for e in load(p.name)]


@pytest.mark.parametrize("name", SETS)
def test_shape(name):
    """Enough entries, enough of them false and enough true, unique ids, each with a source, a
    kind, a check and a boolean truth."""
    entries, (size, share) = ENTRIES[name], SETS[name]
    assert len(entries) >= size
    false = sum(not e["truth"] for e in entries)
    assert false >= share * len(entries) and len(entries) - false >= share * len(entries), (
        false,
        len(entries),
    )
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), collections.Counter(ids).most_common(3)
    for e in entries:
        assert isinstance(e["truth"], bool), e["id"]
        assert e["source"].strip() and e["kind"].strip() and e["check"]["lhs"], e["id"]
        assert isinstance(e.get("given", []), list), e["id"]


@pytest.mark.parametrize("name", SETS)
def test_new_to_the_project(name):
    """No id, no claim text and no (claim, givens) pair of the set appears in any other corpus
    file."""
    entries, others = ENTRIES[name], _others(name)
    assert not {e["id"] for e in entries} & {e["id"] for e in others}
    assert not {e["claim"] for e in entries} & {e["claim"] for e in others}
    pairs = {(e["claim"], tuple(e.get("given", []))) for e in others}
    assert not {(e["claim"], tuple(e.get("given", []))) for e in entries} & pairs


@pytest.mark.parametrize(
    "entry", [pytest.param(e, id=e["id"]) for name in SETS for e in ENTRIES[name]]
)
def test_truth(entry):
    """The independent check agrees with the entry's label (a mislabelled entry fails here)."""
    assert independent_truth(entry) is entry["truth"]


@pytest.mark.parametrize("name", SETS)
def test_check_can_refute(name):
    """The labels are not vacuous: a true entry's check with a slip in its right side is found
    false, and a false entry's check with its right side replaced by the true formula's is
    true."""
    by_id = {e["id"]: e for e in ENTRIES[name]}
    (true_id, slipped_rhs), (wrong_id, right_id) = REFUTE[name]
    true = by_id[true_id]
    slipped = {**true, "check": {**true["check"], "rhs": slipped_rhs}}
    assert independent_truth(true) is True and independent_truth(slipped) is False
    wrong = by_id[wrong_id]
    mended = {**wrong, "check": {**wrong["check"], "rhs": by_id[right_id]["check"]["rhs"]}}
    assert independent_truth(wrong) is False and independent_truth(mended) is True
