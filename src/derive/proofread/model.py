"""The objects of proofreading: math pieces found in a document, the rows of a display, the
links between rows, and the verdict on each link.

Data flows one way: a reader turns a file into a :class:`Document` (its math pieces, in order),
``chains`` turns the pieces into :class:`Link` objects, ``check`` decides each link into a
:class:`Checked`, and ``report``/``annotate`` render the checked links.

Example:
    >>> piece = Piece("a = b", line=3, display=True)
    >>> piece.line, piece.display
    (3, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What a link's verdict can be, from the most to the least favourable.
HOLDS, FAILS, UNDECIDED = "holds", "fails", "undecided"
NOT_READ, NOT_A_STEP, APPROXIMATION, NOT_CHECKED = (
    "not read",
    "not a step",
    "approximation",
    "not checked",
)


@dataclass(frozen=True)
class Piece:
    """A piece of mathematics as the document wrote it.

    Attributes:
        text: the LaTeX source, without its delimiters (``$$``, ``\\[``, ``\\begin{align}``).
        line: the 1-based line of the file where ``text`` starts.
        display: a displayed formula (True) or inline math in prose (False).
        environment: the environment that held it (``align*``, ``equation``), if any.
        prose: for inline math, the sentence text before it (to see "where", "let").
        section: the number of headings seen before the piece (definitions stop at one).
        end: the 1-based last line of the piece in the file (0: the same as ``line``).
        set_off: inline math the author set off between ``$$`` inside a sentence ("the
            variance is $$\\sigma^2 = …$$"): a statement of the sentence, not a mention.
    """

    text: str
    line: int
    display: bool
    environment: str | None = None
    prose: str = ""
    section: int = 0
    end: int = 0
    set_off: bool = False

    @property
    def last_line(self) -> int:
        """The last line of the piece (where an annotation goes after it)."""
        return max(self.end, self.line + self.text.strip("\n").count("\n"))


@dataclass
class Document:
    """A file's mathematics, in reading order, and the context it declares.

    Attributes:
        path: the file as given.
        kind: ``markdown``, ``latex`` or ``html``.
        lines: the file's text, split into lines (for the annotated copy).
        pieces: the math pieces, in order.
        context: declarations from front matter or a ``% derive:`` block (a dict).
        refused: constructs the reader refused (``\\input`` …), as (line, what) pairs.
    """

    path: str
    kind: str
    lines: list[str]
    pieces: list[Piece] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    refused: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """One link of a chain: ``lhs relation rhs``, as written and as normalized.

    Attributes:
        line: the 1-based line of the right-hand side (where the reader sees the step).
        relation: ``=``, ``\\propto``, ``\\sim``, ``\\approx``, ``:=``, ``\\le`` …
        lhs, rhs: the two sides, normalized to claim text.
        section: the section of the display (see :class:`Piece`).
        problem: why the link cannot be read at all (empty when it can be tried).
        inline: a definition or declaration stated in prose (inline math), not a step.
        fresh: the left side heads its chain and uses a name the document had not used
            before: the line introduces that name (a definition), it is not a step.
        end: the last line of the display the link is in (where a note can follow it).
        chain: the number of the chain the link belongs to (-1: none, a statement in prose).
        bridge: not a line of the document but its chain as a whole, first side against last,
            checked because a line in between could not be read.
        alone: not a link but its right side on its own (``lhs``; ``relation`` and ``rhs``
            empty), checked for its shapes because the link failed on shapes its left side
            carried from the line before: a slip of the right side's own still shows.
    """

    line: int
    relation: str
    lhs: str
    rhs: str
    section: int = 0
    problem: str = ""
    inline: bool = False
    fresh: bool = False
    end: int = 0
    chain: int = -1
    bridge: bool = False
    alone: bool = False

    @property
    def claim(self) -> str:
        """The claim text ``derive check`` would be given (a side alone is a question)."""
        return self.lhs if self.alone else f"{self.lhs} {self.relation} {self.rhs}"


@dataclass(frozen=True)
class Checked:
    """A link and its verdict.

    Attributes:
        link: the link.
        verdict: ``holds``, ``fails``, ``undecided``, ``not read``, ``not a step``,
            ``approximation`` or ``not checked``.
        strength: for a link that holds: ``proof`` or ``numeric`` (evidence, not proof).
        reason: the method, the counterexample, or why it was not decided or read.
        read_as: how derive read the claim (empty when it was not read).
        givens: the givens the decision used.
    """

    link: Link
    verdict: str
    strength: str = ""
    reason: str = ""
    read_as: str = ""
    givens: tuple = ()

    @property
    def mark(self) -> str:
        """A one-character mark for the annotated copy."""
        return {HOLDS: "✓", FAILS: "✗", UNDECIDED: "?"}.get(self.verdict, "·")
