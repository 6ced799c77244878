"""A document written in another notation than the seed it cites says so in its source line.

The course notation (z_t, x, α_t cumulative) is seed 001's; the DDPM notation (x_t, x_0, ᾱ_t)
is seeds 002's and 003's. ``elbo-course`` follows seed 002's derivation in seed 001's letters,
``posterior-kl`` seed 001's in the DDPM letters: a reader comparing the two must be told.
"""

from __future__ import annotations

import re

import pytest

from derive import registry

# Which seeds write which notation: read off the seeds (letters z_t/x vs x_t/x_0, α vs ᾱ).
WRITTEN_IN = {"001": "course", "002": "ddpm", "003": "ddpm"}
DOCUMENTS = [
    (entry.name, notation, document)
    for entry in registry.entries()
    for document, notation in entry.documents(None)
    if notation is not None
]


@pytest.mark.parametrize("name, notation, document", DOCUMENTS, ids=[d for *_, d in DOCUMENTS])
def test_the_source_line_names_a_notation_the_seed_does_not_write(name, notation, document):
    source = registry.load(name, notation).source
    seed = re.match(r"(\d{3})_", source.document).group(1)
    named = f"written in the {notation} notation" in source.section
    assert named is (WRITTEN_IN[seed] != notation), (document, str(source))


def test_the_elbo_in_the_course_notation_says_whose_letters_it_uses():
    from derive.core import verify
    from derive.render import render

    page = render(verify(registry.load("elbo", "course")), "md")
    line = page.splitlines()[2]
    assert "002_" in line and "written in the course notation of seed 001" in line
