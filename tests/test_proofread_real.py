"""Constructs met in real documents nobody here wrote (blog posts, READMEs, lecture notes
fetched in session 10 and kept outside the repository), each reproduced by a small synthetic
document written here: no text of theirs is copied, only the construct and its mathematics."""

from __future__ import annotations

from derive.proofread import proofread
from derive.proofread.chains import links
from derive.proofread.read_markdown import read


def test_a_fenced_math_block_is_a_display():
    """GitHub and GitLab render ```` ```math ```` fences as display math (a README with a
    derivation uses nothing else); any other fence is code, never read."""
    text = (
        "Expanding:\n\n```math\n\\begin{align*}\ny &= (a + b)^2 \\\\\n&= a^2 + 2ab + b^2\n"
        "\\end{align*}\n```\n\n```python\nx = y + 1\n```\n\n~~~ math\nc = d\n~~~\n"
    )
    document = read(text, "readme.md")
    displays = [(p.line, p.end, p.display) for p in document.pieces]
    assert displays == [(4, 7, True), (15, 15, True)]
    found = [(link.line, link.lhs, link.rhs) for link in links(document.pieces)]
    assert found[1] == (6, "(a + b)^2", "a^2 + 2ab + b^2")
    assert all("x = y" not in f"{lhs} = {rhs}" for _, lhs, rhs in found)


def test_a_slip_in_a_fenced_math_block_is_found(tmp_path):
    path = tmp_path / "readme.md"
    chain = "(a + b)^2 &= a^2 + 2ab + b^2 \\\\\n&= a^2 + b^2"
    path.write_text(f"# Note\n\n```math\n\\begin{{align*}}\n{chain}\n\\end{{align*}}\n```\n")
    assert [(c.link.line, c.verdict) for c in proofread(str(path)).checked] == [
        (5, "holds"),
        (6, "fails"),
    ]


_CONFIGURED = (
    "<html><head><script>MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']]}};"
    "</script></head><body>\n"
)


def test_dollar_inline_math_is_read_when_the_page_configures_it():
    """A blog theme that configures MathJax with ``$`` inline delimiters writes its prose
    definitions as ``$…$``; a page that does not configure it (the default) has dollar signs."""
    from derive.proofread.read_html import read as read_html

    body = "<p>Let $a = 1 - b$ and pay $5 for it.</p>\n<p>$$ c = a + b $$</p>\n</body></html>\n"
    configured = read_html(_CONFIGURED + body, "page.html").pieces
    assert [(p.text, p.display) for p in configured] == [
        ("a = 1 - b", False),
        (" c = a + b ", True),
    ]
    assert "Let" in configured[0].prose
    plain = read_html("<html><body>\n" + body, "page.html").pieces
    assert [p.text for p in plain] == [" c = a + b "]


def test_a_bare_environment_in_a_page_is_a_display():
    """MathJax renders ``\\begin{align}…\\end{align}`` written straight into the page text."""
    from derive.proofread.read_html import read as read_html

    page = (
        "<html><body>\n<p>So\n\\begin{align*}\n(a+b)^2 &= a^2 + 2ab + b^2 \\\\\n"
        "&= a^2 + b^2\n\\end{align*}\n</p></body></html>\n"
    )
    pieces = read_html(page, "page.html").pieces
    assert [(p.line, p.display) for p in pieces] == [(3, True)]
    found = [(link.line, link.rhs) for link in links(pieces)]
    assert found == [(4, "a^2 + 2ab + b^2"), (5, "a^2 + b^2")]


def test_a_definition_in_dollar_prose_is_used(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        _CONFIGURED + "<p>Let $a = 1 - b$. Then</p>\n<p>$$ a + b = 1 $$</p>\n"
        "<p>$$ 2 a + b = 1 $$</p>\n</body></html>\n"
    )
    checked = proofread(str(path)).checked
    assert [c.verdict for c in checked] == ["not a step", "holds", "fails"]


