"""Words with a little Unicode mathematics in them (rule names, captions, titles) as LaTeX.

A run of mathematical words — ``xᵀΣᵢ⁻¹μᵢ = μᵢᵀΣᵢ⁻¹x`` — becomes one formula
(``$x^{\\top}\\Sigma_{i}^{-1}\\mu_{i} = \\mu_{i}^{\\top}\\Sigma_{i}^{-1}x$``) rather than a
string of one-character formulas, so subscripts sit on their letters and spacing is TeX's.

Example:
    >>> escape("σ₁ > 0 & 50%")
    '$\\\\sigma_{1} > 0$ \\\\& 50\\\\%'
    >>> escape("drop μᵢ²/σᵢ², constant in x")
    'drop $\\\\mu_{i}^{2}/\\\\sigma_{i}^{2}$, constant in $x$'
    >>> escape("the ε-parametrization")
    'the $\\\\varepsilon$-parametrization'
    >>> escape("9 hold at n = 1, 2; 2 hold numerically")
    '9 hold at $n = 1, 2$; 2 hold numerically'
"""

from __future__ import annotations

import re

from ..errors import DerivationError

# Characters that are mathematics, as LaTeX math-mode source.
_MATH = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ϵ": r"\epsilon", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "σ": r"\sigma",
    "τ": r"\tau", "φ": r"\varphi", "ϕ": r"\phi", "ψ": r"\psi", "ω": r"\omega", "Σ": r"\Sigma",
    "ᾱ": r"\bar{\alpha}", "ȳ": r"\bar{y}", "−": "-", "‖": r"\|", "½": r"\tfrac{1}{2}",
    "≤": r"\le", "≥": r"\ge", "∝": r"\propto", "·": r"\cdot", "×": r"\times", "∈": r"\in",
    "ℝ": r"\mathbb{R}", "⇒": r"\Rightarrow", "√": r"\surd", "∂": r"\partial", "∞": r"\infty",
    "≠": r"\ne", "∏": r"\prod", "∑": r"\sum", "≻": r"\succ", "≈": r"\approx", "∫": r"\int",
    "⊥": r"\perp", "˜": r"\sim", "∼": r"\sim", "→": r"\to", "⊤": r"^{\top}",
}  # fmt: skip
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", "0123456789+-aehijklmnoprstuvx", strict=True))
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻ⁿᵀ", "0123456789-nT", strict=True))
_ACCENT = {"\u0304": r"\bar", "\u0303": r"\tilde", "\u0302": r"\hat"}
# Text characters that are not mathematics.
_TEXT = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "§": r"\S{}", "–": "--", "—": "---", "’": "'", "′": "'", "…": r"\dots{}",
}  # fmt: skip
_OPERATORS = {"=", "+", "<", ">", "|", "/", "-", "~"}
_FUNCTIONS = {"log": r"\log", "exp": r"\exp", "tr": r"\operatorname{tr}", "det": r"\det"}
# Greek letters spelled out, as SymPy names them (Sigma_1): the letter in a formula.
_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "pi", "sigma", "tau",
    "phi", "psi", "omega", "Sigma", "Delta", "Gamma", "Lambda", "Phi", "Omega",
}  # fmt: skip
# A formula written in ASCII: a function applied (h(P), log(a/b), E_P[…]), or a name with a
# subscript (x_t, L_DDPM, Sigma_1).
_CALL = re.compile(r"[-−]?([A-Za-z]{1,3}|[A-Za-z]_[A-Za-z0-9]+)[(\[]")
_SUBSCRIPTED = re.compile(
    r"([A-Za-z]|" + "|".join(sorted(_GREEK)) + r")_(\{[^}]*\}|[A-Za-z0-9]{1,6})"
)
_PUNCTUATION = ",;:."


def _is_math_char(ch: str) -> bool:
    return ch in _MATH or ch in _SUB or ch in _SUP or ch in _ACCENT


def _mathy(word: str) -> bool:
    """A word that is a formula: it holds a mathematical character, or is one letter."""
    core = word.strip(_PUNCTUATION + "()")
    letter = len(core) == 1 and core.isalpha() and core not in "aA"
    letter = letter or _SUBSCRIPTED.fullmatch(core) is not None
    letter = letter or _CALL.match(word.lstrip("(")) is not None
    return letter or any(_is_math_char(ch) for ch in word)


