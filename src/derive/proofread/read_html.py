r"""Reading a saved HTML page whose mathematics is MathJax or KaTeX source in the text:
``\( … \)`` inline, ``\[ … \]`` and ``$$ … $$`` displays. Python's ``html.parser`` gives the
text (``script``, ``style`` and ``head`` skipped, entities decoded, line numbers kept); a small
scanner finds the delimiters in it. ``<script type="math/tex">`` (MathJax 2's saved form) is
read as math: ``mode=display`` a display.

Example:
    >>> doc = read("<p>So \\[ a = b \\] and \\( c = d \\)</p>", "x.html")
    >>> [(p.text.strip(), p.display) for p in doc.pieces]
    [('a = b', True), ('c = d', False)]
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..errors import UsageError
from .model import Document, Piece

_SKIPPED = {"script", "style", "head", "title", "noscript"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}  # the definitions (not the laws) stop
_DELIMITERS = (("\\[", "\\]", True), ("$$", "$$", True), ("\\(", "\\)", False))


class _Text(HTMLParser):
    """The page's text, as (line, text) chunks, and MathJax 2 script math."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[int, str, int]] = []  # (line, text, section)
        self.scripts: list[tuple[int, str, bool, int]] = []
        self.skipping: list[str] = []
        self.math_script: bool | None = None
        self.section = 0

    def handle_starttag(self, tag, attrs):
        kinds = dict(attrs).get("type") or ""
        if tag == "script" and kinds.startswith("math/tex"):
            self.math_script = "mode=display" in kinds
            return
        if tag in _SKIPPED:
            self.skipping.append(tag)
        if tag in _HEADINGS:
            self.section += 1

    def handle_endtag(self, tag):
        if tag == "script" and self.math_script is not None:
            self.math_script = None
            return
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        line = self.getpos()[0]
        if self.math_script is not None:
            self.scripts.append((line, data, self.math_script, self.section))
        elif not self.skipping:
            self.chunks.append((line, data, self.section))


def read(text: str, path: str) -> Document:
    """The math pieces of the HTML page ``text``."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    document = Document(path, "html", text.splitlines())
    joined, where = _joined(parser.chunks)
    found = _scan(joined, where, path)
    found += [(line, body, display, "", section) for line, body, display, section in parser.scripts]
    for line, body, display, prose, section in sorted(found, key=lambda f: f[0]):
        document.pieces.append(Piece(body, line, display, None, prose, section))
    return document


def _joined(chunks: list) -> tuple[str, list]:
    """The text chunks as one string, and for each character offset its (line, section)."""
    parts, where, offset = [], [], 0
    for line, data, section in chunks:
        parts.append(data + " ")  # a space between elements: "Title" and "Let" stay words
        where.append((offset, line, section))
        offset += len(data) + 1
    return "".join(parts), where


class _Positions:
    """The (line, section) of offsets met in increasing order, each found in time linear in
    the distance from the last one: a page that is one 10 MB text chunk (every display in one
    ``<p>``) had its newlines counted again from the chunk's start for each formula."""

    def __init__(self, where: list, text: str):
        self.where, self.text = where, text
        self.starts = [w[0] for w in where]
        self.index, self.counted, self.newlines = -1, 0, 0

    def __call__(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        index = max(0, bisect_right(self.starts, offset) - 1)
        start, line, section = self.where[index] if self.where else (0, 1, 0)
        if index != self.index or offset < self.counted:  # a new chunk: count from its start
            self.index, self.counted, self.newlines = index, start, 0
        self.newlines += self.text.count("\n", self.counted, offset)
        self.counted = offset
        return line + self.newlines, section


def _scan(text: str, where: list, path: str) -> list:
    """Every delimited formula: (line, body, display, prose before, section). Linear in the
    page: it jumps from one backslash or dollar to the next."""
    found, i, position = [], 0, _Positions(where, text)
    following = {"\\": -1, "$": -1}  # the next of each character at or after i, or len(text)
    while i < len(text):
        for char, at in following.items():
            if at < i:
                found_at = text.find(char, i)
                following[char] = found_at if found_at >= 0 else len(text)
        i = min(following.values())
        if i >= len(text):
            break
        for opening, closing, display in _DELIMITERS:
            if text.startswith(opening, i):
                end = text.find(closing, i + len(opening))
                line, section = position(i)
                if end < 0:
                    raise UsageError(f"{path}:{line}: {opening} is never closed by {closing}")
                body = text[i + len(opening) : end]
                prose = " ".join(text[max(0, i - 200) : i].split())
                found.append((line, body, display, prose, section))
                i = end + len(closing)
                break
        else:
            i += 2 if text.startswith("\\$", i) else 1
    return found