def test_a_named_quantity_in_text_is_an_operand_not_commentary():
    r"""``\text{ELBO} &= …`` (a README's ELBO, a post's ``\text{MSE}``) names the left side:
    dropped as commentary, the row would have continued the chain before it with a wrong link."""
    from derive.proofread.model import Piece

    display = (
        "\\begin{align*}\n\\log p &= \\text{ELBO} + \\text{KL} \\\\\n&\\ge \\text{ELBO}"
        "\n\\end{align*}"
    )
    second = "\\begin{align*}\n\\text{ELBO} &= a + b & \\text{(by definition)}\n\\end{align*}"
    found = [(x.lhs, x.relation, x.rhs) for x in links([Piece(display, 1, True),
                                                     Piece(second, 6, True)])]  # fmt: skip
    assert found == [
        ("\\log p", "=", "\\text{ELBO} + \\text{KL}"),
        ("\\text{ELBO} + \\text{KL}", "\\ge", "\\text{ELBO}"),
        ("\\text{ELBO}", "=", "a + b"),
    ]


def test_commentary_words_in_text_stay_commentary():
    from derive.proofread.normalize import normalize

    assert normalize(r"\text{where } L_T &= x") == "L_T = x"
    assert normalize(r"x &= y & \text{(Markov)}") == "x = y"
    assert normalize(r"x = 1 \text{Bayes}") == "x = 1"
    assert (
        normalize(r"\text{Cov}\{x\} = A") == r"\text{Cov}(x) = A"
    )  # an operator the grammar reads


def test_a_matrix_in_a_display_keeps_its_rows_and_columns():
    r"""A joint law written with ``\begin{bmatrix}`` (a README's conditional-Gaussian section):
    the matrix's ``\\`` and ``&`` are its entries', not the display's rows and columns."""
    from derive.proofread.model import Piece

    display = (
        "\\begin{aligned}\nA &= \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} \\\\\n"
        "&= \\begin{bmatrix} a & b \\\\\n c & d \\end{bmatrix}\n\\end{aligned}"
    )
    found = [(x.line, x.rhs) for x in links([Piece(display, 1, True)])]
    assert found == [
        (2, "\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}"),
        (3, "\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}"),
    ]


def test_a_matrix_literal_is_read_and_a_wrong_entry_never_holds(tmp_path):
    """(The checker has no method yet for two explicit matrices that differ: undecided.)"""
    path = tmp_path / "m.md"
    path.write_text(
        "$$\n\\begin{aligned}\n\\begin{bmatrix} a + b & 0 \\\\ 0 & 1 \\end{bmatrix} "
        "&= \\begin{bmatrix} b + a & 0 \\\\ 0 & 1 \\end{bmatrix} \\\\\n"
        "&= \\begin{bmatrix} 2 a & 0 \\\\ 0 & 1 \\end{bmatrix}\n\\end{aligned}\n$$\n"
    )
    verdicts = [c.verdict for c in proofread(str(path)).checked]
    assert verdicts[0] == "holds" and verdicts[1] in ("fails", "undecided")


def test_an_environment_inside_a_paragraphs_dollars_stays_inside_them():
    r"""``as follows:\n$$\n\begin{equation}…\end{equation}\n$$`` (a kramdown post): read as
    an environment interrupting the paragraph, the closing ``$$`` opened a display that
    swallowed the prose after it up to the next ``$$``."""
    text = (
        "The chain is as follows:\n$$\n\\begin{equation}a = b\\end{equation}\n$$\n\n"
        "Prose that is not mathematics, then $x$ in a sentence.\n\n$$\nc = d\n$$\n"
    )
    displays = [p.text.strip() for p in read(text, "post.md").pieces if p.display]
    assert displays == ["\\begin{equation}a = b\\end{equation}", "c = d"]
    # an environment after a line of prose, with no '$$' open, is still a display
    bare = read("Then\n\\begin{align*}\na &= b\n\\end{align*}\n", "post.md").pieces
    assert [p.display for p in bare] == [True]


