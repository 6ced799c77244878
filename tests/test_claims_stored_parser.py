"""The claim parser stored ahead of time (derive.claims.stored_parser) is the one the grammar
compiles to: it is current, it parses every claim and given of the corpus to the same tree as a
parser compiled now, and a stale or damaged file is never used."""

from __future__ import annotations

import functools
from importlib import resources

import pytest
from claims_corpus import HELDOUT, load

from derive.claims import stored_parser

GRAMMAR = resources.files("derive.claims").joinpath("claim.lark").read_text(encoding="utf-8")
FAST_GRAMMAR = resources.files("derive.claims").joinpath("claim_fast.lark").read_text("utf-8")


@functools.cache
def _compiled():
    return stored_parser.build(GRAMMAR)


def test_the_stored_parser_is_current():
    """Fails after an edit of claim.lark (or a new lark) until the file is written again
    (``python -m derive.claims.stored_parser``)."""
    assert stored_parser.load(GRAMMAR) is not None, "run: python -m derive.claims.stored_parser"


def test_the_stored_parser_reads_as_the_grammar_does():
    """The same trees (or the same refusal) for a spread of the corpus's texts (every 32nd:
    all of them take minutes, Earley parsing twice)."""
    from lark.exceptions import LarkError

    stored = stored_parser.load(GRAMMAR)
    texts = sorted({t for e in load() + load(HELDOUT) for t in (e["claim"], *e.get("given", ()))})
    assert len(texts) > 400
    for text in texts[::32]:
        outcomes = []
        for parser in (stored, _compiled()):
            try:
                outcomes.append(parser.parse(text))
            except LarkError as error:
                outcomes.append(type(error))
        assert outcomes[0] == outcomes[1], text


def test_another_grammar_is_not_served_the_stored_parser():
    assert stored_parser.load(GRAMMAR + "\n// an edit\n") is None
    assert stored_parser.load(FAST_GRAMMAR + "\n// an edit\n", "lalr") is None
    assert stored_parser.load(GRAMMAR, "lalr") is None  # one kind's file never stands for the other


def test_the_stored_fast_parser_reads_as_the_fast_grammar_does():
    """The LALR parser of the fast path (derive.claims.fast_parse), stored in lark's own
    format: the same trees (or the same refusal) as compiled now, on every 8th corpus text."""
    from lark.exceptions import LarkError

    stored = stored_parser.load(FAST_GRAMMAR, "lalr")
    compiled = stored_parser.build(FAST_GRAMMAR, "lalr")
    texts = sorted({t for e in load() for t in (e["claim"], *e.get("given", ()))})
    for text in texts[::8]:
        outcomes = []
        for parser in (stored, compiled):
            try:
                outcomes.append(parser.parse(text))
            except LarkError as error:
                outcomes.append(type(error))
        assert outcomes[0] == outcomes[1], text


@pytest.mark.parametrize("damage", [b"", b"not json\n", b'{"lark": "0"}\n'])
def test_a_damaged_file_is_not_used(tmp_path, monkeypatch, damage):
    """A file that is not what write() writes is ignored (the grammar is compiled instead)."""
    (tmp_path / stored_parser.STORED).write_bytes(damage + b"\x80\x05garbage")

    class Files:
        def joinpath(self, name):
            return tmp_path / name

    monkeypatch.setattr(stored_parser.resources, "files", lambda package: Files())
    assert stored_parser.load(GRAMMAR) is None
    (tmp_path / stored_parser.FAST_STORED).write_bytes(damage + b"\x80\x05garbage")
    assert stored_parser.load(FAST_GRAMMAR, "lalr") is None


def test_write_makes_a_file_that_loads(tmp_path):
    (tmp_path / stored_parser.GRAMMAR).write_text(GRAMMAR, encoding="utf-8")
    target = stored_parser.write(tmp_path)
    header = target.read_bytes().partition(b"\n")[0]
    assert stored_parser.expected_header(GRAMMAR)["grammar_sha256"].encode() in header


def test_write_makes_a_fast_parser_file_that_loads(tmp_path, monkeypatch):
    (tmp_path / stored_parser.FAST_GRAMMAR).write_text(FAST_GRAMMAR, encoding="utf-8")
    target = stored_parser.write(tmp_path, "lalr")

    class Files:
        def joinpath(self, name):
            return tmp_path / name

    monkeypatch.setattr(stored_parser.resources, "files", lambda package: Files())
    loaded = stored_parser.load(FAST_GRAMMAR, "lalr")
    assert target.name == stored_parser.FAST_STORED and loaded is not None
    assert loaded.parse("a = b") == stored_parser.build(FAST_GRAMMAR, "lalr").parse("a = b")