def _joins(word: str) -> bool:
    """A word that belongs to a formula next to one: an operator, one letter (not the
    article 'a'), a number, or something with brackets or an underscore."""
    core = word.strip(_PUNCTUATION)
    if not core or any(not ch.isascii() and ch in _TEXT for ch in core):
        return False
    if core in _OPERATORS or (len(core) == 1 and core.isalpha() and core != "a"):
        return True
    if core in _FUNCTIONS or re.fullmatch(r"[a-z][A-Z]", core):  # log; aX (not a word)
        return True
    letters = max((len(r) for r in re.findall("[A-Za-z]+", core)), default=0)
    if letters > 3:  # a word of text, even in brackets
        return False
    inner = core.strip("()[]")
    if inner in _OPERATORS or (len(inner) == 1 and inner.isalpha() and inner != "a"):
        return True
    return any(c in inner for c in "()[]|_^/=+0123456789")


def escape(words: str) -> str:
    """Plain text made safe for LaTeX; its runs of mathematics become formulas. Text with a
    backslash is someone's LaTeX source, shown as typed (each symbol on its own)."""
    return "".join(f"${piece}$" if is_math else _text(piece) for is_math, piece in pieces(words))


def pieces(words: str) -> list[tuple[bool, str]]:
    """``words`` as ``(is_math, piece)`` runs: the text as written, each formula as LaTeX
    math-mode source. The LaTeX documents set them with :func:`escape`; the web pages write
    the text as HTML and the formulas as MathML, so both show the same mathematics.

    Example:
        >>> pieces("drop μᵢ², constant in x")
        [(False, 'drop '), (True, '\\\\mu_{i}^{2}'), (False, ', constant in '), (True, 'x')]
    """
    if "\\" in words:
        return [(False, words)]
    tokens = words.split(" ")
    flags = [_mathy(t) and not _hyphened(t) for t in tokens]
    # A semicolon or colon outside brackets ends a clause: "n = 1, 2, 8; 2 holds" is a formula, then
    # words (the one of N(x; μ, σ²) is the formula's own).
    ends, depth = [], 0
    for t in tokens:
        depth += sum(t.count(b) for b in "([{") - sum(t.count(b) for b in ")]}")
        ends.append(t.endswith((";", ":")) and depth <= 0)
    for _ in range(2):  # joiners next to a formula belong to it (twice: `x = y` chains)
        for i, t in enumerate(tokens):
            before = i > 0 and flags[i - 1] and not ends[i - 1]
            after = i + 1 < len(tokens) and flags[i + 1] and not ends[i]
            if not flags[i] and (before or after) and _joins(t):
                flags[i] = True
            elif (
                not flags[i]
                and before
                and t.strip(_PUNCTUATION) == "a"
                and (after or (i + 1 == len(tokens) and t == "a"))
            ):
                flags[i] = True  # log a − log b: a symbol between two formulas, no article
    out: list[tuple[bool, str]] = []
    run: list[str] = []

    def text(piece: str) -> None:
        if out and not out[-1][0]:
            out[-1] = (False, out[-1][1] + piece)
        else:
            out.append((False, piece))

    def flush(space: str) -> None:
        for is_math, piece in _formula(" ".join(run)):
            out.append((True, piece)) if is_math else text(piece)
        run.clear()
        text(space)

    for i, (token, is_math, end) in enumerate(zip(tokens, flags, ends, strict=True)):
        space = " " if i + 1 < len(tokens) else ""
        if is_math:
            run.append(token)
            if end:
                flush(space)
            continue
        if run:
            flush(" ")
        hyphened = _hyphened(token)
        if hyphened:  # ε-parametrization: the symbol, then a hyphen, not a minus
            out.append((True, _math(hyphened.group(1))))
            text(f"-{hyphened.group(2)}{space}")
        else:
            text(token + space)
    if run:
        flush("")
    return [(is_math, piece) for is_math, piece in out if piece]


def _hyphened(token: str) -> re.Match | None:
    """A symbol joined by a hyphen to a word, as in ε-parametrization or μ-term."""
    match = re.fullmatch(r"([^\s-]{1,3})-([A-Za-z]{4,}[,;:.)]*)", token)
    return match if match and any(_is_math_char(ch) for ch in match.group(1)) else None


