"""The book's table of contents matches its pages: every chapter the contents list on page P
begins on the page numbered P (a pdflatex pass too few shifts every number by one). Read off
the committed ``output/derivations.pdf`` with poppler's ``pdftotext``."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import REPO

BOOK = REPO / "output" / "derivations.pdf"
POPPLER = shutil.which("pdftotext") is not None


def contents(pages: list[str]) -> list[tuple[int, str, int]]:
    """``(chapter number, title's first words, page)`` of each chapter the contents list (an
    entry whose title wraps is joined with its next line)."""
    start = next(i for i, page in enumerate(pages) if page.lstrip().startswith("Contents"))
    lines, found, pending = [], [], ""
    for page in pages[start:]:
        if re.search(r"^\s*Chapter 1\s*$", page, re.M):
            break
        lines += page.splitlines()
    for line in lines:
        line = (pending + " " + line.strip()).strip() if pending else line.strip()
        pending = ""
        entry = re.match(r"^(\d+) (.+?)\s+(\d+)$", line)
        if entry:
            found.append(
                (int(entry.group(1)), " ".join(entry.group(2).split()[:3]), int(entry.group(3)))
            )
        elif re.match(r"^\d+ \D", line):
            pending = line
    return found


def page_numbers(pages: list[str]) -> dict[int, str]:
    """Each page's text by the number printed at its foot (pages without one left out)."""
    numbered = {}
    for page in pages:
        rows = [row.strip() for row in page.splitlines() if row.strip()]
        if rows and rows[-1].isdigit():
            numbered.setdefault(int(rows[-1]), page)
    return numbered


def mismatches(pages: list[str]) -> list[str]:
    """The chapters whose page in the contents is not the page they begin on."""
    numbered, wrong = page_numbers(pages), []
    for number, title, page in contents(pages):
        text = " ".join(numbered.get(page, "").split())
        if f"Chapter {number} " not in text + " " or title not in text:
            wrong.append(f"chapter {number} ({title}) listed on page {page}")
    return wrong


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) is not installed")
def test_the_contents_match_the_pages():
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(BOOK), "-"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    pages = text.split("\f")
    assert len(contents(pages)) >= 20
    assert mismatches(pages) == []


def test_the_contents_check_can_fail():
    pages = [
        "Contents\n1 A first chapter        3\n2 The second one        5\n  1",
        "Chapter 1\n\nA first chapter\n  3",
        "more\n  4",
        "Chapter 2\n\nThe second one\n  5",
    ]
    assert mismatches(pages) == []
    later = [re.sub(r"(\d+)$", lambda m: str(int(m[1]) + 1), p) for p in pages[1:]]
    assert mismatches([pages[0], "blank\n  3", *later]) == [
        "chapter 1 (A first chapter) listed on page 3",
        "chapter 2 (The second one) listed on page 5",
    ]