def test_marks_of_reasoning_are_not_mathematics():
    r"""``\therefore d = …`` defines d; ``a = b \implies c = d`` is two statements, not the
    link b = c."""
    from derive.proofread.chains import equations
    from derive.proofread.model import Piece

    assert equations(r"a = b \implies c = d") == ["a = b", "c = d"]
    assert equations(r"x = 1 \Rightarrow y = 2") == ["x = 1", "y = 2"]
    found = links(
        [Piece("\\begin{gather}\\therefore d = e \\\\ f = c - d^2\\end{gather}", 1, True)]
    )
    assert [(x.lhs, x.rhs, x.fresh) for x in found] == [("d", "e", True), ("f", "c - d^2", True)]


def test_a_row_without_a_relation_continues_the_side_before_it():
    r"""Lecture notes break a long right side over rows (``=& K - \frac12 a^T R a \\ &- \frac12
    b^T Q b``): the continuation belongs to that side, and the link is the whole of it."""
    from derive.proofread.model import Piece

    display = (
        "\\begin{align}\nf(x) =& (x+1)^2 + \\nonumber\\\\\n& 2x + 1\\nonumber\\\\\n"
        "=& x^2 + 4x\n\\nonumber\\\\\n &+ 2\n\\end{align}"
    )
    found = [(x.line, x.lhs, x.rhs) for x in links([Piece(display, 1, True)])]
    assert found == [
        (2, "f(x)", "(x+1)^2 + 2x + 1"),
        (4, "(x+1)^2 + 2x + 1", "x^2 + 4x + 2"),
    ]


def test_a_slip_in_a_continued_row_is_found(tmp_path):
    path = tmp_path / "notes.tex"
    path.write_text(
        "\\begin{align*}\n(a+b)^2 &= a^2 + \\\\\n&\\quad 2ab + b^2 \\\\\n&= a^2 + ab\n"
        "\\\\\n&\\quad + b^2\n\\end{align*}\n"
    )
    assert [c.verdict for c in proofread(str(path)).checked] == ["holds", "fails"]


def test_a_condition_after_commentary_is_not_more_of_the_line():
    r"""``L_t &= … \text{ for } 1 \le t \le T-1`` (a blog's ELBO terms): the range is the
    line's condition, never the links ``… ≤ t ≤ T − 1``."""
    from derive.proofread.chains import equations, sides

    row = r"L_t &= D(q_t) \text{ for }1 \leq t \leq T-1"
    assert [sides(e) for e in equations(row)] == [(["L_t", "D(q_t)"], ["="])]
    assert sides(r"a &= b & \text{ ;where } c \sim N(0, 1)")[0][:2] == ["a", "b"]


def test_a_relation_inside_an_underbrace_is_a_link_of_the_chain():
    from derive.proofread.chains import sides

    written = r"\underbrace{P(x|y) = P(x, c|y)}_{c \text{ is fixed by } x} = P(x|c) P(c|y)"
    assert sides(written) == (["P(x|y)", "P(x, c|y)", "P(x|c) P(c|y)"], ["=", "="])
    assert sides(r"\underbrace{a + b}_{s} c = d")[0][0] == "{a + b} c"  # a group stays one


def test_equations_side_by_side_with_commas_are_separate():
    from derive.proofread.chains import equations

    found = equations(r"Q = W_Q z,\; K = W_K y,\; V = W_V y")
    assert [" ".join(e.replace("\\;", " ").split()) for e in found] == [
        "Q = W_Q z",
        "K = W_K y",
        "V = W_V y",
    ]
    assert equations(r"f(a, b) = c, d") == ["f(a, b) = c, d"]  # a list, not two equations


def test_an_equality_in_law_is_undecided_never_a_slip(tmp_path):
    r"""Blog posts merge two noises into one (``√α ε_{t−1} … = √(1 − α_t α_{t−1}) ε̄_{t−2}``,
    "where ε̄ merges two Gaussians"): the sides are in different noise variables, equal in law,
    not as written. A slip among the same noises is still found."""
    path = tmp_path / "post.md"
    path.write_text(
        "Let each $\\epsilon_t \\sim \\mathcal{N}(0, I)$.\n\n$$\n\\begin{aligned}\n"
        "y &= a \\epsilon_1 + b \\epsilon_2 + c \\\\\n"
        "&= \\sqrt{a^2 + b^2} \\bar{\\epsilon}_2 + c \\\\\n"
        "z &= a \\epsilon_1 + a \\epsilon_1 \\\\\n&= 3 a \\epsilon_1\n\\end{aligned}\n$$\n"
    )
    checked = [c for c in proofread(str(path)).checked if c.verdict != "not a step"]
    assert [(c.link.line, c.verdict) for c in checked] == [(6, "undecided"), (8, "fails")]
    assert "equality in law" in checked[0].reason


