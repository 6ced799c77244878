r"""Reading Markdown: CommonMark with ``$…$`` and ``$$…$$`` math (markdown-it-py with the
dollarmath, amsmath and front-matter plug-ins), as GitHub, Jupyter and kramdown blogs write it.

Displays are ``$$…$$`` blocks, bare ``\begin{align*}…\end{align*}`` environments (amsmath),
``$$…$$`` written inside a paragraph (kramdown), and fenced ```` ```math ```` blocks (GitHub's
and GitLab's display math: a code fence whose info string is ``math``); inline ``$…$`` math is
kept with the prose before it, for the definitions a sentence states ("where $\alpha_t = 1 -
\beta_t$").
YAML front matter is the document's context.

Example:
    >>> doc = read("---\nnotation: ddpm\n---\nSo\n$$a = b$$\n", "x.md")
    >>> [(p.line, p.text) for p in doc.pieces], doc.context
    ([(5, 'a = b')], {'notation': 'ddpm'})
"""

from __future__ import annotations

from ..errors import UsageError
from .model import Document, Piece


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.amsmath import amsmath_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True})
    md.use(front_matter_plugin)
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
    md.use(amsmath_plugin)
    environment_block = next(r.fn for r in md.block.ruler.__rules__ if r.name == "amsmath")
    counted = {"paragraph": -1, "upto": 0, "dollars": 0}  # '$$' seen in the paragraph so far

    def environment_unless_inside_dollars(state, start: int, end: int, silent: bool) -> bool:
        # An environment interrupts a paragraph ("Then\n\\begin{align}…"), except when the
        # paragraph opened a '$$' display it stands inside ("as follows:\n$$\n\\begin{
        # equation}…\n$$", kramdown's way): read as an environment there, the '$$' after it
        # would open a display that swallows the prose up to the next '$$'. The '$$' are
        # counted on from the last line asked about (a 10 MB paragraph stays linear).
        if silent and state.parentType == "paragraph":
            if counted["paragraph"] != state.line or counted["upto"] > start:
                counted.update(paragraph=state.line, upto=state.line, dollars=0)
            lines = state.src[state.bMarks[counted["upto"]] : state.bMarks[start]]
            counted["dollars"] += lines.count("$$")
            counted["upto"] = start
            if counted["dollars"] % 2:
                return False
        return environment_block(state, start, end, silent)

    alternatives = ["paragraph", "reference", "blockquote", "list", "footnote_def"]
    md.block.ruler.at("amsmath", environment_unless_inside_dollars, {"alt": alternatives})
    return md


def read(text: str, path: str) -> Document:
    """The math pieces and the front-matter context of the Markdown ``text``."""
    lines = text.splitlines()
    document = Document(path, "markdown", lines)
    section, last = 0, [""]
    tokens = _parser().parse(text)
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            document.context = _front_matter(token.content, path)
        elif token.type == "heading_open":
            section += 1  # a new part: the definitions (not the laws) stated before it stop
        elif token.type in ("math_block", "math_block_label", "amsmath"):
            start = token.map[0] if token.map else 0
            line = _first_line(lines, start, token.content)
            environment = _environment(token.content) if token.type == "amsmath" else None
            end = _last_line(lines, token.map[1] if token.map else line, line)
            # ``line`` is where the first non-blank text is: the rows count their lines from it
            text = token.content.lstrip()
            piece = Piece(text, line, True, environment, "", section, end)
            document.pieces.append(piece)
        elif token.type == "fence" and token.info.strip().lower() == "math":
            document.pieces.append(_fenced(token, lines, section))
        elif token.type == "inline" and token.children:
            start = token.map[0] if token.map else 0
            _inline(document, token, start, section, last)
        del index
    return document


