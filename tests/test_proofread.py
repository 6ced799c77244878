

def test_a_slip_hidden_in_unread_lines_shows_in_the_chain_as_a_whole(tmp_path):
    """An integral the grammar cannot read sits between two lines; the chain's first side
    against its last still fails, reported as the chain, not as a line of the document."""
    path = tmp_path / "hw.md"
    path.write_text(
        "$$\\begin{aligned}\n(a+b)^2 &= \\int_0^1 q \\, dx \\\\\n &= a^2 + b^2\n\\end{aligned}$$\n",
        encoding="utf-8",
    )
    checked = proofread(str(path)).checked
    assert [c.verdict for c in checked] == ["not read", "not read", "fails"]
    assert checked[-1].link.bridge and "as a whole" in checked[-1].reason
    right = tmp_path / "right.md"
    right.write_text(path.read_text().replace("a^2 + b^2", "a^2 + 2ab + b^2"), encoding="utf-8")
    assert [c.verdict for c in proofread(str(right)).checked] == ["not read", "not read", "holds"]
