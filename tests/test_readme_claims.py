"""Every example of the README's "Claim language" section gives, through the CLI, the verdict the
README states beside it: each ``derive check …`` command its stated answer (after ``→``), and
each example of the construct table the verdict of its row's "verdict" column (``holds``,
``holds numerically``, ``holds at n = …``, ``fails`` or ``undecided``, one per example, in
order). An example with no stated verdict fails the test. The table's examples are run in one
``derive check --file`` (one process), the commands one process each."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from conftest import REPO, run_derive

README = (REPO / "README.md").read_text(encoding="utf-8")
VERDICTS = ("holds numerically", "holds at n = …", "holds", "fails", "undecided")


def section(text: str = README) -> str:
    """The "Claim language" section, to the next heading of its level."""
    start = text.index("### Claim language")
    return text[start : text.index("\n### ", start + 1)]


def _outside_code(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it is not inside a code span (`` `…` ``); in a
    table row a ``\\|`` outside code is a pipe of the text, not a cell boundary."""
    parts, current, code, i = [], "", False, 0
    while i < len(text):
        char = text[i]
        if char == "`":
            code = not code
        if char == "\\" and not code and text[i + 1 : i + 2] == separator:
            current, i = current + text[i : i + 2], i + 2
            continue
        if char == separator and not code:
            parts.append(current.strip())
            current = ""
        else:
            current += char
        i += 1
    return [*parts, current.strip()]


def table_examples(text: str = README) -> list[tuple[str, tuple[str, ...], str | None]]:
    """``(claim, givens, stated verdict or None)`` of every example of the construct table: the
    examples of a cell are separated by ``;``, an example is its first code span and the code
    spans after "with" are its givens."""
    found = []
    for row in section(text).splitlines():
        if not row.startswith("| ") or row.startswith("| construct"):
            continue
        cells = _outside_code(row.strip(), "|")[1:-1]
        examples = [e for e in _outside_code(cells[1], ";") if e]
        stated = [v for v in _outside_code(cells[2], ";") if v] if len(cells) > 2 else []
        for i, example in enumerate(examples):
            claim, rest = example.split("`", 2)[1:]
            givens = re.findall(r"`([^`]*)`", rest) if rest.lstrip().startswith("with") else []
            found.append((claim, tuple(givens), stated[i] if i < len(stated) else None))
    return found


def commands(text: str = README) -> list[tuple[list[str], str | None]]:
    """``(arguments after "derive", stated answer or None)`` of every ``derive check`` command
    written inline in the section."""
    found = []
    for match in re.finditer(r"`derive check ((?:[^`\\]|\\.)*)`( → `([^`]*)`)?", section(text)):
        found.append((["check", *shlex.split(match.group(1), posix=False)], match.group(3)))
    return [([a.strip('"') for a in arguments], answer) for arguments, answer in found]


def _matches(stated: str, said: str) -> bool:
    """Whether the report's verdict ``said`` is the ``stated`` one: the same word, and for
    "holds" no qualifier (a proof), for the qualified ones the same qualifier."""
    if stated == "holds at n = …":
        return said.startswith("holds at n = ")
    if stated == "holds numerically":
        return said.startswith("holds numerically")
    return said == stated or said.startswith(stated + " (")


def test_the_section_is_parsed_into_examples():
    examples = table_examples()
    assert len(examples) >= 45 and len(commands()) == 3
    assert (r"E[X^4] = 3", (r"X \sim N(0,1)",)) in [(c, g) for c, g, _ in examples]


def test_every_example_states_a_verdict():
    missing = [claim for claim, _, stated in table_examples() if stated not in VERDICTS]
    assert not missing, f"examples with no stated verdict (one of {VERDICTS}): {missing}"
    assert all(answer for _, answer in commands()), "a derive check command with no → answer"


def test_a_row_without_a_verdict_is_found():
    row = "| construct | example | verdict |\n|---|---|---|\n| sums | `a + b = b + a` | |\n"
    text = f"### Claim language\n\n{row}\n### Next\n"
    assert table_examples(text) == [("a + b = b + a", (), None)]


def test_every_table_example_gives_the_stated_verdict(tmp_path):
    examples = table_examples()
    claims = []
    for i, (claim, givens, _) in enumerate(examples):
        given = f"given = [{', '.join(json.dumps(g) for g in givens)}]\n" if givens else ""
        claims.append(f'[[claim]]\nid = "e{i}"\nclaim = {json.dumps(claim)}\n{given}')
    file = tmp_path / "readme.toml"
    file.write_text("\n".join(claims), encoding="utf-8")
    done = run_derive("check", "--file", str(file), "-o", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    report = (tmp_path / "claims-report.txt").read_text(encoding="utf-8")
    said = dict(re.findall(r"^\[(e\d+)\]\n(?:.*\n)*?verdict: (.*)$", report, re.M))
    wrong = [
        (claim, stated, said.get(f"e{i}"))
        for i, (claim, _, stated) in enumerate(examples)
        if not _matches(stated or "", said.get(f"e{i}", ""))
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("index", range(3))
def test_every_derive_check_command_gives_the_stated_answer(index):
    arguments, answer = commands()[index]
    done = run_derive(*arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("answer: "))
    assert line.endswith(answer), (line, answer)
