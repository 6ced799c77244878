"""The figures' words are set as mathematics: no "X ˜ N(1, 0.64)" (cmr10's tilde accent for a
typed "~") and no letter meant as a symbol left in roman type."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from derive import registry
from derive.render.figures import available, draw

FIGURES = [
    (entry.name, notation)
    for entry in registry.entries()
    for _, notation in entry.documents(None)[:1]
    if registry.load(entry.name, notation).figure is not None
]
# A "~" typed between words (X ~ N(…)): cmr10 prints it as a tilde accent, "˜".
TYPED_TILDE = re.compile(r"\S [~˜] \S")
pytestmark = [
    pytest.mark.skipif(not available(), reason="matplotlib is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is missing"),
]


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "figure.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip


@pytest.mark.parametrize("name, notation", FIGURES, ids=[n for n, _ in FIGURES])
def test_a_figure_writes_no_typed_tilde(name, notation, tmp_path):
    text = _text(draw(registry.load(name, notation).figure)["pdf"], tmp_path)
    assert text.strip(), "the figure's text can be read"
    assert not TYPED_TILDE.search(text), text


def test_the_tilde_check_can_fail(tmp_path):
    from derive.core.model import Figure

    def typed(axes):
        axes.plot([0, 1], [0, 1], label="X ~ N(1, 2)")
        axes.legend()

    assert TYPED_TILDE.search(_text(draw(Figure(typed, ""))["pdf"], tmp_path))