def _fenced(token, lines: list[str], section: int) -> Piece:
    r"""A fenced ```` ```math ```` block as a display: its body starts on the line after the fence
    and ends before the closing fence (or at the end of the file, when it is never closed).

    Example:
        >>> doc = read("Then\n\n```math\na = b\n```\n", "x.md")
        >>> [(p.line, p.text, p.display) for p in doc.pieces]
        [(4, 'a = b\n', True)]
    """
    start, stop = token.map if token.map else (0, 1)
    line = _first_line(lines, start + 1, token.content)
    end = _last_line(lines, stop - 1, line)
    environment = _environment(token.content)
    return Piece(token.content.lstrip(), line, True, environment, "", section, end)


def _inline(document: Document, token, start: int, section: int, last: list) -> None:
    r"""Inline math of one paragraph: ``$…$`` as prose math, a ``$$…$$`` on its own as a
    display (kramdown writes displays this way). A paragraph that opens with math (a list's
    item, "- $\mu_1 = …$") reads on from the prose before it ("Where:")."""
    prose, offset, source = [last[0]] if not token.content[:1].isalpha() else [], 0, token.content
    children = token.children
    # Linear in the paragraph (a 10 MB file can be one paragraph): the lines and the prose
    # before each formula are carried along, never recounted from the paragraph's start.
    alone = len([c for c in children if c.type != "softbreak"]) == 1
    tail, newlines, counted = " ".join(prose), 0, 0

    def said(words: str) -> None:
        nonlocal tail
        prose.append(words)
        tail = (f"{tail} {words}" if len(prose) > 1 else words)[-400:]

    for child in children:
        if child.type in ("text", "code_inline"):
            said(child.content)
        elif child.type == "softbreak":
            said(" ")
        elif child.type in ("math_inline", "math_inline_double"):
            found = source.find(child.content, offset)
            if found >= 0:
                newlines += source.count("\n", counted, found)
                counted = found
            offset = found + len(child.content) if found >= 0 else offset
            line = start + 1 + newlines
            double = child.type == "math_inline_double"
            display = double and (alone or _on_own_line(source, found))
            set_off = double and not display  # "the variance is $$\\sigma^2 = …$$"
            piece = Piece(child.content, line, display, None, tail[-200:], section, 0, set_off)
            document.pieces.append(piece)
            said(" $ ")
    words = " ".join(p for p in prose if p.strip() not in ("", "$"))
    last[0] = words[-200:]


def _on_own_line(source: str, found: int) -> bool:
    if found < 0:
        return False
    before = source.rfind("\n", 0, found)
    head = source[before + 1 : found].strip()
    return head in ("$$", "")


def _last_line(lines: list[str], stop: int, first: int) -> int:
    """The last non-blank line of a block that ends before 0-based ``stop``."""
    last = min(stop, len(lines))
    while last > first and not lines[last - 1].strip():
        last -= 1
    return max(last, first)


def _first_line(lines: list[str], start: int, content: str) -> int:
    """The 1-based line where ``content`` starts, at or after the block's first line."""
    first = content.strip().splitlines()[0].strip() if content.strip() else ""
    for number in range(start, min(len(lines), start + 3)):
        if first and first in lines[number]:
            return number + 1
    return start + 1


def _environment(content: str) -> str | None:
    head = content.strip()
    if head.startswith("\\begin{"):
        return head[len("\\begin{") : head.find("}")]
    return None


def _front_matter(content: str, path: str) -> dict:
    import yaml

    try:
        data = yaml.safe_load(content) or {}
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" line {where.line + 2}" if where is not None else ""
        raise UsageError(f"{path}:{line.strip() or '1'}: the front matter is not YAML") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: the front matter must be a YAML mapping")
    if isinstance(data.get("derive"), dict):
        return data["derive"]
    # No 'derive:' block: the front matter is the page's own (a Jekyll or Hugo post's layout,
    # title, author, tags…); only derive's keys are read from it (a misspelt one is not).
    from .context import KEYS

    return {key: value for key, value in data.items() if key in KEYS}
