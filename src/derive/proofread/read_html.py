r"""Reading a saved HTML page whose mathematics is MathJax or KaTeX source in the text:
``\( … \)`` inline, ``\[ … \]`` and ``$$ … $$`` displays. Python's ``html.parser`` gives the
text (``script``, ``style`` and ``head`` skipped, entities decoded, line numbers kept); a small
scanner finds the delimiters in it. ``<script type="math/tex">`` (MathJax 2's saved form) is
read as math: ``mode=display`` a display. Two more forms are read as the page's own script
would render them: ``$…$`` inline math when the page's MathJax or KaTeX configuration names
``$`` as an inline delimiter (``inlineMath: [['$', '$'], …]``, Lilian Weng's blog among many;
no default does), and a bare ``\begin{align}…\end{align}`` in the text (MathJax processes
environments by default).

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
_DOLLAR = ("$", "$", False)  # inline, when the page's configuration says so
# Display environments MathJax renders in the page text (processEnvironments), starred or not.
_ENVIRONMENTS = ("align", "equation", "gather", "multline", "eqnarray", "flalign", "alignat")
_LONGEST_INLINE = 2000  # a '$' with no closing one this near is a dollar sign, not math


class _Text(HTMLParser):
    """The page's text, as (line, text) chunks, and MathJax 2 script math."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[int, str, int]] = []  # (line, text, section)
        self.scripts: list[tuple[int, str, bool, int]] = []
        self.skipping: list[str] = []
        self.math_script: bool | None = None
        self.script: list[str] | None = None  # the text of the script being read
        self.scripts_text: list[str] = []  # every other script's text (the configuration)
        self.section = 0

    def handle_starttag(self, tag, attrs):
        kinds = dict(attrs).get("type") or ""
        if tag == "script" and kinds.startswith("math/tex"):
            self.math_script = "mode=display" in kinds
            return
        if tag == "script":
            self.script = []
        if tag in _SKIPPED:
            self.skipping.append(tag)
        if tag in _HEADINGS:
            self.section += 1

    def handle_endtag(self, tag):
        if tag == "script" and self.math_script is not None:
            self.math_script = None
            return
        if tag == "script" and self.script is not None:
            self.scripts_text.append("".join(self.script))
            self.script = None
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        line = self.getpos()[0]
        if self.math_script is not None:
            self.scripts.append((line, data, self.math_script, self.section))
        elif self.script is not None:
            self.script.append(data)
        elif not self.skipping:
            self.chunks.append((line, data, self.section))


def read(text: str, path: str) -> Document:
    """The math pieces of the HTML page ``text``."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    document = Document(path, "html", text.splitlines())
    joined, where = _joined(parser.chunks)
    found = _scan(joined, where, path, dollars_inline(parser.scripts_text))
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


def dollars_inline(scripts: list[str]) -> bool:
    """Whether the page's scripts configure ``$…$`` as inline math: MathJax's ``inlineMath``
    or KaTeX auto-render's ``delimiters`` listing a single ``$`` pair.

    Example:
        >>> dollars_inline(["MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']]}}"])
        True
        >>> dollars_inline(['renderMathInElement(document.body, {delimiters: '
        ...                 '[{left: "$$", right: "$$", display: true}]})'])
        False
    """
    for script in scripts:
        plain = "".join(script.split()).replace('"', "'")
        if "['$','$']" in plain or "left:'$',right:'$'" in plain:
            return True
    return False


def _environment_at(text: str, i: int) -> str | None:
    """The display environment a bare ``\\begin{…}`` at ``i`` opens (MathJax renders it), or
    None."""
    if not text.startswith("\\begin{", i):
        return None
    close = text.find("}", i + 7)
    name = text[i + 7 : close] if close > 0 else ""
    return name if name.rstrip("*") in _ENVIRONMENTS else None


def _closing_dollar(text: str, i: int) -> int:
    """Where the ``$`` that closes the one at ``i`` is, or -1 (then it is a dollar sign): the
    rules Pandoc's ``tex_math_dollars`` reads by, within a bounded stretch of text. The math
    starts with no space after the opening one; a closing one has no space before it, no
    digit after it, and is not half of a ``$$``.

    Example:
        >>> _closing_dollar("pay $5 or $6.", 4), _closing_dollar("$a + b$ c", 0)
        (-1, 6)
    """
    if i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] == "$":
        return -1
    stop = min(len(text), i + 1 + _LONGEST_INLINE)
    end = text.find("$", i + 1, stop)
    while end >= 0:
        after = text[end + 1 : end + 2]
        if text[end - 1] not in " \t\n\\" and not after.isdigit() and after != "$":
            return end
        if after == "$":
            return -1  # a display starts: an inline formula does not run into it
        end = text.find("$", end + 1, stop)
    return -1


def _scan(text: str, where: list, path: str, dollars: bool = False) -> list:
    """Every delimited formula: (line, body, display, prose before, section). Linear in the
    page: it jumps from one backslash or dollar to the next. With ``dollars``, ``$…$`` is
    inline math (a ``$`` with no closing one near it is a dollar sign); a bare display
    environment is a display (its body keeps the ``\\begin``/``\\end``, as amsmath's are)."""
    delimiters = _DELIMITERS + ((_DOLLAR,) if dollars else ())
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
        environment = _environment_at(text, i)
        if environment is not None:
            closing = f"\\end{{{environment}}}"
            end = text.find(closing, i)
            line, section = position(i)
            if end < 0:
                raise UsageError(f"{path}:{line}: \\begin{{{environment}}} is never closed")
            prose = " ".join(text[max(0, i - 200) : i].split())
            found.append((line, text[i : end + len(closing)], True, prose, section))
            i = end + len(closing)
            continue
        for opening, closing, display in delimiters:
            if text.startswith(opening, i):
                if opening == "$":  # the closing one near, or a dollar sign (linear: bounded)
                    end = _closing_dollar(text, i)
                    if end < 0:
                        i += 1
                        break
                else:
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