def test_a_state_computed_by_a_recurrence_is_not_noise():
    from derive.proofread.check import noise_families
    from derive.proofread.context import Context
    from derive.proofread.model import Link

    stated = [
        Link(1, "\\sim", "x_T", "\\mathcal{N}(\\mathbf{0}, \\mathbf{I})"),
        Link(2, "=", "x_t", "\\sqrt{a} x_{t-1} + \\epsilon_t"),
        Link(3, "\\sim", "\\epsilon_{t-1}, \\epsilon_{t-2}, \\dots", "N(0, I)"),
        Link(4, "\\sim", "z", "\\mathcal{N}(0, \\sigma^2 I)"),  # not standard: not noise
    ]
    assert noise_families(stated, Context()) == {"\\epsilon"}


def test_a_blogs_front_matter_is_its_own_not_an_error():
    """A Jekyll post opens with layout, title, author, tags: without a ``derive:`` block only
    derive's keys are read from it; inside one, an unknown key is still an error."""
    import pytest

    from derive.errors import UsageError

    post = "---\nlayout: post\ntitle: DDPM\nmathjax: true\nnotation: ddpm\n---\n$$a = b$$\n"
    assert read(post, "post.md").context == {"notation": "ddpm"}
    from derive.proofread.context import Context

    strict = read("---\nderive:\n  notation: ddpm\n  author: me\n---\n$$a=b$$\n", "p.md")
    with pytest.raises(UsageError, match="unknown key 'author'"):
        Context().merged(strict.context, "front matter")


def test_a_schedule_counted_with_i_is_read_in_the_notation(tmp_path):
    """A README writes the DDPM schedule α_i, ᾱ_{i−1}; the notation knows α_t: the free step
    letter is renamed t (nothing else in the line is t); a line that fails so is undecided."""
    chain = (
        "\\frac{\\sqrt{\\bar{\\alpha}_{i-1}}\\beta_i}{1-\\bar{\\alpha}_i} "
        "\\frac{1}{\\sqrt{\\bar{\\alpha}_i}} "
        "&= \\frac{\\beta_i}{\\sqrt{\\alpha_i}(1-\\bar{\\alpha}_i)}"
        " \\\\\n&= \\frac{\\beta_i}{\\alpha_i(1-\\bar{\\alpha}_i)}"
    )
    path = tmp_path / "readme.md"
    path.write_text(
        f"---\nnotation: ddpm\n---\n$$\n\\begin{{aligned}}\n{chain}\n\\end{{aligned}}\n$$\n"
    )
    checked = proofread(str(path)).checked
    # the slip is read, but with the notation's meaning of its letters: undecided, not a slip
    assert [c.verdict for c in checked] == ["holds", "undecided"]
    assert "step index i read as" in checked[1].reason and "counterexample" in checked[1].reason


def test_the_step_letter_is_renamed_only_where_t_is_free():
    from derive.proofread.step_index import as_step, step_letter

    assert step_letter(r"\alpha_i + \bar{\alpha}_{i-1}") == "i"
    assert step_letter(r"\bar{\alpha}_t = \prod_{i=1}^t \alpha_i") is None  # t is used
    assert step_letter(r"\alpha_i + \beta_s") is None  # two letters: which one is the step?
    assert as_step(r"\sin x_i + \pi_i", "i") == r"\sin x_t + \pi_t"


