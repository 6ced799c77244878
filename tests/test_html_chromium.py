"""The HTML pages open offline in a real browser (headless Chromium) and show their mathematics.

Chromium (Debian's ``chromium`` package) loads a freshly written page from disk with networking
off. Its DOM must hold laid-out MathML and no raw LaTeX; a probe added to a copy of the page
measures the first displayed formula (a fraction is taller than a line of text); and the
screenshot must have ink where the title and the theorem are, on a white page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import run_derive

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
PROBE = """<script>
addEventListener("load", () => {
  const m = document.querySelector('math[display="block"]');
  const box = m.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(document.body).lineHeight);
  document.body.setAttribute("data-probe", `${box.width}x${box.height}/${line}`);
});
</script>"""


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    done = run_derive("kl", "--format", "html", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    return folder / "kl.html"


def test_the_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html), "a network resource"
    assert "<script" not in html
    assert html.count("<math") > 10 and html.count("<details") > 5


def test_chromium_lays_out_the_mathematics(page, tmp_path):
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
    done = _chromium(tmp_path, "--dump-dom", probed.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert dom.count("<math") > 10
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", dom.split("<body", 1)[1], flags=re.S)
    for raw in (r"\frac", r"\left", r"\mathbb", "$"):
        assert raw not in visible, f"raw LaTeX {raw!r} on the page"
    probe = re.search(r'data-probe="([\d.]+)x([\d.]+)/([\d.]+)"', dom)
    width, height, line = map(float, probe.groups())
    assert width > 100, "the theorem is not laid out"
    assert height > 1.3 * line, "the theorem's fraction is not set as a fraction"


def test_the_screenshot_shows_the_title_and_the_theorem(page, tmp_path):
    from PIL import Image

    shot = tmp_path / "page.png"
    done = _chromium(tmp_path, "--window-size=1000,1200", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1000, 1200)

    def ink(box) -> float:
        region = image.crop(box)
        return sum(region.histogram()[:128]) / (region.width * region.height)

    assert ink((0, 0, 1000, 1200)) < 0.2, "the page is not white"
    assert ink((0, 0, 1000, 90)) > 0.005, "no title at the top"
    assert ink((0, 250, 1000, 450)) > 0.005, "nothing where the theorem is"
    assert ink((0, 0, 40, 1200)) < 0.001, "ink in the left margin"


def test_the_check_fails_on_a_blank_page(tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>")
    shot = tmp_path / "blank.png"
    _chromium(tmp_path, "--window-size=400,300", f"--screenshot={shot}", blank.as_uri())
    image = Image.open(shot).convert("L")
    assert sum(image.histogram()[:128]) == 0
