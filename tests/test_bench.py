"""The README's benchmark table is the one bench/table.py makes of bench/results/benchmarks.json
(never typed by hand), and it says which goals were met."""

from __future__ import annotations

import copy
import importlib.util
import json

import pytest
from conftest import REPO


def _table_module():
    spec = importlib.util.spec_from_file_location("bench_table", REPO / "bench" / "table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TABLE = _table_module()
REPORT = json.loads((REPO / "bench" / "results" / "benchmarks.json").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(readme: str) -> str:
    return TABLE.START + readme.split(TABLE.START, 1)[1].split(TABLE.END, 1)[0] + TABLE.END


def test_the_readme_table_is_generated_from_the_json():
    assert _section(README) == TABLE.table(REPORT), "run: python bench/table.py"


@pytest.mark.parametrize("field", ["seconds", "met", "added"])
def test_a_changed_figure_makes_the_readme_stale(field):
    """The negative case: the comparison above sees a single changed or added figure."""
    changed = copy.deepcopy(REPORT)
    measured = [m for m in changed["measures"] if m["goal"] is not None and m["met"] is not None]
    if field == "added" or not measured:
        changed["machine"] = changed.get("machine") or {
            "cpus": 2, "python": "3", "load_before": [0], "load_after": [0], "minutes": 1,
            "quick": True, "runs": 1,
        }  # fmt: skip
        changed["measures"].append(
            {"name": "import sympy", "seconds": 0.4, "ratio": 1.0, "goal": None, "met": None}
        )
    elif field == "seconds":
        measured[0]["seconds"] += 1
    else:
        measured[0]["met"] = not measured[0]["met"]
    assert _section(README) != TABLE.table(changed)


def test_every_goal_is_measured_or_said_not_to_be():
    run = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(run)
    run.loader.exec_module(module)
    named = {m["name"] for m in REPORT["measures"]} | set(REPORT["not_measured"])
    assert set(module.GOALS) <= named
    for m in REPORT["measures"]:
        if m["goal"] is not None and m["met"] is not None:
            bound, unit = m["goal"]
            value = m["ratio"] if unit == "x" else m["seconds"]
            assert m["met"] is (value <= bound), m
            assert ("met" if m["met"] else "missed") in TABLE._goal(m)