def test_a_definition_from_an_earlier_section_keeps_a_line_from_being_a_slip(tmp_path):
    r"""Lecture notes state the algorithm (``K_n = P C^T S^{-1}``) in one section and derive it
    in the next: a line that fails with K free but holds with the earlier definition is
    undecided (documents also reuse letters across sections, so it is not shown to hold); a
    line that fails either way still fails."""
    path = tmp_path / "notes.md"
    path.write_text(
        "# Algorithm\n\n$$K = \\frac{p}{p + r}$$\n\n# Derivation\n\n$$\n\\begin{aligned}\n"
        "\\frac{p r}{p + r} &= (1 - \\frac{p}{p + r}) p \\\\\n&= (1 - K) p \\\\\n&= (1 + K) p\n"
        "\\end{aligned}\n$$\n"
    )
    checked = [c for c in proofread(str(path)).checked if c.verdict != "not a step"]
    assert [c.verdict for c in checked] == ["holds", "undecided", "fails"]
    assert "earlier section" in checked[1].reason and "line 3" in checked[1].reason


def test_a_line_using_a_definition_derive_cannot_use_is_not_a_slip():
    from derive.proofread.check import applied_in_givens

    class Refuted:
        counterexample = object()

    assert applied_in_givens((r"\mu_x = E(x)",), Refuted()) == ["E"]
    assert applied_in_givens((r"p = \mathcal{N}(0, 1)", "z = p(x)"), Refuted()) == []


def test_a_new_name_on_the_right_of_a_name_names_the_same_quantity(tmp_path):
    r"""``\tilde\beta_t = \sigma_t^2 = \frac{…}{…}\beta_t`` (a blog's DDIM section): σ_t² is
    new, so the first link defines it and the second is the step."""
    path = tmp_path / "post.md"
    path.write_text(
        "---\nnotation: ddpm\n---\n"
        "Recall $\\bar{\\alpha}_{t-1}$, $\\bar{\\alpha}_t$, $\\beta_t$.\n\n"
        "$$\n\\tilde{\\beta}_t = \\sigma_t^2 = "
        "\\frac{1 - \\bar{\\alpha}_{t-1}}{1 - \\bar{\\alpha}_t} \\beta_t\n$$\n\n"
        "$$\n\\tilde{\\beta}_t = s^2 = \\beta_t\n$$\n"
    )
    checked = proofread(str(path)).checked
    assert [c.verdict for c in checked] == ["not a step", "holds", "not a step", "fails"]


def test_an_equation_set_to_zero_is_not_an_identity(tmp_path):
    r"""``a x^2 + b x + c = 0`` opening a display (a post's completing of the square) states an
    equation, not an identity; ``… = 0`` as a step of a chain is still checked."""
    path = tmp_path / "post.md"
    path.write_text("$$\na x^2 + b x + c = 0\n$$\n\n$$\n(a - b)^2 - a^2 = b^2 - 2ab = 0\n$$\n")
    checked = proofread(str(path)).checked
    assert [c.verdict for c in checked] == ["undecided", "holds", "fails"]


def test_a_coloured_group_that_opens_with_an_operator_is_not_a_factor():
    r"""``\color{black}{+ \alpha_t}`` (a post colours the terms of an expansion): the braces
    only carry the colour; read as a group, ``x {+ a} y`` would be a product."""
    from derive.proofread.normalize import normalize

    assert normalize(r"x \color{black}{+ \alpha_t} \color{red}{y^2}") == r"x + \alpha_t {y^2}"


def test_a_law_the_document_never_gives_is_not_a_given(tmp_path):
    r""" "a data point $x_0 \sim q(x)$" (a blog's opening): q is never given, so x_0 is not made
    a random variable of no known law; the algebra with it is still read."""
    path = tmp_path / "post.md"
    path.write_text("Take $x_0 \\sim q(x)$.\n\n$$\na x_0 + b x_0 = (a + b) x_0\n$$\n")
    checked = proofread(str(path)).checked
    assert [c.verdict for c in checked] == ["not a step", "holds"]


def test_we_can_represent_introduces_a_substitution(tmp_path):
    r""" "we can represent $x_0 = …$ and plug it into the above" (a blog's posterior mean in terms
    of the noise): the equation is used in the lines after it."""
    path = tmp_path / "post.md"
    path.write_text(
        "We can represent $y = 2 x$ and plug it in:\n\n$$\nm = 3 y\n$$\n\n$$\n3 y = 6 x\n$$\n"
    )
    assert [c.verdict for c in proofread(str(path)).checked][-1] == "holds"
