"""The session-10 held-out set (``tests/data/claims_corpus/heldout10.toml``, issue #16): its shape,
its novelty against every other corpus file, and each entry's ``truth`` label against the
independent numeric check of ``tests/claims_corpus.py`` (never derive). derive itself is scored on
this set in ``tests/test_claims_corpus.py``.
"""

from __future__ import annotations

import collections

import pytest
from claims_corpus import DATA, independent_truth, load

HELDOUT10 = "heldout10.toml"
SET = load(HELDOUT10)
OTHERS = [e for p in sorted(DATA.glob("*.toml")) if p.name != HELDOUT10 for e in load(p.name)]


def test_shape():
    """At least 90 entries, at least 40% false and 40% true, unique ids, each with a source, a
    kind, a check and a boolean truth."""
    assert len(SET) >= 90
    false = sum(not e["truth"] for e in SET)
    assert 5 * false >= 2 * len(SET) and 5 * (len(SET) - false) >= 2 * len(SET), (false, len(SET))
    ids = [e["id"] for e in SET]
    assert len(ids) == len(set(ids)), collections.Counter(ids).most_common(3)
    for e in SET:
        assert isinstance(e["truth"], bool), e["id"]
        assert e["source"].strip() and e["kind"].strip() and e["check"]["lhs"], e["id"]
        assert isinstance(e.get("given", []), list), e["id"]


def test_new_to_the_project():
    """No id, no claim text and no (claim, givens) pair of the set appears in any other corpus
    file."""
    assert not {e["id"] for e in SET} & {e["id"] for e in OTHERS}
    assert not {e["claim"] for e in SET} & {e["claim"] for e in OTHERS}
    pairs = {(e["claim"], tuple(e.get("given", []))) for e in OTHERS}
    assert not {(e["claim"], tuple(e.get("given", []))) for e in SET} & pairs


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["id"]) for e in SET])
def test_truth(entry):
    """The independent check agrees with the entry's label (a mislabelled entry fails here)."""
    assert independent_truth(entry) is entry["truth"]


def test_check_can_refute():
    """The labels are not vacuous: a true entry's check with a ½ dropped from its right side is
    found false, and a false entry's check with its right side replaced by the true formula is
    true."""
    true = next(e for e in SET if e["id"] == "h10-hyvarinen-gaussian-objective")
    slipped = {**true, "check": {**true["check"], "rhs": "-1/sig**2 + (v + (m - mu)**2)/sig**4"}}
    assert independent_truth(true) is True and independent_truth(slipped) is False
    wrong = next(e for e in SET if e["id"] == "h10-prml-ppca-posterior-variance-lost")
    right = next(e for e in SET if e["id"] == "h10-prml-ppca-posterior")
    mended = {**wrong, "check": {**wrong["check"], "rhs": right["check"]["rhs"]}}
    assert independent_truth(wrong) is False and independent_truth(mended) is True