def _formula(words: str) -> list[tuple[bool, str]]:
    """Words of mathematics as a formula, leading/trailing punctuation and stray brackets
    left outside as text: ``(is_math, piece)`` runs."""
    head = re.match(r"^[(\[]*", words).group()
    tail = re.search(r"[,;:.)\]]*$", words).group()
    core = words[len(head) : len(words) - len(tail)]
    # Keep brackets the formula itself opens or closes.
    while head and core.count(")") + core.count("]") > core.count("(") + core.count("["):
        core, head = head[-1] + core, head[:-1]
    while tail and core.count("(") + core.count("[") > core.count(")") + core.count("]"):
        if tail[0] not in ")]":
            break
        core, tail = core + tail[0], tail[1:]
    if not core:
        return [(False, words)]
    return [(False, head), (True, _math(core)), (False, tail)]


def _math(words: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(words):
        ch = words[i]
        if ch in _SUB or ch in _SUP:
            table, mark = (_SUB, "_") if ch in _SUB else (_SUP, "^")
            j = i
            while j < len(words) and words[j] in table:
                j += 1
            script = "".join(table[c] for c in words[i:j]).replace("T", r"\top")
            if out:
                out[-1] = out[-1].rstrip()
            out.append(f"{mark}{{{script}}}")
            i = j
            continue
        if ch in "_^" and i + 1 < len(words) and words[i + 1].isascii() and words[i + 1].isalnum():
            j = i + 1  # x_ab: the whole run is the script, as the text means it
            while j < len(words) and words[j].isascii() and words[j].isalnum():
                j += 1
            out.append(f"{ch}{{{words[i + 1 : j]}}}")
            i = j
            continue
        if ch in _ACCENT and out:
            out[-1] = rf"{_ACCENT[ch]}{{{out[-1].rstrip()}}}"
        elif ch.isascii() and ch.isalpha():
            j = i
            while j < len(words) and words[j].isascii() and words[j].isalpha():
                j += 1
            name, after = words[i:j], words[j : j + 1]
            if name in _FUNCTIONS:
                shown = _FUNCTIONS[name]
            elif name in _GREEK:
                shown = "\\" + name + " "
            elif name == "E" and after in ("_", "["):
                shown = r"\mathbb{E}"  # an expectation, as the steps print it
            elif name == "N" and after == "(":
                shown = r"\mathcal{N}"  # a normal law
            else:
                shown = name if len(name) <= 2 else rf"\mathrm{{{name}}}"
            out.append(shown)
            i = j
            continue
        elif ch == "√" and words[i + 1 : i + 2] == "(" and _closing(words, i + 1) > 0:
            end = _closing(words, i + 1)  # √(1 − β): the root over what the brackets hold
            out.append(rf"\sqrt{{{_math(words[i + 2 : end])}}}")
            i = end + 1
            continue
        elif ch in _MATH:
            command = _MATH[ch]
            out.append(command + (" " if command[-1].isalpha() else ""))
        elif ch in "%&#$":
            out.append("\\" + ch)
        elif ch == "~":
            out.append(r"\sim ")
        elif ch == "\\":
            out.append(r"\backslash ")
        elif ch in _TEXT and not ch.isascii():
            out.append(rf"\text{{{_TEXT[ch]}}}")
        elif ord(ch) > 0x7F:
            raise DerivationError(f"cannot typeset {ch!r} in LaTeX: {words!r}")
        else:
            out.append(ch)
        i += 1
    return "".join(out).strip()


def _closing(words: str, start: int) -> int:
    """Where the bracket opened at ``start`` closes (-1 if it does not)."""
    depth = 0
    for j in range(start, len(words)):
        depth += {"(": 1, ")": -1}.get(words[j], 0)
        if depth == 0:
            return j
    return -1


def _text(words: str) -> str:
    out = []
    for ch in words:
        if ch in _ACCENT and out:
            out[-1] = rf"\={out[-1]}" if ch == "\u0304" else rf"\~{out[-1]}"
            continue
        if ch in _MATH:
            out.append(f"${_MATH[ch]}$")
            continue
        if ch not in _TEXT and ord(ch) > 0xFF:
            raise DerivationError(f"cannot typeset {ch!r} in LaTeX text: {words!r}")
        out.append(_TEXT.get(ch, ch))
    return "".join(out)
